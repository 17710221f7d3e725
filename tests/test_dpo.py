"""DPO after SFT: preference pairs and their filter, the one-line refusals, and two DPO steps on the tiny model."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pytest
import yaml

torch = pytest.importorskip("torch")
pytest.importorskip("trl")

from conftest import ROOT, tiny_student  # noqa: E402
from finstep.config_schema import defaults  # noqa: E402
from finstep.errors import FinstepError  # noqa: E402
from finstep.evaluation.model_card import dpo_model_card  # noqa: E402
from finstep.io import read_jsonl, sha256_file, write_json, write_jsonl  # noqa: E402
from finstep.teacher.quality import QualityChecks  # noqa: E402
from finstep.training import dpo  # noqa: E402
from finstep.training.adapter_check import check_adapter  # noqa: E402
from finstep.training.config import dpo_pairs  # noqa: E402
from finstep.training.preference_sources import check_rejected_source  # noqa: E402
from finstep.training.preferences import (  # noqa: E402
    Judge,
    PreferenceSettings,
    build_preferences,
    dropped_text,
    judge_pair,
    split_pairs,
)
from finstep.training.train import train_adapter  # noqa: E402
from safetensors.torch import load_file  # noqa: E402

EXCERPT = (
    "Net sales rose to $5.2 billion in fiscal 2023 from $4.8 billion a year earlier, driven by higher "
    "demand for services and new customers in Europe. Operating expenses grew 6% as the company hired "
    "engineers and opened two data centers. Management expects demand to remain strong next year while "
    "supply constraints ease gradually across its markets."
)
CHOSEN = (
    "Net sales rose to $5.2 billion in fiscal 2023 from $4.8 billion, driven by services demand and "
    "new European customers, while operating expenses grew 6%."
)
ROW = {
    "id": "r1",
    "prompt": f"Summarize the following text in two or three sentences.\n\n{EXCERPT}",
    "completion": CHOSEN,
    "task": "summary",
    "source_id": "c1",
}
# Passes every check, in other words than the teacher's.
FINE = "Demand from Europe lifted revenue, costs climbed with engineering hires and two new data centers, and management sees strength ahead."
INVENTED = "The company reported record profits of $9.7 billion and expects margins of 45% as hiring slows across every region next year."
LOOP = " ".join(["sales grew in europe"] * 8)
DISTILL = Judge(fmt="summary", sources={"c1": EXCERPT}, quality=QualityChecks())


def _settings(**options) -> PreferenceSettings:
    return PreferenceSettings.from_options(options)


# --- pairs and their filter ----------------------------------------------------------------------------


def test_the_checks_are_the_evaluations_and_the_teachers():
    assert DISTILL.failures(ROW, CHOSEN) == set()
    assert DISTILL.failures(ROW, FINE) == set()
    assert DISTILL.failures(ROW, "") == {"no_answer", "format", "short_summary"}
    assert DISTILL.failures(ROW, INVENTED) == {"unsupported_numbers"}
    assert "repetition" in DISTILL.failures(ROW, LOOP)
    assert DISTILL.failures(ROW, EXCERPT) == {"copied_chunk"}
    # An instruction set gets no teacher checks; an arithmetic row's number is checked.
    plain = Judge(fmt="", sources=None, quality=QualityChecks())
    assert plain.failures(ROW, INVENTED) == set()
    sum_row = {
        "id": "a",
        "prompt": "What is 10 + 2.5?",
        "completion": "10 + 2.5 = 12.5\nAnswer: 12.5",
        "answer": 12.5,
    }
    assert plain.failures(sum_row, "Answer: 13") == {"wrong_answer"}
    assert plain.failures(sum_row, "It is 12.5") == {"format"}
    assert plain.failures(sum_row, sum_row["completion"]) == set()


def test_a_pair_is_kept_only_when_the_students_answer_is_measurably_worse():
    strict = _settings()
    assert judge_pair(ROW, CHOSEN, False, DISTILL, strict).reason == "student_matches"
    assert judge_pair(ROW, FINE, False, DISTILL, strict).reason == "not_worse"
    assert judge_pair(ROW, FINE, True, DISTILL, strict).reason == "prompt_cut"
    kept = judge_pair(ROW, INVENTED, False, DISTILL, strict)
    assert kept.reason is None and kept.rejected_fails == ("unsupported_numbers",) and kept.rouge_l < 0.8
    assert judge_pair(ROW, "", False, DISTILL, strict).rejected_fails == (
        "format",
        "no_answer",
        "short_summary",
    )
    # A teacher's answer that invents a figure is no safe "chosen" against a student's that does not.
    doubtful = {**ROW, "completion": INVENTED}
    assert judge_pair(doubtful, FINE, False, DISTILL, strict).reason == "chosen_fails_check"
    # Without require_worse, a different answer that passes the same checks is kept.
    assert judge_pair(ROW, FINE, False, DISTILL, _settings(require_worse=False)).reason is None
    # The match threshold is the schema's.
    score = judge_pair(ROW, FINE, False, DISTILL, strict).rouge_l
    assert judge_pair(ROW, FINE, False, DISTILL, _settings(match_rouge_l=score)).reason == "student_matches"


def test_split_counts_every_drop_by_reason_and_the_kept_pairs_by_failed_check():
    rows = [{**ROW, "id": str(i)} for i in range(5)]
    answers = [CHOSEN, FINE, INVENTED, "", FINE]
    kept, counts = split_pairs(rows, answers, [False, False, False, False, True], DISTILL, _settings())
    assert [pair["id"] for pair in kept] == ["2", "3"]
    assert counts["answered"] == 5 and counts["kept"] == 2
    assert counts["dropped"] == {
        "prompt_cut": 1,
        "student_matches": 1,
        "chosen_fails_check": 0,
        "not_worse": 1,
        "no_rejected": 0,
    }
    assert counts["kept_worse_by"] == {
        "format": 1,
        "no_answer": 1,
        "short_summary": 1,
        "unsupported_numbers": 1,
    }
    assert (
        kept[0]["chosen"] == CHOSEN and kept[0]["rejected"] == INVENTED and kept[0]["prompt"] == ROW["prompt"]
    )
    assert dropped_text(counts) == "3 of 5 dropped (prompt_cut 1, student_matches 1, not_worse 1)"


def test_preference_options_are_the_schemas_and_unknown_ones_are_refused():
    assert _settings() == PreferenceSettings(**defaults("dpo", "preferences"))
    assert _settings().rejected == "sft" and _settings().match_rouge_l == 0.8 and _settings().require_worse
    with pytest.raises(FinstepError, match="option 'max_rows' is unknown"):
        _settings(max_rows=3)
    with pytest.raises(FinstepError, match="choose sft or base or teacher:<name>"):
        _settings(rejected="teacher")
    assert _settings(rejected="teacher:weak").rejected == "teacher:weak"


def test_a_teacher_source_of_rejected_answers_is_checked_before_any_job():
    summary = {"kind": "distill", "teacher": "extractive", "format": "summary"}
    teachers = {"extractive": {}, "weak": {}}
    check_rejected_source({"rejected": "teacher:weak"}, {"distill_summary": summary}, teachers)
    check_rejected_source({"rejected": "sft"}, {"arith": {"kind": "instructions"}}, teachers)
    refusals = {
        "which is not under teachers (extractive, weak)": ({"rejected": "teacher:nope"}, {"d": summary}),
        "'arith' is an instruction set": ({"rejected": "teacher:weak"}, {"arith": {"kind": "instructions"}}),
        "the teacher of DPO dataset 'd' itself": ({"rejected": "teacher:extractive"}, {"d": summary}),
    }
    for message, (preferences, datasets) in refusals.items():
        with pytest.raises(FinstepError, match=re.escape(message)):
            check_rejected_source(preferences, datasets, teachers)


# --- one-line refusals ---------------------------------------------------------------------------------


def test_a_dpo_pair_needs_a_configured_sft_pair():
    pairs = [("smollm2", "distill_summary"), ("tiny", "distill_summary"), ("tiny", "fin_arithmetic")]
    got = dpo_pairs({"pairs": [{"dataset": "distill_summary"}], "training": {"beta": 0.01}}, pairs)
    assert got == {
        ("smollm2", "distill_summary"): {"beta": 0.01},
        ("tiny", "distill_summary"): {"beta": 0.01},
    }
    one = {"pairs": [{"student": "tiny", "dataset": "fin_arithmetic", "training": {"max_steps": 2}}]}
    assert dpo_pairs(one, pairs) == {("tiny", "fin_arithmetic"): {"max_steps": 2}}
    with pytest.raises(FinstepError) as missing:
        dpo_pairs({"pairs": [{"student": "smollm2", "dataset": "distill_dss"}]}, pairs)
    assert "\n" not in str(missing.value)
    assert "dpo.pairs[1] (smollm2 on distill_dss): no SFT adapter" in str(missing.value)
    assert "rule train makes results/adapters/smollm2/distill_dss/" in str(missing.value)
    with pytest.raises(FinstepError, match=r"no pair under pairs trains on distill_dss"):
        dpo_pairs({"pairs": [{"dataset": "distill_dss"}]}, pairs)
    with pytest.raises(
        FinstepError, match=r"dpo.pairs\[1\] \(tiny on fin_arithmetic\).training.beta: 0 is less"
    ):
        dpo_pairs(
            {"pairs": [{"student": "tiny", "dataset": "fin_arithmetic", "training": {"beta": 0}}]}, pairs
        )
    with pytest.raises(FinstepError, match="training option 'steps' is unknown"):
        dpo_pairs({"pairs": [{"dataset": "fin_arithmetic", "training": {"steps": 2}}]}, pairs)
    with pytest.raises(FinstepError, match="has a DPO stage already"):
        dpo_pairs(
            {"pairs": [{"dataset": "fin_arithmetic"}, {"student": "tiny", "dataset": "fin_arithmetic"}]},
            pairs,
        )


def test_the_workflow_refuses_a_beta_of_zero_in_one_line_naming_the_key():
    from finstep.config_keys import check_config_keys
    from snakemake.exceptions import WorkflowError

    schema = str(ROOT / "config" / "schema.yaml")
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text())
    check_config_keys({**config, **yaml.safe_load((ROOT / "config" / "dpo.yaml").read_text())}, schema)
    with pytest.raises(WorkflowError) as error:
        check_config_keys({**config, "dpo": {"training": {"beta": 0}}}, schema)
    assert str(error.value) == (
        "dpo.training.beta: 0 is less than or equal to the minimum of 0 (see config/README.md)"
    )


def test_dpo_settings_are_the_handbooks_and_beta_must_be_positive():
    settings = dpo.DPOSettings.from_options({})
    assert (settings.beta, settings.learning_rate, settings.loss_type, settings.epochs) == (
        0.01,
        5e-6,
        ("sigmoid",),
        1,
    )
    assert dpo.DPOSettings.from_options({"loss_type": ["sigmoid", "sft"]}).loss_type == ("sigmoid", "sft")
    for beta in (0, -0.1):
        with pytest.raises(FinstepError, match=f"dpo.training.beta is {beta}; it must be above 0"):
            dpo.DPOSettings.from_options({"beta": beta})


def _preference_set(folder: Path, train: list[dict], stats: dict) -> Path:
    write_jsonl(folder / "train.jsonl", train)
    write_jsonl(folder / "val.jsonl", [])
    write_json(folder / "stats.json", stats)
    return folder


@pytest.fixture
def no_model(monkeypatch):
    """Any model load fails the test: the refusals must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("a model was loaded before the bad input was refused")

    monkeypatch.setattr(dpo, "load_base_model", refuse)


