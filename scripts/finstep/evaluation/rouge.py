"""ROUGE with Google's ``rouge-score``, the implementation ``evaluate``'s "rouge" wraps.

``evaluate.load("rouge")`` fetches its script from the Hub at run time, which
compute nodes often cannot reach; calling ``rouge_score`` directly gives the
same numbers offline. ROUGE-Lsum scores the longest common subsequence
sentence by sentence and needs one sentence per line: ``rouge_score`` would
split with NLTK's punkt data (another download), so the project's own
splitter puts the newlines in.
"""

from __future__ import annotations

import functools

from rouge_score import rouge_scorer

from ..sentences import split_sentences

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")


@functools.cache
def scorer() -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)


def sentence_lines(text: str) -> str:
    """One sentence per line, as ROUGE-Lsum expects."""
    return "\n".join(split_sentences(text)) if text.strip() else ""


def rouge(prediction: str, reference: str) -> dict[str, float]:
    """F-measures of ``prediction`` against ``reference``, stemming on."""
    scores = scorer().score(sentence_lines(reference), sentence_lines(prediction))
    return {name: scores[name].fmeasure for name in ROUGE_TYPES}
