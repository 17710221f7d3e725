"""Held-out preference accuracy of a DPO stage: did DPO learn the preference beyond its training pairs?

The pairs are built from the dataset's validation rows as the training pairs are from its
training rows (chosen: the teacher's answer; rejected: the SFT student's own), and the DPO
rule records each pair's summed completion log-probs under the base model, the SFT adapter
and the DPO adapter (``run.json``'s ``held_out.logps``, on TRL's own batches). Two shares,
each with its bootstrap interval over the pairs:

* ``reward_accuracy``: DPO's implicit reward ``beta * (logp_dpo - logp_sft)`` is higher for
  the chosen answer than for the rejected one, as TRL counts it (strictly). The SFT model's
  own implicit reward is 0 for every answer, so it prefers nothing: the question is whether
  this share is clearly above one half (an adapter moved at random gets about half; one
  never moved, none).
* ``logprob_accuracy``: the model gives the chosen answer a higher log-prob than the rejected
  one, for base, SFT and DPO alike, with the paired SFT → DPO difference. The SFT student's
  rejected answer is its own greedy one, so the SFT model's share is low by construction:
  it is the baseline DPO starts from. Summed log-probs favour the shorter answer.
"""

from __future__ import annotations

from .bootstrap import BootstrapSettings, mean_ci, paired_difference

MODELS = ("base", "sft", "dpo")


def held_out_preferences(held_out: dict | None, beta: float, settings: BootstrapSettings) -> dict | None:
    """The shares above from a DPO run's ``held_out`` record; None without validation pairs."""
    logps = (held_out or {}).get("logps") or []
    if not logps:
        return None
    margins = {model: [p[model][0] - p[model][1] for p in logps] for model in MODELS}
    prefers = {model: [float(m > 0) for m in margins[model]] for model in MODELS}
    # beta * ((dpo_c - sft_c) - (dpo_r - sft_r)): DPO's reward margin, with the SFT adapter as reference.
    reward = [beta * (d - s) for d, s in zip(margins["dpo"], margins["sft"], strict=True)]
    return {
        "pairs": len(logps),
        "beta": beta,
        "reward_accuracy": mean_ci([float(r > 0) for r in reward], settings),
        "reward_margin": mean_ci(reward, settings),
        "logprob_accuracy": {model: mean_ci(prefers[model], settings) for model in MODELS},
        "logprob_accuracy_delta": paired_difference(prefers["sft"], prefers["dpo"], settings),
        # TRL's own held-out figures: means of its evaluation batches' means, no interval.
        "trl": {key: held_out.get(key) for key in ("loss", "reward_accuracy", "reward_margin")},
    }