def test_bad_dpo_input_is_refused_in_one_line_before_any_model_loads(tmp_path, no_model):
    counts = {"answered": 5, "kept": 0, "dropped": {"student_matches": 3, "not_worse": 2}}
    empty = _preference_set(tmp_path / "empty", [], {"train": counts})
    pair = {"prompt": "p", "chosen": "c", "rejected": "r"}
    good = _preference_set(tmp_path / "good", [pair], {"train": {**counts, "kept": 1}})
    sft = tmp_path / "sft"
    write_json(sft / "adapter_config.json", {"base_model_name_or_path": str(tmp_path / "other-model")})
    student = {"model": str(tmp_path / "tiny")}

    def refused(preferences: Path, training: dict, sft_dir: Path = sft) -> str:
        with pytest.raises(FinstepError) as error:
            dpo.train_dpo(
                student,
                "d",
                str(sft_dir),
                str(preferences),
                training,
                str(tmp_path / "o"),
                str(tmp_path / "c"),
            )
        assert "\n" not in str(error.value)
        return str(error.value)

    assert "dpo.training.beta is 0" in refused(good, {"beta": 0})
    assert "holds no preference pair: 5 of 5 dropped (student_matches 3, not_worse 2)" in refused(empty, {})
    assert f"was trained on '{tmp_path / 'other-model'}', not on the student's base" in refused(good, {})
    assert "rule train makes it" in refused(good, {}, tmp_path / "no-adapter")


