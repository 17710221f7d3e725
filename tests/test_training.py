"""The student stage on the tiny model: multitask loss, precision, truncation guard, resume, predictions (CPU)."""

from __future__ import annotations

import csv
import itertools
import json
import platform
import shutil
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("trl")
peft = pytest.importorskip("peft")

import finstep  # noqa: E402
from conftest import tiny_student  # noqa: E402
from finstep.datasets.predicted import predicted_rows, prompt_digest  # noqa: E402
from finstep.errors import FinstepError  # noqa: E402
from finstep.evaluation.model_card import model_card  # noqa: E402
from finstep.io import read_jsonl, sha256_file, write_json, write_jsonl  # noqa: E402
from finstep.models.loading import quantization_config, require_bitsandbytes  # noqa: E402
from finstep.tiny_model import build_tiny_model  # noqa: E402
from finstep.training import completion_loss, trainlog  # noqa: E402
from finstep.training.adapter_check import write_adapter_check  # noqa: E402
from finstep.training.completion_loss import CompletionSFTTrainer  # noqa: E402
from finstep.training.data import (  # noqa: E402
    check_truncation,
    count_truncation,
    load_splits,
    token_lengths,
    trl_row,
)
from finstep.training.model import base_revision, load_base_model, load_tokenizer  # noqa: E402
from finstep.training.multitask import (  # noqa: E402
    multitask_loss,
    task_token_counts,
    token_losses,
    weighted_task_loss,
)
from finstep.training.precision import (  # noqa: E402
    Precision,
    device_precision,
    keep_trainable_fp32,
    return_freed_memory,
)
from finstep.training.predict import (  # noqa: E402
    fit_prompts,
    load_student,
    predict,
    reference_nll,
    render_prompt,
)
from finstep.training.train import (  # noqa: E402
    TrainingSettings,
    build_trainer,
    claim_checkpoints,
    eval_sample,
    last_checkpoint,
    sft_config,
    train_adapter,
)
from finstep.training.trainlog import COLUMNS, TimingColumns  # noqa: E402
from safetensors.torch import load_file  # noqa: E402

TEXTS = [
    f"{company} reported revenue of ${n}.{n % 10} billion in fiscal {2015 + n % 10}, up {n % 9 + 1}% on demand."
    for n, company in enumerate(["Acme", "Globex", "Initech", "Umbrella"] * 10, start=3)
]
# Settings shared by the uninterrupted and the resumed run, so their adapters must agree.
TRAINING = {
    "max_length": 128,
    "max_steps": 4,
    "save_steps": 2,
    "logging_steps": 1,
    "batch_size": 4,
    "grad_accum": 2,
}
ALPHA = 0.3


@pytest.fixture(scope="module")
def student(tmp_path_factory) -> dict:
    return tiny_student(tmp_path_factory.mktemp("student"), TEXTS)


@pytest.fixture(scope="module")
def plain_student(student, tmp_path_factory) -> dict:
    """The tiny model without its chat template: a base model, prompted with raw strings."""
    folder = tmp_path_factory.mktemp("plain") / "tiny"
    shutil.copytree(student["model"], folder)
    (folder / "chat_template.jinja").unlink()
    assert not load_tokenizer({"model": str(folder)}).chat_template
    return {"model": str(folder)}


def _row(id_: str, prompt: str, completion: str, task: str) -> dict:
    return {"id": id_, "prompt": prompt, "completion": completion, "task": task}


def _rows(texts: list[str], split: str) -> list[dict]:
    """Multitask rows: a summary per text and, outside the test split, a longer rationale."""
    rows = []
    for i, text in enumerate(texts):
        rows.append(_row(f"{split}{i}:summary", f"[summary] Summarize.\n\n{text}", text[:40], "summary"))
        if split != "test":
            rationale = f"1. {text}\n2. Revenue moved with demand."
            rows.append(
                _row(f"{split}{i}:rationale", f"[rationale] Explain.\n\n{text}", rationale, "rationale")
            )
    return rows


@pytest.fixture(scope="module")
def dataset_dir(tmp_path_factory) -> Path:
    """A multitask set: 24 train rows (12 summary, 12 rationale), 4 val, 4 test summaries."""
    folder = tmp_path_factory.mktemp("datasets") / "tiny_dss"
    splits = {
        "train": _rows(TEXTS[:12], "train"),
        "val": _rows(TEXTS[12:14], "val"),
        "test": _rows(TEXTS[14:18], "test"),
    }
    for name, rows in splits.items():
        write_jsonl(folder / f"{name}.jsonl", rows)
    sizes = {name: len(rows) for name, rows in splits.items()}
    write_json(
        folder / "split.json",
        {"dataset": "tiny_dss", "kind": "distill", "format": "multitask", "alpha": ALPHA, "sizes": sizes},
    )
    return folder


