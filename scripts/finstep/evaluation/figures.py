"""Every figure and table of the paper from results that exist: what rule ``figures`` makes.

The drawing is in plots.py, the tables in tables.py, imported when drawing: the Snakefile
imports this module to check the rule's inputs, with no matplotlib.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from pathlib import Path
from typing import Any

from ..errors import FinstepError
from ..io import read_json

log = logging.getLogger("finstep.evaluation")


def sweep_points(pairs: list[dict], sweep: dict[str, dict]) -> list[dict]:
    """ROUGE-L of each swept dataset's tuned student, the full set included, against training chunks."""
    swept = {spec["of"]: spec["student"] for spec in sweep.values()}
    teachers = {spec["of"]: spec.get("teacher") for spec in sweep.values()}
    points = []
    for metrics in pairs:
        dataset, student = metrics["dataset"], metrics["student"]
        origin = sweep[dataset]["of"] if dataset in sweep else dataset
        if swept.get(origin) != student:
            continue
        stats = metrics["metrics"].get("rougeL", {}).get("tuned")
        if not stats or stats.get("mean") is None:
            continue
        chunks = (metrics.get("train_examples") or {}).get("summary") or metrics.get("train_size") or 0
        # One line per swept dataset, named by its format and, for a distillation set, its teacher.
        teacher = f", teacher {teachers[origin]}" if teachers.get(origin) else ""
        points.append(
            {"format": f"{origin} ({metrics['format']}{teacher})", "train_examples": chunks, **stats}
        )
    return points


def check_redraw(inputs: dict[str, list[str]], producers: dict[str, str], allowed: Collection[str]) -> None:
    """Refuse a restricted run (``--allowed-rules``) that would need an upstream job, naming its files.

    ``inputs``: the figures rule's input name → files; ``producers``: input name → the rule that
    makes those files. Snakemake restricts ``--allowed-rules`` only weakly in a workflow with a
    checkpoint (``filing_index``): a missing metrics file is still made by ``score``, and
    ``train`` and ``predict`` are planned above it, though the README promises that a redraw
    never starts them. A missing file whose rule is not allowed therefore stops the run here,
    before any job, with the list; one the run may make (``--allowed-rules figures score``)
    does not.
    """
    if not allowed:
        return
    missing = [
        f"{path} ({producers[name]})"
        for name, paths in inputs.items()
        if producers[name] not in allowed
        for path in paths
        if not Path(path).exists()
    ]
    if missing:
        raise FinstepError(
            f"figures: --allowed-rules {' '.join(sorted(allowed))} starts no upstream job, and "
            f"{len(missing)} input(s) are missing (the rule that makes each): {', '.join(missing)}; "
            "run `snakemake figures` without --allowed-rules to make them, or allow their rules too"
        )


def redraw_inputs(
    inputs: dict[str, list[str]], producers: dict[str, str], workflow: Any
) -> dict[str, list[str]]:
    """The figures rule's ``inputs``, checked by :func:`check_redraw` in a redraw (``--allowed-rules
    figures``) when Snakemake builds the DAG, where the run's settings are known (they are not yet
    while the Snakefile is read). Not in a job's own Snakemake, which is restricted to its rule too."""
    allowed = getattr(workflow.dag_settings, "allowed_rules", None) or ()
    if "figures" in allowed and workflow.is_main_process:
        check_redraw(inputs, producers, allowed)
    return inputs


def make_figures(
    metrics_paths: list[str],
    train_logs: dict[str, str],
    teacher_stats: dict[str, str],
    sweep: dict[str, dict],
    outputs: dict[str, str],
    dpo_logs: dict[str, str] | None = None,
) -> None:
    """``outputs``: figure name (rouge, quality, loss, teacher, sweep, dpo) + ``_png``/``_pdf``, and
    ``table_md``/``table_tex``/``examples_md`` → path. ``train_logs``: "student/dataset" → train_log.csv;
    ``dpo_logs``: the same for the DPO stages' train_log.csv (the dpo figure, where there are any)."""
    from . import plots
    from .tables import write_examples, write_tables

    pairs = [read_json(path) for path in metrics_paths]
    main = [m for m in pairs if m["dataset"] not in sweep]  # sweep points have their own figure

    def paths(name: str) -> list[str]:
        return [outputs[f"{name}_{fmt}"] for fmt in ("png", "pdf")]

    plots.save(plots.rouge_figure(main), paths("rouge"))
    plots.save(plots.quality_figure(main), paths("quality"))
    logs = {tuple(key.split("/", 1)): plots.read_train_log(path) for key, path in train_logs.items()}
    plots.save(plots.loss_figure({k: v for k, v in logs.items() if k[1] not in sweep}), paths("loss"))
    plots.save(
        plots.teacher_figure({name: read_json(path) for name, path in teacher_stats.items()}),
        paths("teacher"),
    )
    if "sweep_png" in outputs:
        plots.save(plots.sweep_figure(sweep_points(pairs, sweep)), paths("sweep"))
    if "dpo_png" in outputs:
        stages = {
            tuple(key.split("/", 1)): plots.read_train_log(path) for key, path in (dpo_logs or {}).items()
        }
        plots.save(plots.dpo_figure(stages, main), paths("dpo"))
    write_tables(main, outputs["table_md"], outputs["table_tex"])
    write_examples(main, outputs["examples_md"])
    log.info("figures and tables of %d pairs (%d in the sweep)", len(main), len(pairs) - len(main))
