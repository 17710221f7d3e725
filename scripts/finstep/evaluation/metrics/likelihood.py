"""The reference's likelihood under each model: whether the adapter learned the teacher, apart from decoding.

ROUGE scores what greedy decoding makes of a model. A small student can put
more probability on the teacher's held-out summaries after tuning and still
decode the same kind of text, and a tuned model that scores exactly as its
base points at an adapter that was never applied. The predict rule writes, for
every test row, the mean negative log-likelihood per token of the reference
answer given the prompt (teacher forcing); this metric averages it. Lower is
better; the tuned − base difference is the one to read.
"""

from __future__ import annotations

import logging
from typing import ClassVar

from ..predictions import Example, missing_likelihoods
from .base import Metric, MetricKey

log = logging.getLogger("finstep.evaluation")


class LikelihoodMetric(Metric):
    keys: ClassVar[dict[str, MetricKey]] = {
        "reference_nll": MetricKey(
            "Reference NLL (nats/token)",
            higher_is_better=False,
            order=20,
            panel="quality",
            axis="nats per token",
        )
    }

    def applies(self, examples: list[Example]) -> bool:
        missing = missing_likelihoods(examples)
        if missing:
            log.warning(
                "%d of %d examples have no reference_nll in their predictions (written by an older predict "
                "rule); rerun predict to score the likelihood",
                len(missing),
                len(examples),
            )
        return not missing

    def score_variant(self, example: Example, variant: str) -> dict[str, float | None]:
        return {"reference_nll": example.reference_nll.get(variant)}

    def score(self, example: Example, output: str) -> dict[str, float | None]:
        raise TypeError("the likelihood is a property of the model, not of an output text: use score_variant")
