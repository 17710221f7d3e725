"""Score one student's models on one benchmark (rule ``benchmark_score``).

The base and every adapter of the student, each protocol apart, in one job: the
paired differences need every variant's answers on the same resamples.
"""

from __future__ import annotations

import logging

from ..evaluation.bootstrap import BootstrapSettings
from ..io import read_json, read_jsonl, write_json
from .rows import read_rows
from .scoring import score_benchmark
from .tasks import TASKS

log = logging.getLogger("finstep.benchmarks")


def score_student(
    benchmark: str,
    student: str,
    options: dict,
    rows_path: str,
    rows_info_path: str,
    predictions: dict[str, dict[str, str]],
    bootstrap: dict,
    out: str,
    samples: int = 5,
) -> None:
    """``predictions``: variant → protocol → prediction file; writes ``results/benchmarks/{benchmark}/{student}.json``."""
    task = TASKS.get(options["task"])(options)
    rows = read_rows(rows_path)
    loaded = {
        variant: {protocol: list(read_jsonl(path)) for protocol, path in files.items()}
        for variant, files in predictions.items()
    }
    settings = BootstrapSettings.from_options(bootstrap)
    scores = score_benchmark(rows, loaded, task, settings, samples=samples, paths=predictions)
    info = read_json(rows_info_path)
    write_json(out, {"benchmark": benchmark, "student": student, "rows": info, **scores})
    for protocol, result in scores["protocols"].items():
        for variant, stats in result["variants"].items():
            shown = {
                key: round(v["value"], 4) for key, v in stats["metrics"].items() if v.get("value") is not None
            }
            log.info("%s %s %s (%s): %s", benchmark, student, variant, protocol, shown)