@pytest.fixture(scope="module")
def trained(student, dataset_dir, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("trained")
    out = work / "adapter"
    train_adapter(student, "tiny_dss", str(dataset_dir), TRAINING, str(out), str(work / "checkpoints"))
    return out


# --- the multitask loss ------------------------------------------------------------------------------


def test_multitask_loss_is_the_alpha_weighted_mean_of_each_tasks_own_tokens():
    torch.manual_seed(0)
    logits = torch.randn(2, 5, 7)
    labels = torch.tensor([[-100, -100, 3, 4, -100], [-100, 1, 2, 5, 6]])  # summary: 2 tokens, rationale: 4
    task_ids = torch.tensor([0, 1])

    def nll(row: int, t: int) -> torch.Tensor:  # position t is predicted from the logits at t - 1
        return -torch.log_softmax(logits[row, t - 1], dim=-1)[labels[row, t]]

    summary = torch.stack([nll(0, 2), nll(0, 3)]).mean()
    rationale = torch.stack([nll(1, t) for t in range(1, 5)]).mean()
    expected = ALPHA * summary + (1 - ALPHA) * rationale
    assert torch.allclose(multitask_loss(logits, labels, task_ids, ALPHA), expected)
    every_token = torch.stack([nll(0, 2), nll(0, 3)] + [nll(1, t) for t in range(1, 5)]).mean()
    assert not torch.allclose(expected, every_token)  # TRL's mean would weight the longer task more


def test_step_counts_make_micro_batch_losses_add_up_to_the_whole_batch():
    torch.manual_seed(1)
    logits = torch.randn(4, 6, 9)
    labels = torch.randint(0, 9, (4, 6))
    labels[:, :2] = -100
    labels[1, 4:] = -100
    task_ids = torch.tensor([0, 1, 1, 0])
    counts = task_token_counts(labels, task_ids)
    micro = sum(
        weighted_task_loss(
            *token_losses(logits[i : i + 2], labels[i : i + 2]), task_ids[i : i + 2], ALPHA, counts
        )
        for i in (0, 2)
    )
    assert torch.allclose(micro, multitask_loss(logits, labels, task_ids, ALPHA))


def _lora_grads(model) -> list:
    grads = [p.grad.clone() for p in model.parameters() if p.requires_grad]
    model.zero_grad()
    return grads


def test_the_multitask_loss_at_completion_positions_equals_the_loss_from_full_logits(
    student, dataset_dir, tmp_path, monkeypatch
):
    # several vocabulary tiles, as a real vocabulary has
    monkeypatch.setattr(completion_loss, "VOCAB_CHUNK", 64)
    splits = load_splits(str(dataset_dir))
    settings = TrainingSettings(**TRAINING)
    trainer, _ = build_trainer(student, splits, settings, ALPHA, device_precision(), str(tmp_path))
    batch = next(iter(trainer.get_train_dataloader()))
    assert set(batch["task_ids"].tolist()) <= {0, 1}  # the task reaches the batch through the collator
    model = trainer.model.eval()  # no LoRA dropout: both forwards see the same weights
    loss = trainer.compute_loss(model, dict(batch))
    loss.backward()
    inputs = {k: v for k, v in batch.items() if k not in ("labels", "task_ids")}
    full = multitask_loss(model(**inputs).logits, batch["labels"], batch["task_ids"], ALPHA)
    grads = _lora_grads(model)
    full.backward()
    assert abs(loss.item() - full.item()) < 1e-5
    assert all(torch.allclose(a, b, atol=1e-6) for a, b in zip(grads, _lora_grads(model), strict=True))


@pytest.fixture
def summaries_dir(dataset_dir, tmp_path) -> Path:
    """The multitask set's summary rows alone: a single-task set."""
    folder = tmp_path / "summaries"
    for split in ("train", "val", "test"):
        write_jsonl(
            folder / f"{split}.jsonl",
            [r for r in read_jsonl(dataset_dir / f"{split}.jsonl") if r["task"] == "summary"],
        )
    write_json(folder / "split.json", {"dataset": "summaries", "format": "summary", "sizes": {"train": 12}})
    return folder


def test_the_single_task_loss_at_completion_positions_equals_the_models_own_loss(
    student, summaries_dir, tmp_path, monkeypatch
):
    """TRL's loss (mean NLL of the completion tokens), computed at those positions only, with the same gradients.

    The projection sees the completion tokens alone, not the prompt or padding: the CPU's memory and time.
    """
    projected = []
    apply = completion_loss.ChunkedLogProbFunction.apply
    monkeypatch.setattr(completion_loss, "VOCAB_CHUNK", 64)
    monkeypatch.setattr(
        completion_loss.ChunkedLogProbFunction,
        "apply",
        lambda hidden, *args: projected.append(len(hidden)) or apply(hidden, *args),
    )
    splits = load_splits(str(summaries_dir))
    settings = TrainingSettings(**TRAINING)
    trainer, _ = build_trainer(student, splits, settings, None, device_precision(), str(tmp_path))
    assert type(trainer) is CompletionSFTTrainer
    batch = next(iter(trainer.get_train_dataloader()))
    model = trainer.model.eval()
    loss = trainer.compute_loss(model, dict(batch))
    loss.backward()
    completion_tokens = int((batch["labels"][:, 1:] != -100).sum())
    assert projected == [completion_tokens] and completion_tokens < batch["labels"][:, 1:].numel()
    grads = _lora_grads(model)
    full = model(**batch).loss  # transformers' cross-entropy over the full logits
    full.backward()
    assert abs(loss.item() - full.item()) < 1e-5
    assert all(torch.allclose(a, b, atol=1e-6) for a, b in zip(grads, _lora_grads(model), strict=True))


# --- precision and model loading ---------------------------------------------------------------------


def _fake_gpu(monkeypatch, capability: tuple[int, int]) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: capability)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *args, **kwargs: True)  # what a T4 claims


