"""Quality checks on parsed teacher answers: loops, short or copied summaries, invented numbers."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import ROOT
from finstep.errors import FinstepError
from finstep.teacher import runner
from finstep.teacher.plugins import Generation, Teacher
from finstep.teacher.quality import QualityChecks, quality_problem
from finstep.teacher.schema import TeacherAnswer

CHUNK = (
    "Net sales increased 8% to $391.0 billion in fiscal 2024, driven by higher Services revenue. "
    "Gross margin was 46.2% compared with 44.1% a year earlier, reflecting a favorable mix of products. "
    "Operating expenses grew 5% as the Company continued to invest in research and development, "
    "and the Company repurchased $94.9 billion of its common stock during the year."
)
GOOD = TeacherAnswer(
    rationale="1. Net sales rose 8% to $391.0 billion on Services.\n2. Gross margin widened to 46.2%.",
    summary="Apple grew net sales 8% to $391.0 billion, helped by Services, and its gross margin rose to 46.2%.",
)
# What SmolLM2 wrote under the grammar before the checks: a loop, then a forced three-word summary.
LOOP = TeacherAnswer(
    rationale="1. The excerpt describes the products, "
    + "which is a MacBook Air, " * 12
    + "\n2. The Company's business is described.",
    summary="The Company's business overall.",
)


def check(answer: TeacherAnswer, **thresholds) -> str | None:
    return quality_problem(answer, CHUNK, QualityChecks(**thresholds))


def test_a_good_answer_passes():
    assert check(GOOD) is None


@pytest.mark.parametrize(
    "answer,code",
    [
        (LOOP, "repetition"),
        (
            GOOD.model_copy(update={"rationale": "1. Sales rose 8%.\n2. Margin widened.\n3. Sales rose 8%."}),
            "repetition",
        ),
        (GOOD.model_copy(update={"summary": "Apple's sales grew in fiscal 2024."}), "short_summary"),
        (GOOD.model_copy(update={"summary": CHUNK}), "copied_chunk"),
        (
            GOOD.model_copy(
                update={"summary": GOOD.summary.replace("$391.0", "$412.7").replace("46.2", "48.9")}
            ),
            "unsupported_numbers",
        ),
    ],
)
def test_each_failure_has_its_code(answer, code):
    problem = check(answer)
    assert problem is not None and problem.split(":")[0] == code


def test_the_thresholds_come_from_config_and_can_switch_the_checks_off():
    assert check(LOOP, enabled=False) is None
    assert (
        check(GOOD.model_copy(update={"summary": "Apple's sales grew in fiscal 2024."}), min_summary_words=5)
        is None
    )
    derived = GOOD.model_copy(update={"summary": GOOD.summary + " Sales grew by $29 billion."})
    assert check(derived) is None  # one derived figure of three is tolerated by default …
    assert check(derived, max_unsupported_share=0.0).startswith("unsupported_numbers")  # … not at 0
    with pytest.raises(FinstepError, match="quality option 'min_words' is unknown"):
        QualityChecks.from_options({"min_words": 3})


def test_schema_defaults_are_the_checks_defaults():
    schema = yaml.safe_load((ROOT / "config" / "schema.yaml").read_text())
    quality = schema["properties"]["teachers"]["additionalProperties"]["properties"]["quality"]["properties"]
    assert {key: spec["default"] for key, spec in quality.items()} == QualityChecks().as_dict()


class Looping(Teacher):
    """Loops on its first attempt at every chunk, answers well on the second."""

    name = "looping"

    def generate(self, requests, *, seed):
        answer = LOOP if seed == 0 else GOOD
        return [Generation(text=json.dumps(answer.model_dump()), output_tokens=50) for _ in requests]


def _answers(chunks: list[dict], attempts: int) -> list[dict]:
    prompt = runner.load_prompt(str(ROOT / "config" / "prompts" / "teacher-v1.yaml"))
    return list(runner.answer_batch(Looping({}), chunks, prompt, name="t", attempts=attempts, seed=0))


def test_a_failing_answer_is_retried_then_rejected_and_counted(tmp_path):
    chunks = [{"id": f"c{i}", "ticker": "AAPL", "section": "7", "text": CHUNK} for i in range(3)]
    records = _answers(chunks, attempts=2)
    assert [r["status"] for r in records] == ["valid"] * 3
    assert all(r["attempts"] == 2 and r["quality_failures"] == ["repetition"] for r in records)
    once = _answers(chunks, attempts=1)
    assert {r["reject"]["reason_code"] for r in once} == {"repetition"}
    stats = runner.summarize(records + once)
    assert stats["quality_failures"] == {"repetition": 6} and stats["rejected_by_reason"] == {"repetition": 3}
    out = tmp_path / "summary.md"
    (tmp_path / "stats.json").write_text(json.dumps(stats))
    runner.check(str(tmp_path / "stats.json"), "t", 0.1, str(out))
    assert "attempts failing the `repetition` check: 6" in out.read_text()
