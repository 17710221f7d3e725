"""Data-parallel training (finstep.training.distributed): two real CPU ranks over gloo against one process.

The tiny student trains under ``accelerate launch`` exactly as the ``train`` rule
launches it for ``gpu: 2``, on a machine without a GPU: the ranks are CPU
processes. LoRA dropout is off so that the two runs draw the same random
numbers: the loss curve must then agree step by step, not only on average.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("trl")
pytest.importorskip("accelerate")

from accelerate.commands.launch import launch_command_parser  # noqa: E402
from conftest import tiny_student  # noqa: E402
from finstep.errors import FinstepError  # noqa: E402
from finstep.io import write_json, write_jsonl  # noqa: E402
from finstep.training import distributed, dpo  # noqa: E402
from finstep.training.config import student_configs  # noqa: E402
from finstep.training.model import fsdp_load_kwargs  # noqa: E402
from finstep.training.precision import Precision  # noqa: E402
from finstep.training.train import train_adapter  # noqa: E402
from safetensors.torch import load_file  # noqa: E402

TEXTS = [
    f"{company} reported revenue of ${n}.{n % 10} billion in fiscal {2015 + n % 10}, up {n % 9 + 1}% on demand."
    for n, company in enumerate(["Acme", "Globex", "Initech", "Umbrella"] * 5, start=3)
]
# The one-process recipe: 8 rows a step (4 x 2), checkpoints every 2 steps; 24 rows make 3 steps an epoch.
TRAINING = {
    "max_length": 128,
    "max_steps": 4,
    "save_steps": 2,
    "logging_steps": 1,
    "batch_size": 4,
    "grad_accum": 2,
}
ADAPTER = {"adapter_model.safetensors", "adapter_config.json", "train_log.csv", "run.json"}


def _rows(texts: list[str], split: str) -> list[dict]:
    """Multitask rows (a summary and a rationale per text): the alpha-weighted loss needs every rank's counts."""
    rows = []
    for i, text in enumerate(texts):
        rows.append(
            {"id": f"{split}{i}:s", "prompt": f"[summary] Summarize.\n\n{text}", "completion": text[:40]}
        )
        rows[-1]["task"] = "summary"
        rationale = f"1. {text}\n2. Revenue moved with demand."
        rows.append(
            {"id": f"{split}{i}:r", "prompt": f"[rationale] Explain.\n\n{text}", "completion": rationale}
        )
        rows[-1]["task"] = "rationale"
    return rows


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> tuple[dict, Path]:
    work = tmp_path_factory.mktemp("distributed")
    student = {**tiny_student(work / "student", TEXTS), "lora": {"dropout": 0.0}}
    folder = work / "tiny_dss"
    splits = {"train": _rows(TEXTS[:12], "train"), "val": _rows(TEXTS[12:14], "val"), "test": []}
    for name, rows in splits.items():
        write_jsonl(folder / f"{name}.jsonl", rows)
    sizes = {name: len(rows) for name, rows in splits.items()}
    write_json(
        folder / "split.json",
        {"dataset": "tiny_dss", "kind": "distill", "format": "multitask", "alpha": 0.3, "sizes": sizes},
    )
    return student, folder


@pytest.fixture(scope="module")
def one_process(setup, tmp_path_factory) -> Path:
    """The recipe trained in one process: the curve the ranks must follow, and the SFT adapter DPO continues."""
    student, dataset_dir = setup
    work = tmp_path_factory.mktemp("one")
    train_adapter(
        student, "tiny_dss", str(dataset_dir), TRAINING, str(work / "one"), str(work / "checkpoints")
    )
    return work / "one"


def _losses(adapter: Path) -> list[float]:
    with open(adapter / "train_log.csv", encoding="utf-8") as handle:
        return [float(row["loss"]) for row in csv.DictReader(handle)]


def _launch(student: dict, dataset_dir: Path, work: Path, out: str, log: str, gpu: int = 2) -> None:
    """The train rule's script, for a student of ``gpu`` GPUs."""
    distributed.launch(
        "finstep.training.train:train_adapter",
        str(work / log),
        str(work / "hub"),
        "tiny",
        threads=2,
        student={**student, "gpu": gpu},
        dataset="tiny_dss",
        dataset_dir=str(dataset_dir),
        training=TRAINING,
        out_dir=str(work / out),
        checkpoint_dir=str(work / "checkpoints"),
    )