# --- the tiny model: pairs generated, then two DPO steps --------------------------------------------------

TEXTS = [
    f"{company} reported revenue of ${n}.{n % 10} billion in fiscal {2015 + n % 10}, up {n % 9 + 1}% on demand."
    for n, company in enumerate(["Acme", "Globex", "Initech", "Umbrella"] * 5, start=3)
]


@pytest.fixture(scope="module")
def sft_pair(tmp_path_factory) -> tuple[dict, Path, Path]:
    """The tiny student, a summary set (8 train, 4 val, 2 test rows) and its SFT adapter after 2 steps."""
    work = tmp_path_factory.mktemp("dpo")
    student = tiny_student(work / "student", TEXTS)
    data = work / "tiny_sum"
    splits = {"train": TEXTS[:8], "val": TEXTS[8:12], "test": TEXTS[12:14]}
    for split, texts in splits.items():
        rows = [
            {
                "id": f"{split}{i}",
                "prompt": f"Summarize.\n\n{text}",
                "completion": text[:40],
                "task": "summary",
            }
            for i, text in enumerate(texts)
        ]
        write_jsonl(data / f"{split}.jsonl", rows)
    sizes = {split: len(texts) for split, texts in splits.items()}
    write_json(
        data / "split.json",
        {"dataset": "tiny_sum", "kind": "instructions", "format": "summary", "sizes": sizes},
    )
    sft = work / "sft"
    training = {"max_length": 128, "max_steps": 2, "batch_size": 4, "grad_accum": 1, "logging_steps": 1}
    train_adapter(student, "tiny_sum", str(data), training, str(sft), str(work / "sft-checkpoints"))
    return student, data, sft


