"""Rule ``teacher_comparison``: score, then write the JSON, the tables and the figure."""

from __future__ import annotations

from ..evaluation.bootstrap import BootstrapSettings
from .report import write_report
from .scoring import compare_teachers


def run_comparison(
    comparison: dict,
    teacher_files: dict[str, dict[str, str]],
    tests: dict[str, str],
    predictions: dict[str, str],
    bootstrap: dict | None,
    benchmark_files: list[str],
    outputs: dict[str, str],
) -> None:
    """``outputs``: json, table_md, table_csv, png and pdf paths."""
    result = compare_teachers(
        comparison,
        teacher_files,
        tests,
        predictions,
        BootstrapSettings.from_options(bootstrap),
        benchmark_files,
    )
    write_report(result, outputs["json"], outputs["table_md"], outputs["table_csv"])
    # Imported here: matplotlib is the plots environment's, and scoring needs none of it.
    from ..evaluation.plots import save, teacher_comparison_figure

    save(teacher_comparison_figure(result), [outputs["png"], outputs["pdf"]])