def test_cpu_trains_in_fp32_with_torch_adamw():
    if torch.cuda.is_available():
        pytest.skip("a GPU is visible")
    precision = device_precision()
    assert (precision.device.type, precision.name) == ("cpu", "fp32")
    assert precision.trainer_args() == {
        "bf16": False,
        "fp16": False,
        "optim": "adamw_torch",
        "dataloader_pin_memory": False,
    }


def test_gradient_checkpointing_is_on_by_default_on_a_cpu_too_and_non_reentrant(tmp_path):
    precision = Precision(torch.device("cpu"), torch.float32)
    config = sft_config(TrainingSettings(), precision, str(tmp_path))
    assert config.activation_checkpointing
    assert config.activation_checkpointing_kwargs == {"use_reentrant": False}
    off = sft_config(TrainingSettings(gradient_checkpointing=False), precision, str(tmp_path))
    assert not off.activation_checkpointing


def test_freed_memory_goes_back_to_the_os_where_the_c_library_is_glibc():
    assert return_freed_memory() is (platform.libc_ver()[0] == "glibc")


def test_a_t4_trains_in_fp16_although_it_claims_bf16(monkeypatch):
    _fake_gpu(monkeypatch, (7, 5))
    precision = device_precision()
    assert (precision.device.type, precision.name) == ("cuda", "fp16")
    args = precision.trainer_args()
    assert args["fp16"] and not args["bf16"]
    assert args["optim"] == "paged_adamw_8bit"


def test_ampere_and_later_train_in_bf16(monkeypatch):
    _fake_gpu(monkeypatch, (8, 0))
    assert device_precision().name == "bf16"


def test_trainable_weights_go_back_to_fp32():
    model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)).to(torch.bfloat16)
    model[0].requires_grad_(False)
    assert keep_trainable_fp32(model) == 2  # weight and bias of the trainable layer
    assert model[1].weight.dtype == torch.float32 and model[0].weight.dtype == torch.bfloat16


def test_four_bit_loading_is_nf4_double_quant_in_the_compute_type():
    quantization = quantization_config({"load_in_4bit": True}, torch.bfloat16)
    assert quantization.load_in_4bit and quantization.bnb_4bit_quant_type == "nf4"
    assert quantization.bnb_4bit_use_double_quant and quantization.bnb_4bit_compute_dtype == torch.bfloat16
    assert quantization_config({"load_in_4bit": False}, torch.float32) is None


def test_four_bit_without_a_capable_bitsandbytes_stops_with_the_fix(monkeypatch):
    from importlib.metadata import PackageNotFoundError

    def missing(name):
        raise PackageNotFoundError(name)

    monkeypatch.setattr("finstep.models.loading.version", missing)
    with pytest.raises(
        FinstepError, match=r"m: load_in_4bit needs bitsandbytes>=0.50 .* found no bitsandbytes"
    ):
        require_bitsandbytes("m")
    monkeypatch.setattr("finstep.models.loading.version", lambda name: "0.45.5")
    with pytest.raises(FinstepError, match=r"found bitsandbytes 0.45.5; `pip install"):
        require_bitsandbytes("m")