def test_a_weaker_teachers_answers_can_be_the_rejected_ones(sft_pair, tmp_path, monkeypatch):
    """rejected: teacher:<name>: its answer to each row's chunk, in the dataset's format; nothing generated."""
    student, data, _sft = sft_pair
    from finstep.training import predict

    monkeypatch.setattr(predict, "load_model", lambda *a, **k: pytest.fail("no answer is generated"))
    answered = [f"train{i}" for i in range(6)] + ["val0", "val1", "val2"]  # not train6, train7, val3
    weak = tmp_path / "weak" / "triplets.jsonl"
    write_jsonl(
        weak,
        [{"id": i, "text": "t", "rationale": "1. r", "summary": f"Weak words about {i}."} for i in answered],
    )
    out = tmp_path / "preferences"
    preferences = {"rejected": "teacher:weak", "require_worse": False}
    stats = build_preferences(
        student, None, str(data), str(out), preferences, None, 12, 128, 0.05, rejected_triplets=str(weak)
    )
    assert stats["rejected"] == "teacher:weak" and stats["rejected_triplets_sha256"] == sha256_file(weak)
    assert stats["train"]["dropped"]["no_rejected"] == 2 and stats["val"]["dropped"]["no_rejected"] == 1
    train = list(read_jsonl(out / "train.jsonl"))
    assert train and all(p["rejected"] == f"Weak words about {p['id']}." for p in train)
    assert all(p["chosen"].startswith(("Acme", "Globex", "Initech", "Umbrella")) for p in train)
    with pytest.raises(
        FinstepError, match="rejected is 'teacher:weak' but the rejected answers given are None"
    ):
        build_preferences(student, None, str(data), str(out), preferences, None, 12, 128, 0.05)


