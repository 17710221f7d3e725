"""ROUGE-1/2/L/Lsum F-measures of the summary an output gives against the reference summary.

ROUGE is Google's ``rouge-score``, the implementation ``evaluate``'s "rouge"
wraps. ``evaluate.load("rouge")`` fetches its script from the Hub at run time,
which compute nodes often cannot reach; calling ``rouge_score`` directly gives
the same numbers offline. ROUGE-Lsum scores the longest common subsequence
sentence by sentence and needs one sentence per line: ``rouge_score`` would
split with NLTK's punkt data (another download), so the project's own
splitter puts the newlines in.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, ClassVar

from ...sentences import split_sentences
from ..predictions import Example, summary_field
from .base import Metric, MetricKey

if TYPE_CHECKING:
    from rouge_score import rouge_scorer

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


@functools.cache
def scorer() -> rouge_scorer.RougeScorer:
    """Imported here, not with the module: DPO imports this module (for the preference filter)
    on machines, such as a lent GPU's, where rouge-score is not installed and no pair is built."""
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def sentence_lines(text: str) -> str:
    """One sentence per line, as ROUGE-Lsum expects."""
    return "\n".join(split_sentences(text)) if text.strip() else ""


def rouge(prediction: str, reference: str) -> dict[str, float]:
    """F-measures of ``prediction`` against ``reference``, stemming on."""
    scores = scorer().score(sentence_lines(reference), sentence_lines(prediction))
    return {name: scores[name].fmeasure for name in ROUGE_TYPES}


class RougeMetric(Metric):
    keys: ClassVar[dict[str, MetricKey]] = {
        key: MetricKey(label, order=10 + n, panel="rouge", axis="F-measure")
        for n, (key, label) in enumerate(
            {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L", "rougeLsum": "ROUGE-Lsum"}.items()
        )
    }

    def score(self, example: Example, output: str) -> dict[str, float | None]:
        # The summary field on both sides, never a rationale against a summary. An output that
        # does not follow the format is scored whole: format validity reports the failure itself.
        reference = summary_field(example.reference, self.format) or example.reference
        prediction = summary_field(output, self.format) or output
        return rouge(prediction, reference)