def test_qlora_trains_on_a_cpu_in_nf4(student, dataset_dir, tmp_path):
    """Real 4-bit QLoRA without a GPU: NF4 base layers (bitsandbytes ≥ 0.50), fp32 LoRA weights and compute.

    bitsandbytes' CPU kernels quantize in blocks of 64 input features, so this model is 64 wide
    (the module's 32-wide one is not; every real model is).
    """
    import bitsandbytes

    folder = tmp_path / "tiny64"
    chunks = Path(student["model"]).parent / "chunks.jsonl"
    build_tiny_model(
        str(chunks), str(folder), vocab_size=400, hidden_size=64, layers=1, intermediate_size=128
    )
    quantized = {"model": str(folder), "load_in_4bit": True}
    base = load_base_model(quantized, Precision(torch.device("cpu"), torch.float32))
    layers = [m for m in base.modules() if isinstance(m, bitsandbytes.nn.Linear4bit)]
    assert layers and all(layer.weight.quant_type == "nf4" for layer in layers)
    out = tmp_path / "adapter"
    train_adapter(quantized, "tiny_dss", str(dataset_dir), TRAINING, str(out), str(tmp_path / "checkpoints"))
    run = json.loads((out / "run.json").read_text())
    assert run["hyperparameters"]["load_in_4bit"] and run["precision"] == "fp32" and run["steps"] == 4
    assert all(
        torch.isfinite(t).all() and t.dtype == torch.float32
        for t in load_file(out / "adapter_model.safetensors").values()
    )
    assert 0 < run["train_loss"] < 20
    assert (out / "adapter_model.safetensors").stat().st_mode & 0o044  # readable by the lab group


