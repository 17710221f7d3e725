"""What a teacher must answer, as a Pydantic model.

The JSON schema of this model is injected into the prompt and, where the
backend allows it, enforced during decoding; every answer is validated
against the model afterwards whatever the backend promised.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

RATIONALE_MIN, RATIONALE_MAX = 40, 4000
SUMMARY_MIN, SUMMARY_MAX = 20, 1500
MIN_STEPS = 2
# "1. ...", "2) ...", "Step 3: ..." at the start of a line.
_STEP = re.compile(r"(?m)^\s*(?:step\s*)?(\d{1,2})\s*[.):]\s*\S")
# The same rule as a regex. It is not put in the JSON schema: xgrammar, which
# vLLM and many servers use for json_schema, mis-handles such patterns (see
# grammar.py); constrained decoders get grammar.answer_grammar() instead.
RATIONALE_PATTERN = r"^1[.)] [^\n]+(\n[1-9][0-9]?[.)] [^\n]+)+$"


class TeacherAnswer(BaseModel):
    """A step-by-step rationale and a concise summary of one 10-K chunk."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    rationale: str = Field(
        min_length=RATIONALE_MIN,
        max_length=RATIONALE_MAX,
        description="Numbered steps of analysis, one per line: '1. ...', '2. ...'.",
    )
    summary: str = Field(
        min_length=SUMMARY_MIN,
        max_length=SUMMARY_MAX,
        description="A concise summary of the excerpt in two to four sentences.",
    )

    @field_validator("rationale")
    @classmethod
    def _numbered_steps(cls, value: str) -> str:
        steps = [int(n) for n in _STEP.findall(value)]
        if len(steps) < MIN_STEPS or steps[:MIN_STEPS] != list(range(1, MIN_STEPS + 1)):
            raise ValueError(
                f"rationale must be numbered steps starting '1.', '2.' (found {len(steps)} steps)"
            )
        return value


def answer_json_schema() -> dict:
    """The JSON schema put in the prompt and handed to constrained decoders."""
    return TeacherAnswer.model_json_schema()