@pytest.fixture
def offline_env(monkeypatch, tmp_path):
    """``launch`` sets the offline Hub variables for its ranks: restored after the test."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="two CPU ranks need two cores")
def test_two_cpu_ranks_train_the_one_process_loss_curve_and_resume_from_a_checkpoint(
    setup, one_process, tmp_path, offline_env
):
    student, dataset_dir = setup
    one = one_process

    _launch(student, dataset_dir, tmp_path, "two", "train.log")
    two = tmp_path / "two"
    assert {p.name for p in two.iterdir()} == ADAPTER  # rank 0 alone wrote, nothing half-written left
    run = json.loads((two / "run.json").read_text())
    assert run["data_parallel"] == {
        "processes": 2,
        "per_device_batch_size": 4,
        "grad_accum": 1,
        "effective_batch": 8,
        "recipe": {"batch_size": 4, "grad_accum": 2},
    }
    assert run["hyperparameters"]["batch_size"] == 4 and run["hyperparameters"]["grad_accum"] == 2
    single = json.loads((one / "run.json").read_text())
    assert run["steps"] == single["steps"] == 4 and run["train_tokens"] == single["train_tokens"]
    assert _losses(two) == pytest.approx(_losses(one), abs=1e-4)
    assert run["eval_loss"] == pytest.approx(single["eval_loss"], abs=1e-4)
    weights, reference = (
        load_file(two / "adapter_model.safetensors"),
        load_file(one / "adapter_model.safetensors"),
    )
    assert all(torch.allclose(weights[name], reference[name], atol=1e-5) for name in reference)
    log = (tmp_path / "train.log").read_text()
    assert (
        "DDP on 2 CPU processes (gloo)" in log and log.count("4 steps, train loss") == 2
    )  # both ranks' lines

    # A job killed after checkpoint-2 (its output and the later checkpoint gone) resumes under two ranks.
    shutil.rmtree(two)
    shutil.rmtree(tmp_path / "checkpoints" / "checkpoint-4")
    _launch(student, dataset_dir, tmp_path, "two", "resumed.log")
    resumed = json.loads((two / "run.json").read_text())
    assert (resumed["resumed_from"], resumed["steps"]) == ("checkpoint-2", 4)
    assert _losses(two) == pytest.approx(_losses(one), abs=1e-4)  # every step once, none lost
    again = load_file(two / "adapter_model.safetensors")
    assert all(torch.allclose(again[name], weights[name], atol=1e-6) for name in weights)


def test_ranks_share_the_recipes_effective_batch_or_the_request_is_refused():
    assert distributed.per_device_batches(4, 4, 4).as_dict()["per_device_batch_size"] == 4
    shares = {n: distributed.per_device_batches(4, 4, n) for n in (1, 2, 4, 8, 16)}
    assert {n: (b.batch_size, b.grad_accum) for n, b in shares.items()} == {
        1: (4, 4),
        2: (4, 2),
        4: (4, 1),
        8: (2, 1),
        16: (1, 1),
    }
    assert all(b.batch_size * b.grad_accum * n == 16 for n, b in shares.items())
    assert (
        distributed.per_device_batches(3, 4, 2).batch_size,
        distributed.per_device_batches(3, 4, 2).grad_accum,
    ) == (
        3,
        2,
    )
    with pytest.raises(FinstepError, match=r"4 x 4 = 16 rows cannot be shared by 3 GPUs") as refused:
        distributed.per_device_batches(4, 4, 3)
    assert "\n" not in str(refused.value)


def test_more_ranks_than_the_node_has_stop_in_one_line_before_anything_loads(
    setup, tmp_path, offline_env, monkeypatch
):
    student, dataset_dir = setup
    cores = len(os.sched_getaffinity(0))
    with pytest.raises(SystemExit) as stopped:
        _launch(student, dataset_dir, tmp_path, "out", "cpu.log", gpu=cores + 1)
    assert str(stopped.value) == (
        f"error: students.tiny.gpu is {cores + 1} but this node has {cores} CPU cores (no GPU: one CPU process "
        f"per gpu): set gpu to at most {cores}, or run where the node has that many (the SLURM profile asks for "
        "them on one node)"
    )
    # On a node of one GPU, as torch counts it there.
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    with pytest.raises(
        SystemExit, match=r"students.tiny.gpu is 2 but this node has 1 GPUs: set gpu to at most 1"
    ):
        _launch(student, dataset_dir, tmp_path, "out", "gpu.log")
    assert not (tmp_path / "out").exists() and not (tmp_path / "checkpoints").exists()


def test_fsdp_qlora_stores_the_4bit_weights_in_the_float_type_and_launches_with_the_guides_settings(tmp_path):
    student = {"model": "org/base", "revision": "abc", "load_in_4bit": True}
    for compute, storage in ((torch.float16, torch.float32), (torch.bfloat16, torch.bfloat16)):
        kwargs = fsdp_load_kwargs(student, Precision(torch.device("cuda", 1), compute))
        quantization = kwargs["quantization_config"]
        assert kwargs["dtype"] == storage and quantization.bnb_4bit_quant_storage == storage
        assert quantization.bnb_4bit_compute_dtype == compute and quantization.bnb_4bit_quant_type == "nf4"
        assert "device_map" not in kwargs  # FSDP places the shards: rank 0 loads, the others receive
    assert "quantization_config" not in fsdp_load_kwargs(
        {"model": "org/base", "revision": "abc"}, Precision(torch.device("cpu"), torch.float32)
    )

    command = distributed.launch_command(4, True, str(tmp_path / "args.json"), 29555)
    assert command[1:3] == ["-m", "accelerate.commands.launch"] and command[-3:] == [
        "-m",
        "finstep.training.distributed",
        str(tmp_path / "args.json"),
    ]
    args = launch_command_parser().parse_args(command[3:])  # accelerate's own parser reads every flag
    assert (
        args.use_fsdp and not args.multi_gpu and args.num_processes == 4 and args.main_process_port == 29555
    )
    assert (args.fsdp_use_orig_params, args.fsdp_cpu_ram_efficient_loading, args.fsdp_offload_params) == (
        "false",
        "true",
        "true",
    )
    assert args.fsdp_sharding_strategy == "FULL_SHARD" and args.fsdp_state_dict_type == "SHARDED_STATE_DICT"
    ddp = launch_command_parser().parse_args(distributed.launch_command(2, False, "a.json", 1)[3:])
    assert ddp.multi_gpu and not ddp.use_fsdp and ddp.num_processes == 2
    assert distributed.trainer_overrides(fsdp=True, gradient_checkpointing=True) == {
        "ddp_find_unused_parameters": False,
        "optim": "adamw_torch",  # paged 8-bit AdamW cannot save an FSDP-QLoRA checkpoint (PEFT's caveat)
        "activation_checkpointing_kwargs": {"use_reentrant": True},
    }
    assert distributed.trainer_overrides(fsdp=False, gradient_checkpointing=True) == {
        "ddp_find_unused_parameters": False
    }
    # fsdp's default leaves a student's options (the rules' params) as they were before the option existed.
    assert "fsdp" not in student_configs({"s": {"model": "org/base", "revision": "abc", "fsdp": False}})["s"]
    with pytest.raises(FinstepError, match=r"students.big.fsdp shards the model across GPUs, but gpu is 1"):
        student_configs({"big": {"model": "org/base", "revision": "abc", "fsdp": True}})
    with pytest.raises(FinstepError, match=r"students.big.fsdp needs CUDA GPUs"):
        distributed.check_processes(2, on_gpu=False, fsdp=True, student="big")


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="two CPU ranks need two cores")
def test_dpo_in_two_cpu_ranks_takes_the_one_process_steps_and_scores_every_held_out_pair_once(
    setup, one_process, tmp_path, offline_env
):
    student, _ = setup
    pairs = tmp_path / "preferences"
    for split, texts in (
        ("train", TEXTS[:8]),
        ("val", TEXTS[8:13]),
    ):  # 5 validation pairs: 3 + 2 on two ranks
        rows = [
            {"id": f"{split}{i}", "prompt": f"Summarize.\n\n{t}", "chosen": t[:40], "rejected": t[-30:]}
            for i, t in enumerate(texts)
        ]
        write_jsonl(pairs / f"{split}.jsonl", rows)
    write_json(pairs / "stats.json", {"rejected": "sft"})
    training = {"max_steps": 2, "batch_size": 2, "grad_accum": 2, "learning_rate": 5e-3, "beta": 0.1}
    dpo.train_dpo(
        student,
        "tiny_dss",
        str(one_process),
        str(pairs),
        training,
        str(tmp_path / "one"),
        str(tmp_path / "c1"),
    )
    distributed.launch(
        "finstep.training.dpo:train_dpo",
        str(tmp_path / "dpo.log"),
        str(tmp_path / "hub"),
        "tiny",
        threads=2,
        student={**student, "gpu": 2},
        dataset="tiny_dss",
        sft_dir=str(one_process),
        preferences_dir=str(pairs),
        training=training,
        out_dir=str(tmp_path / "two"),
        checkpoint_dir=str(tmp_path / "c2"),
    )
    one, two = (json.loads((tmp_path / name / "run.json").read_text()) for name in ("one", "two"))
    assert two["data_parallel"]["per_device_batch_size"] == 2 and two["data_parallel"]["grad_accum"] == 1
    assert two["train_loss"] == pytest.approx(one["train_loss"], abs=1e-5) and two["steps"] == 2
    # The held-out log-probs, gathered from both ranks: every pair once, in the file's order, as one process.
    assert [p["id"] for p in two["held_out"]["logps"]] == [f"val{i}" for i in range(5)]
    for mine, theirs in zip(two["held_out"]["logps"], one["held_out"]["logps"], strict=True):
        for model in ("base", "sft", "dpo"):
            assert mine[model] == pytest.approx(theirs[model], abs=1e-3), (mine["id"], model)