def test_a_model_folder_without_safetensors_is_refused(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    with pytest.raises(FinstepError, match=r"has no \*.safetensors weights; .* loads no pickled .bin files"):
        load_base_model({"model": str(tmp_path)}, Precision(torch.device("cpu"), torch.float32))


def test_a_hub_student_needs_a_pinned_revision():
    with pytest.raises(FinstepError, match="needs revision"):
        load_base_model({"model": "org/no-such-local-folder"}, Precision(torch.device("cpu"), torch.float32))


# --- data and the truncation guard -------------------------------------------------------------------


def test_rows_are_chat_turns_for_a_chat_template_and_strings_otherwise(student):
    row = {"prompt": "Summarize.", "completion": "Revenue rose."}
    assert trl_row(row, conversational=True) == {
        "prompt": [{"role": "user", "content": "Summarize."}],
        "completion": [{"role": "assistant", "content": "Revenue rose."}],
    }
    plain = trl_row(row, conversational=False)
    assert plain == row
    tokenizer = load_tokenizer(student)
    prompt, full = token_lengths(tokenizer, plain)
    expected = tokenizer("Summarize.Revenue rose." + tokenizer.eos_token)["input_ids"]
    assert (prompt, full) == (len(tokenizer("Summarize.")["input_ids"]), len(expected))  # TRL's EOS counted


def test_truncation_counts_prompts_that_fill_the_context_and_cut_completions(student):
    tokenizer = load_tokenizer(student)
    long_prompt = " ".join(TEXTS[:4])
    examples = [
        trl_row({"prompt": long_prompt, "completion": "Up."}, True),  # prompt alone > 64 tokens
        trl_row({"prompt": "Summarize.", "completion": long_prompt}, True),  # completion cut
        trl_row({"prompt": "Summarize.", "completion": "Up."}, True),
        trl_row({"prompt": "Explain.", "completion": "Down."}, True),
    ]
    truncation = count_truncation(tokenizer, examples, max_length=64)
    assert (truncation.rows, truncation.prompt_fills_context, truncation.completion_cut) == (4, 1, 1)
    check_truncation(truncation, max_share=0.25)  # 1 of 4 is not above a quarter
    with pytest.raises(FinstepError, match=r"1 of 4 train rows \(25.0%\).*max_length 64"):
        check_truncation(truncation, max_share=0.2)


def test_training_stops_before_it_starts_when_too_many_rows_would_vanish(student, dataset_dir, tmp_path):
    with pytest.raises(FinstepError, match="would be dropped"):
        train_adapter(
            student,
            "tiny_dss",
            str(dataset_dir),
            {**TRAINING, "max_length": 8},
            str(tmp_path / "a"),
            str(tmp_path / "c"),
        )
    assert not (tmp_path / "a").exists() and not (tmp_path / "c").exists()


def test_an_unknown_training_option_is_refused():
    with pytest.raises(FinstepError, match="'epoch' is unknown"):
        TrainingSettings.from_options({"epoch": 3})


# --- training and resuming ---------------------------------------------------------------------------


def _killed_at_step_3(self, args, state, control, **kwargs):
    """A callback hook that stops training like a cluster's time limit, after checkpoint-2."""
    if state.global_step == 3:
        raise KeyboardInterrupt("the cluster's time limit")


def _log_steps(adapter: Path) -> list[dict]:
    with open(adapter / "train_log.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_training_writes_the_adapter_log_and_run_record_and_the_card_renders(student, dataset_dir, trained):
    # Only these: no temp folder left behind, and the card is the model_card rule's, not PEFT's template.
    assert {p.name for p in trained.iterdir()} == {
        "adapter_model.safetensors",
        "adapter_config.json",
        "train_log.csv",
        "run.json",
    }
    rows = _log_steps(trained)
    assert tuple(rows[0]) == COLUMNS and [int(r["step"]) for r in rows] == [1, 2, 3, 4]
    assert all(float(r["tokens_per_second"]) > 0 and float(r["loss"]) > 0 for r in rows)
    elapsed = [float(r["elapsed_seconds"]) for r in rows]
    assert elapsed[0] > 0 and elapsed == sorted(elapsed)
    run = json.loads((trained / "run.json").read_text())
    assert run["train_seconds"] == elapsed[-1]
    assert run["steps"] == 4 and run["precision"] == "fp32" and run["multitask_alpha"] == ALPHA
    assert run["train_loss"] == pytest.approx(sum(float(r["loss"]) for r in rows) / 4)
    assert set(run["versions"]) >= {"torch", "transformers", "trl", "peft"}
    assert run["finstep"] == {"version": finstep.__version__, "path": str(Path(finstep.__file__).parent)}
    assert set(run["dataset_sha256"]) == {"train.jsonl", "val.jsonl", "split.json"}
    assert run["adapter_sha256"]["adapter_model.safetensors"] == sha256_file(
        trained / "adapter_model.safetensors"
    )
    assert run["truncation"]["rows"] == 24 and run["peak_memory"]["cpu_max_rss_mib"] > 0
    card = model_card(run, json.loads((dataset_dir / "split.json").read_text()))
    assert run["base_revision"] in card and "tiny_dss" in card and "train 24, val 4, test 4" in card
    assert "| lora_r | `16` |" in card and "Not evaluated yet" in card
    base = load_base_model(student, device_precision())
    tuned = peft.PeftModel.from_pretrained(base, str(trained))
    assert any("lora_A" in name for name, _ in tuned.named_parameters())


def test_a_killed_job_resumes_from_its_checkpoint_and_ends_at_the_planned_step(
    student, dataset_dir, trained, tmp_path, monkeypatch
):
    ticks = itertools.count()
    clock = lambda: float(next(ticks))  # noqa: E731

    out, checkpoints = tmp_path / "adapter", tmp_path / "checkpoints"
    monkeypatch.setattr(TimingColumns, "on_step_end", _killed_at_step_3, raising=False)
    monkeypatch.setattr(trainlog, "perf_counter", clock)
    with pytest.raises(KeyboardInterrupt):
        train_adapter(student, "tiny_dss", str(dataset_dir), TRAINING, str(out), str(checkpoints))
    assert not out.exists() and (checkpoints / "checkpoint-2" / "trainer_state.json").is_file()
    monkeypatch.undo()
    monkeypatch.setattr(trainlog, "perf_counter", clock)

    train_adapter(student, "tiny_dss", str(dataset_dir), TRAINING, str(out), str(checkpoints))
    run = json.loads((out / "run.json").read_text())
    assert (run["resumed_from"], run["steps"]) == ("checkpoint-2", 4)
    assert run["eval_rows"] == len(list(read_jsonl(dataset_dir / "val.jsonl"))) > 0
    assert [int(r["step"]) for r in _log_steps(out)] == [1, 2, 3, 4]  # each step once, none lost
    assert [r["loss"] for r in _log_steps(out)] == [r["loss"] for r in _log_steps(trained)]
    # The whole run's loss and time, not only the two steps after the resume.
    assert run["train_loss"] == json.loads((trained / "run.json").read_text())["train_loss"]
    # A clock that ticks once a reading: each session's begin and each logged step take one tick.
    assert [float(r["elapsed_seconds"]) for r in _log_steps(out)] == [1, 2, 3, 4]
    assert run["train_seconds"] == 4
    resumed, straight = (
        load_file(out / "adapter_model.safetensors"),
        load_file(trained / "adapter_model.safetensors"),
    )
    assert all(torch.allclose(resumed[name], straight[name]) for name in straight)


def test_a_finished_run_is_rebuilt_from_its_final_checkpoint_and_changed_settings_start_over(
    student, dataset_dir, tmp_path
):
    """The adapter deleted (check_adapter's advice), ``--forcerun`` or a code change: the final
    checkpoint is the finished run, so the adapter comes back from it without a step more."""
    out, checkpoints = tmp_path / "adapter", tmp_path / "checkpoints"
    train_adapter(student, "tiny_dss", str(dataset_dir), TRAINING, str(out), str(checkpoints))
    first = json.loads((out / "run.json").read_text())
    shutil.rmtree(out)
    for _ in range(2):  # and again: no rerun adds a step
        train_adapter(student, "tiny_dss", str(dataset_dir), TRAINING, str(out), str(checkpoints))
        run = json.loads((out / "run.json").read_text())
        assert (run["steps"], run["resumed_from"]) == (4, "checkpoint-4")
        assert [int(r["step"]) for r in _log_steps(out)] == [1, 2, 3, 4]
        for key in ("train_loss", "eval_loss", "train_tokens", "train_seconds", "adapter_sha256"):
            assert run[key] == first[key], key
    assert not (checkpoints / "checkpoint-5").exists()
    # Other settings are another run: it starts over and ends at its own step count.
    train_adapter(
        student, "tiny_dss", str(dataset_dir), {**TRAINING, "max_steps": 2}, str(out), str(checkpoints)
    )
    run = json.loads((out / "run.json").read_text())
    assert (run["steps"], run["resumed_from"]) == (2, None)
    assert [int(r["step"]) for r in _log_steps(out)] == [1, 2]


def test_the_last_step_is_logged_whatever_the_logging_interval(student, dataset_dir, tmp_path):
    out = tmp_path / "adapter"
    training = {**TRAINING, "logging_steps": 3}
    train_adapter(student, "tiny_dss", str(dataset_dir), training, str(out), str(tmp_path / "checkpoints"))
    rows = _log_steps(out)
    assert [int(r["step"]) for r in rows] == [3, 4]
    weighted = (3 * float(rows[0]["loss"]) + float(rows[1]["loss"])) / 4  # each row averages its steps
    assert json.loads((out / "run.json").read_text())["train_loss"] == pytest.approx(weighted)


def test_checkpoints_of_a_rebuilt_base_model_are_not_resumed(student, dataset_dir, tmp_path, monkeypatch):
    """The tiny model is rebuilt in place when the corpus or its config changes: same path, new weights."""

    base = {"model": str(tmp_path / "tiny")}
    shutil.copytree(student["model"], base["model"])
    out, checkpoints = tmp_path / "adapter", tmp_path / "checkpoints"
    monkeypatch.setattr(TimingColumns, "on_step_end", _killed_at_step_3, raising=False)
    with pytest.raises(KeyboardInterrupt):
        train_adapter(base, "tiny_dss", str(dataset_dir), TRAINING, str(out), str(checkpoints))
    monkeypatch.undo()
    assert (checkpoints / "checkpoint-2").is_dir()
    old_revision = base_revision(base)

    build_tiny_model(
        str(Path(student["model"]).parent / "chunks.jsonl"), base["model"], vocab_size=400, hidden_size=32, layers=1,
        intermediate_size=64, seed=1,
    )  # fmt: skip
    assert base_revision(base) != old_revision
    train_adapter(base, "tiny_dss", str(dataset_dir), TRAINING, str(out), str(checkpoints))
    run = json.loads((out / "run.json").read_text())
    assert (run["resumed_from"], run["steps"], run["base_revision"]) == (None, 4, base_revision(base))


def test_checkpoints_of_another_configuration_are_not_resumed(tmp_path):
    def checkpoint(step: int, complete: bool = True) -> None:
        (tmp_path / f"checkpoint-{step}").mkdir()
        if complete:
            (tmp_path / f"checkpoint-{step}" / "trainer_state.json").write_text("{}")

    claim_checkpoints(str(tmp_path), {"training": {"learning_rate": 1e-4}})
    for step in (2, 10):
        checkpoint(step)
    checkpoint(12, complete=False)  # killed while saving step 12
    claim_checkpoints(str(tmp_path), {"training": {"learning_rate": 1e-4}})
    assert last_checkpoint(str(tmp_path)) == str(tmp_path / "checkpoint-10")  # numeric, not text, order
    claim_checkpoints(str(tmp_path), {"training": {"learning_rate": 2e-4}})
    assert last_checkpoint(str(tmp_path)) is None
    assert json.loads((tmp_path / "run_key.json").read_text()) == {"training": {"learning_rate": 2e-4}}


def test_a_single_task_set_on_a_base_model_trains_and_predicts_on_plain_strings(
    plain_student, dataset_dir, tmp_path
):
    summaries = tmp_path / "summaries"
    for split in ("train", "val", "test"):
        write_jsonl(
            summaries / f"{split}.jsonl",
            [r for r in read_jsonl(dataset_dir / f"{split}.jsonl") if r["task"] == "summary"],
        )
    write_json(
        summaries / "split.json", {"dataset": "summaries", "format": "summary", "sizes": {"train": 12}}
    )
    out = tmp_path / "adapter"
    training = {**TRAINING, "max_steps": 2}
    train_adapter(
        plain_student, "summaries", str(summaries), training, str(out), str(tmp_path / "checkpoints")
    )
    run = json.loads((out / "run.json").read_text())
    assert run["multitask_alpha"] is None and run["steps"] == 2
    predictions = tmp_path / "predictions.jsonl"
    predict(plain_student, str(out), str(summaries / "test.jsonl"), str(predictions), max_new_tokens=8)
    rows = list(read_jsonl(predictions))
    assert len(rows) == 4 and all(not p["prediction"].startswith("[summary]") for p in rows)


# --- predictions -------------------------------------------------------------------------------------


def test_a_damaged_adapter_is_refused_by_name(student, dataset_dir, trained, tmp_path):
    from safetensors.torch import load_file, save_file

    test_path = str(dataset_dir / "test.jsonl")
    truncated = tmp_path / "truncated"
    shutil.copytree(trained, truncated)
    weights = truncated / "adapter_model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(
        FinstepError, match=r"adapter .*truncated: adapter_model.safetensors is not the file its training"
    ):
        predict(student, str(truncated), test_path, str(tmp_path / "p.jsonl"))
    # Weights that are not numbers, recorded as if training had written them: caught before predicting.
    poisoned = tmp_path / "poisoned"
    shutil.copytree(trained, poisoned)
    tensors = load_file(poisoned / "adapter_model.safetensors")
    name = next(iter(tensors))
    tensors[name] = torch.full_like(tensors[name], float("nan"))
    save_file(tensors, poisoned / "adapter_model.safetensors")
    run = json.loads((poisoned / "run.json").read_text())
    run["adapter_sha256"]["adapter_model.safetensors"] = sha256_file(poisoned / "adapter_model.safetensors")
    (poisoned / "run.json").write_text(json.dumps(run))
    with pytest.raises(FinstepError, match="LoRA weights are not finite"):
        predict(student, str(poisoned), test_path, str(tmp_path / "p.jsonl"))
    assert not (tmp_path / "p.jsonl").exists()


def test_the_adapter_check_records_what_it_checked_and_nothing_for_a_bad_adapter(trained, tmp_path):
    from safetensors.torch import save_file

    out = tmp_path / "checked.json"
    write_adapter_check(str(trained), str(out))
    record = json.loads(out.read_text())
    tensors = load_file(trained / "adapter_model.safetensors")
    assert record["sha256"] == json.loads((trained / "run.json").read_text())["adapter_sha256"]
    assert record["tensors"] == len(tensors) > 0
    assert record["parameters"] == sum(t.numel() for t in tensors.values())
    # Bytes that are not a safetensors file, recorded as if training had written them.
    garbled = tmp_path / "garbled"
    shutil.copytree(trained, garbled)
    (garbled / "adapter_model.safetensors").write_bytes(b"\x00" * 64)
    run = json.loads((garbled / "run.json").read_text())
    run["adapter_sha256"]["adapter_model.safetensors"] = sha256_file(garbled / "adapter_model.safetensors")
    (garbled / "run.json").write_text(json.dumps(run))
    with pytest.raises(FinstepError, match=r"adapter .*garbled: cannot be read .*rerun `train`"):
        write_adapter_check(str(garbled), str(tmp_path / "garbled.json"))
    # A weight that is infinite rather than NaN.
    save_file({**tensors, next(iter(tensors)): torch.full((2, 2), float("inf"))}, tmp_path / "w.safetensors")
    shutil.copy(tmp_path / "w.safetensors", garbled / "adapter_model.safetensors")
    run["adapter_sha256"]["adapter_model.safetensors"] = sha256_file(garbled / "adapter_model.safetensors")
    (garbled / "run.json").write_text(json.dumps(run))
    with pytest.raises(FinstepError, match="1 LoRA weights are not finite"):
        write_adapter_check(str(garbled), str(tmp_path / "garbled.json"))
    assert not (tmp_path / "garbled.json").exists()


@pytest.mark.parametrize("tuned", [False, True], ids=["base", "tuned"])
def test_predictions_cover_the_test_rows_without_echoing_prompts(
    student, dataset_dir, trained, tmp_path, tuned
):
    test_rows = list(read_jsonl(dataset_dir / "test.jsonl"))
    test_path = tmp_path / "test.jsonl"
    rationale = {**test_rows[0], "id": "x:rationale", "task": "rationale"}  # never predicted
    write_jsonl(test_path, [*test_rows, rationale])
    out = tmp_path / "predictions.jsonl"
    predict(
        student, str(trained) if tuned else None, str(test_path), str(out), max_new_tokens=12, batch_size=3
    )
    predictions = list(read_jsonl(out))
    assert [p["id"] for p in predictions] == [r["id"] for r in test_rows]
    assert [p["reference"] for p in predictions] == [r["completion"] for r in test_rows]
    assert all(p["task"] == "summary" and "answer" not in p for p in predictions)
    for row, prediction in zip(test_rows, predictions, strict=True):
        assert prediction["prediction"] and row["prompt"] not in prediction["prediction"]
        assert "Summarize" not in prediction["prediction"]
        assert prediction["prompt_sha256"] == prompt_digest(row["prompt"])  # which prompt it answers

    # The reference's likelihood: transformers' own masked-label loss over the answer's tokens.
    model, tokenizer = load_student(student, str(trained) if tuned else None)
    for row, prediction in zip(test_rows, predictions, strict=True):
        prompt_ids = tokenizer(render_prompt(tokenizer, row["prompt"]), add_special_tokens=False)["input_ids"]
        answer_ids = tokenizer(row["completion"], add_special_tokens=False)["input_ids"]
        labels = torch.tensor([[-100] * len(prompt_ids) + answer_ids])
        with torch.no_grad():
            loss = model(input_ids=torch.tensor([prompt_ids + answer_ids]), labels=labels).loss
        assert prediction["reference_nll"] == pytest.approx(float(loss), abs=1e-5)


def test_max_examples_predicts_the_seeded_sample_the_scorer_draws(student, dataset_dir, tmp_path):
    test_path = str(dataset_dir / "test.jsonl")
    rows = list(read_jsonl(test_path))
    out = tmp_path / "sample.jsonl"
    predict(student, None, test_path, str(out), max_new_tokens=2, max_examples=2, seed=3)
    drawn, record = predicted_rows(rows, 2, 3)
    assert [p["id"] for p in read_jsonl(out)] == [r["id"] for r in drawn] and record["n"] == 2 < len(rows)


def test_a_huge_test_prompt_is_cut_to_max_length_counted_and_flagged_before_the_model_loads(
    student, dataset_dir, trained, tmp_path, monkeypatch, caplog
):
    """A 100k-character prompt made the tiny model ask for more than 11 GB; it is cut as training caps rows."""
    test_rows = list(read_jsonl(dataset_dir / "test.jsonl"))
    huge = {
        **test_rows[0],
        "id": "huge",
        "prompt": "[summary] Summarize.\n\n" + "Revenue rose 5% on demand. " * 4000,
    }
    assert len(huge["prompt"]) > 100_000
    test_path = tmp_path / "test.jsonl"
    write_jsonl(test_path, [*test_rows, huge])
    out = tmp_path / "predictions.jsonl"
    with caplog.at_level("INFO", logger="finstep.training"):
        predict(
            student,
            str(trained),
            str(test_path),
            str(out),
            max_new_tokens=4,
            max_length=128,
            max_truncated_share=0.25,
        )
    rows = {row["id"]: row for row in read_jsonl(out)}
    assert rows["huge"]["truncated"] and not any(rows[r["id"]]["truncated"] for r in test_rows)
    assert "1 of 5 test prompts were longer than max_length 128 tokens and were cut" in caplog.text

    tokenizer = load_tokenizer(student)
    fitted = fit_prompts(tokenizer, [r["prompt"] for r in [*test_rows, huge]], 128, 0.25)
    cut = fitted.prompts[-1]
    assert fitted.longest > 20_000 and len(tokenizer(cut, add_special_tokens=False)["input_ids"]) <= 128
    full = render_prompt(tokenizer, huge["prompt"])
    closing = render_prompt(tokenizer, "X").split("X")[-1]  # the template's end of the user turn
    assert cut.startswith(full[:200]) and cut.endswith(closing)  # the start kept, the chat turn closed
    assert fitted.prompts[:-1] == [
        render_prompt(tokenizer, r["prompt"]) for r in test_rows
    ]  # the rest as they were
    assert (
        fit_prompts(tokenizer, [r["prompt"] for r in test_rows], 128, 0.25)
        .as_log()
        .startswith("all 4 test prompts fit max_length 128 tokens")
    )

    # More cut prompts than training would accept: refused, before the model is loaded.
    def no_model(*args):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr("finstep.training.predict.load_model", no_model)
    with pytest.raises(
        FinstepError,
        match=r"1 of 5 test prompts .* more than max_truncated_share 5.0%; raise training.max_length",
    ):
        predict(
            student,
            None,
            str(test_path),
            str(tmp_path / "refused.jsonl"),
            max_length=128,
            max_truncated_share=0.05,
        )
    assert not (tmp_path / "refused.jsonl").exists()


def test_a_huge_reference_is_scored_within_max_length(student, caplog):
    """A test row's reference is scored by teacher forcing: a 100k-character one must not become one
    sequence no job was sized for, but its tokens within max_length, as training saw such rows."""
    model, tokenizer = load_student(student, None)
    lengths = []
    model.register_forward_pre_hook(
        lambda module, args, kwargs: lengths.append(kwargs["input_ids"].shape[1]), with_kwargs=True
    )
    prompt = render_prompt(tokenizer, "[summary] Summarize.\n\nRevenue rose.")
    huge = "Revenue rose 5% on demand. " * 4000
    with caplog.at_level("WARNING", logger="finstep.training"):
        values = reference_nll(model, tokenizer, [prompt, prompt], ["Revenue rose.", huge], max_length=64)
    assert lengths[1] == 64 and lengths[0] < 64
    assert all(v > 0 for v in values)
    assert "1 of 2 references ran past max_length 64 tokens" in caplog.text


def test_the_eval_loss_is_over_a_seeded_sample_of_the_validation_rows():
    rows = [{"i": i} for i in range(300)]
    drawn = eval_sample(rows, 128, 0)
    assert len(drawn) == 128 and drawn == eval_sample(rows, 128, 0) != eval_sample(rows, 128, 1)
    assert [row["i"] for row in drawn] == sorted(row["i"] for row in drawn)  # file order kept
    assert eval_sample(rows[:5], 128, 0) == rows[:5] and eval_sample(rows, None, 0) == rows