def test_two_dpo_steps_move_the_sft_adapter_against_its_frozen_copy(sft_pair, tmp_path, monkeypatch):
    student, data, sft = sft_pair
    pairs_dir = tmp_path / "preferences"
    preferences = {"require_worse": False, "batch_size": 4}
    stats = build_preferences(student, str(sft), str(data), str(pairs_dir), preferences, None, 12, 128, 0.05)
    assert stats["train"]["answered"] == 8 and stats["val"]["answered"] == 4
    for split in ("train", "val"):
        counts = stats[split]
        assert counts["kept"] + sum(counts["dropped"].values()) == counts["answered"]
    train = list(read_jsonl(pairs_dir / "train.jsonl"))
    val = list(read_jsonl(pairs_dir / "val.jsonl"))
    assert len(train) >= 4 and {p["id"] for p in train} <= {f"train{i}" for i in range(8)}
    assert {p["id"] for p in val} <= {f"val{i}" for i in range(4)}  # test rows are never read
    assert all(p["chosen"] != p["rejected"] for p in train)

    captured = {}
    build = dpo.build_dpo_trainer
    monkeypatch.setattr(
        dpo, "build_dpo_trainer", lambda *a, **k: captured.setdefault("trainer", build(*a, **k))
    )
    out = tmp_path / "dpo"
    training = {
        "max_steps": 2,
        "batch_size": 2,
        "grad_accum": 1,
        "learning_rate": 5e-3,
        "beta": 0.1,
        "logging_steps": 1,
    }
    dpo.train_dpo(
        student, "tiny_sum", str(sft), str(pairs_dir), training, str(out), str(tmp_path / "checkpoints")
    )

    with open(out / "train_log.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == dpo.LOG_COLUMNS and [int(r["step"]) for r in rows] == [1, 2]
    # Step 1 scores the policy before any update: it is its reference, so the loss is ln 2 and no margin.
    assert float(rows[0]["loss"]) == pytest.approx(math.log(2), abs=1e-6)
    assert abs(float(rows[0]["reward_margin"])) < 1e-6
    # After one update the loss is not stuck at 0.6931 (the adapter is trainable) ...
    assert abs(float(rows[1]["loss"]) - math.log(2)) > 1e-4 and abs(float(rows[1]["reward_margin"])) > 1e-4
    # ... while the reference, TRL's "ref" copy of the SFT adapter, stayed frozen and equal to it.
    model = captured["trainer"].model
    trained_sft = load_file(sft / "adapter_model.safetensors")
    ref = {name.replace(".ref.", "."): p for name, p in model.named_parameters() if ".ref." in name}
    assert set(ref) == set(trained_sft) and not any(p.requires_grad for p in ref.values())
    assert all(torch.equal(p.detach().cpu(), trained_sft[name]) for name, p in ref.items())
    tuned = load_file(out / "adapter_model.safetensors")
    assert set(tuned) == set(trained_sft)
    assert any(not torch.allclose(tuned[name], trained_sft[name]) for name in tuned)

    run = json.loads((out / "run.json").read_text())
    assert run["stage"] == "dpo" and run["steps"] == 2 and run["precision"] == "fp32"
    assert run["sft_adapter_sha256"] == json.loads((sft / "run.json").read_text())["adapter_sha256"]
    assert run["preferences_sha256"]["train.jsonl"] == sha256_file(pairs_dir / "train.jsonl")
    assert run["pairs"] == {"train": len(train), "val": len(val)} and run["rejected"] == "sft"
    assert run["hyperparameters"]["beta"] == 0.1 and run["hyperparameters"]["max_length"] == 128
    assert val, "the tiny set keeps validation pairs: the held-out checks below need some"
    held = run["held_out"]
    assert 0 <= held["reward_accuracy"] <= 1 and held["pairs"] == len(val)
    # Every validation pair's log-probs under the base, SFT and DPO models, in the file's order ...
    assert [p["id"] for p in held["logps"]] == [p["id"] for p in val]
    trainer = captured["trainer"]
    ref = [
        pair
        for batch in trainer.get_eval_dataloader()
        for pair in zip(
            *(t.tolist() for t in trainer.compute_ref_log_probs(trainer.model, batch)), strict=True
        )
    ]
    # ... the SFT model's being TRL's own reference log-probs, which its rewards are measured against ...
    assert [p["sft"] for p in held["logps"]] == [pytest.approx(list(r), abs=1e-4) for r in ref]
    assert any(p["dpo"] != p["sft"] for p in held["logps"])
    assert any(p["base"] != p["sft"] for p in held["logps"])
    # ... so TRL's held-out reward accuracy (a mean of its batches' means) follows from them.
    batch = training["batch_size"]
    wins = [(p["dpo"][0] - p["sft"][0]) > (p["dpo"][1] - p["sft"][1]) for p in held["logps"]]
    means = [sum(wins[i : i + batch]) / len(wins[i : i + batch]) for i in range(0, len(wins), batch)]
    assert held["reward_accuracy"] == pytest.approx(sum(means) / len(means))
    check_adapter(str(out))  # the DPO adapter passes the adapter check predict relies on

    # The DPO adapter's model card: what it continues, the pairs kept and dropped, the recipe; the
    # three-way metrics once scored.
    card = dpo_model_card(run, json.loads((pairs_dir / "stats.json").read_text()))
    assert f"The SFT adapter `{sft}` continued by TRL's `DPOTrainer`" in card
    assert f"training rows: {len(train)} of 8 answered rows kept" in card and "| beta | `0.1` |" in card
    assert "Not evaluated yet" in card
    entry = {"label": "ROUGE-L", "headline": True, "order": 12, "panel": "rouge"}
    scored = {
        "n": 4,
        "bootstrap": {"confidence": 0.95},
        "metrics": {
            "rougeL": {
                **entry,
                **{v: {"mean": m, "low": m - 0.1, "high": m + 0.1, "n": 4}
                   for v, m in (("base", 0.3), ("tuned", 0.5), ("dpo", 0.55), ("delta_dpo", 0.05))},
            }
        },
    }  # fmt: skip
    card = dpo_model_card(run, json.loads((pairs_dir / "stats.json").read_text()), scored)
    assert "| ROUGE-L | 0.300 [0.200, 0.400] | 0.500 [0.400, 0.600] | 0.550 [0.450, 0.650] | +0.050" in card
