"""A deterministic CPU teacher with no model: the offline default and the floor to beat.

The summary is Lead-k, the standard extractive baseline: the lead sentence(s)
plus the sentences that carry figures, in document order. The rationale is
built by rules from the chunk's own words: the figures found and the metric
each belongs to, the direction of each change and its stated driver, and the
sentences that raise risks. The result reads like a plausible analysis, so the
demo's downstream stages (training, ROUGE) run on realistic data, and any
LLM teacher has a transparent baseline to beat. Same input, same bytes out.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from ... import __version__
from ...sentences import split_sentences
from ..extractive import company_name, rationale, summary
from .base import Generation, Teacher, TeacherRequest


class ExtractiveTeacher(Teacher):
    """Answers every chunk by extraction and rules: no model, no GPU, no randomness.

    Options: ``lead_sentences`` and ``max_summary_sentences``. ``seed`` is
    ignored: the output depends on the chunk alone.
    """

    name = "extractive"
    option_defaults: ClassVar[dict[str, Any]] = {"lead_sentences": 1, "max_summary_sentences": 3}

    @property
    def revision(self) -> str:
        """The code is the model: outputs record the package version that wrote them."""
        return f"finstep-{__version__}"

    def generate(self, requests: list[TeacherRequest], *, seed: int) -> list[Generation]:
        return [self._answer(request) for request in requests]

    def _answer(self, request: TeacherRequest) -> Generation:
        sentences = split_sentences(request.text)
        answer = {
            "rationale": rationale(sentences, request.meta),
            "summary": summary(
                sentences,
                lead=int(self.options["lead_sentences"]),
                cap=int(self.options["max_summary_sentences"]),
                context=f"Excerpt from {company_name(request.meta)}'s Form 10-K",
            ),
        }
        text = json.dumps(answer, ensure_ascii=False)
        return Generation(text=text, output_tokens=len(text.split()))
