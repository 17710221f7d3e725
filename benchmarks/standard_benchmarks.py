"""SmolLM2-135M base and its adapters on the whole shared standard benchmarks, scored the published way.

Usage: python benchmarks/standard_benchmarks.py [--model /tmp/smollm2] [--adapter NAME=FOLDER ...]
       [--sets fpb,tfns,nwgi,finqa,tatqa] [--protocols generate,loglik] [--max-examples [SET=]N ...]
       [--train-share SET=SHARE ...] [--seed 0] [--threads 2] [--batch-size 8] [--show 20]
       [--no-4bit] [--predictions FOLDER] [--out FILE.json]

Every set of ``../shared/benchmarks`` goes through the package exactly as the workflow
draws it: a config entry (``include:`` of the shipped description with ``source.path``
pointing at the shared file) checked by ``description.benchmark_configs``, the rows drawn
by ``build.build_rows`` into a temporary folder, checked and tokenized by
``protocols.prepare`` before any model loads. Each model (the base, then each
``--adapter``) is loaded once by ``finstep.training.predict.load_student``, as rule
``predict`` loads it (a QLoRA adapter works only on the 4-bit base it was trained on),
and runs every set and protocol (``protocols.run_protocol``); the seconds per example
exclude loading, which is logged apart. ``scoring.score_benchmark`` gives each score its
resampled 95% interval and each adapter its paired difference from the base.

``--max-examples SET=N`` scores a seeded sample stratified by label (TAT-QA: by answer
type), as ``benchmarks.<set>.max_examples`` would; a bare N applies to every set.
``--train-share tfns=0.5`` sets aside the rows the default run trains its TFNS pair on
(``benchmarks.tfns.train_share``, same seed) and scores the rest: an adapter trained on
half of TFNS must not be scored on its own training rows. Published numbers use every row.

Writes ``benchmarks/results/standard-benchmarks-<date>.json`` (the machine, settings, each
(set, model, protocol)'s n, seconds per example, scores with intervals and deltas, answer
distribution, and ``--show`` rows spread over each set with every model's raw output) and
prints a Markdown table per set with the published rows of ``resources/benchmarks/anchors.csv``
(same benchmark and protocol) beneath it. FPB's licence (CC BY-NC-SA) keeps its sentences
out of the project: its listed rows carry no prompt text, nor an output that repeats it.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import platform
import re
import sys
import tempfile
import time
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import torch  # noqa: E402
from finstep.benchmarks.build import build_rows  # noqa: E402
from finstep.benchmarks.description import benchmark_configs  # noqa: E402
from finstep.benchmarks.protocols import Prepared, prepare, run_protocol  # noqa: E402
from finstep.benchmarks.report import benchmark_table, read_anchors  # noqa: E402
from finstep.benchmarks.rows import read_rows  # noqa: E402
from finstep.benchmarks.scoring import BASE, score_benchmark  # noqa: E402
from finstep.benchmarks.tasks import TASKS  # noqa: E402
from finstep.config_schema import defaults  # noqa: E402
from finstep.errors import FinstepError  # noqa: E402
from finstep.evaluation.bootstrap import BootstrapSettings  # noqa: E402
from finstep.io import read_json, write_json, write_jsonl  # noqa: E402
from finstep.models.loading import load_tokenizer, set_threads  # noqa: E402
from finstep.training.adapter_check import check_adapter  # noqa: E402
from finstep.training.predict import load_student, prompt_tokens  # noqa: E402
from finstep.validation import SAFE_NAME  # noqa: E402

log = logging.getLogger("standard_benchmarks")

SHARED = ROOT.parent / "shared" / "benchmarks"
# Set → the shared file; the shipped description of the same name says how to read and score it.
# TFNS: the description's own file, the whole validation split and byte for byte the shared
# tfns/tfns_test.jsonl; a row's id is its file's name and line, so only the same file name
# gives the workflow's ids, and so its sample and the rows its train_share sets aside.
SETS = {
    "fpb": "fpb/fpb_test.jsonl",  # FinGPT's 1,212-row test split
    "tfns": None,  # the validation split, 2,388 rows
    "nwgi": "nwgi/nwgi_test.jsonl",  # test, 4,047 rows, 7 labels mapped to 3 by the description
    "finqa": "finqa/finqa_dev_pixiu.jsonl",  # dev in FinBen's prompt, 883 rows
    "tatqa": "tatqa/tatqa_dataset_test_gold.json",  # test with gold answers, 1,663 questions
}
# Sets whose text may not be copied into the project (CC BY-NC-SA): listed without their prompt.
NO_TEXT = {"fpb"}
ECHO_WORDS = 5  # an output sharing this many words in a row with its sentence is the sentence's text
STUDENT = "smollm2"  # the name the table gives the model, as the default config names it
RUN_DEFAULTS = defaults("benchmarks", "*")  # batch_size, seed, max_truncated_share: the workflow's


def per_set(values: list[str], flag: str, cast: type, sets: list[str]) -> dict[str, object]:
    """``SET=VALUE`` (or a bare VALUE for every set) options into set → value."""
    chosen: dict[str, object] = {}
    for value in values:
        name, _, given = value.rpartition("=")
        names = [name] if name else sets
        if name and name not in SETS:
            raise FinstepError(f"{flag} {value}: {name} is not a set ({', '.join(SETS)})")
        try:
            parsed = cast(given)
        except ValueError:
            raise FinstepError(f"{flag} {value}: {given!r} is not a {cast.__name__}") from None
        chosen.update(dict.fromkeys(names, parsed))
    return chosen


def adapters_of(values: list[str], model: str, load_in_4bit: bool) -> dict[str, dict]:
    """Name → the adapter folder and its training record, each checked before any model loads."""
    adapters: dict[str, dict] = {}
    for value in values:
        name, _, folder = value.partition("=")
        if not folder or not SAFE_NAME.fullmatch(name) or name == BASE or name in adapters:
            raise FinstepError(
                f"--adapter {value}: give NAME=FOLDER with a new name of letters, digits, '_', '.', '-' "
                f"(not {BASE!r}), e.g. tfns_sentiment=results/adapters/smollm2/tfns_sentiment"
            )
        check_adapter(folder)  # the files its training wrote, every weight finite
        run = read_json(Path(folder) / "run.json")
        trained_4bit = run.get("hyperparameters", {}).get("load_in_4bit")
        if trained_4bit is not None and bool(trained_4bit) != load_in_4bit:
            raise FinstepError(
                f"--adapter {value}: trained on a {'4-bit' if trained_4bit else 'full-precision'} base, "
                f"but the base loads {'in 4-bit' if load_in_4bit else 'in full precision'}; a QLoRA "
                f"adapter only works on the base it was trained on: {'drop' if trained_4bit else 'add'} --no-4bit"
            )
        if run.get("base_model") and Path(run["base_model"]).resolve() != Path(model).resolve():
            log.warning(
                "--adapter %s was trained on %s, the base here is %s: the same weights only if both come "
                "from the same conversion (or pass --model %s)",
                value,
                run["base_model"],
                model,
                run["base_model"],
            )
        adapters[name] = {
            "adapter": folder,
            "trained_on": run.get("base_model"),
            "dataset": run.get("dataset"),
            "steps": run.get("steps"),
            "hyperparameters": run.get("hyperparameters"),
        }
    return adapters


def draw_sets(sets: list[str], options: dict, folder: Path) -> dict[str, dict]:
    """Each set's rows as the workflow draws them: a checked config entry, then ``build_rows``."""
    section = {}
    for name in sets:
        source = {}
        if SETS[name] is not None:
            path = SHARED / SETS[name]
            if not path.is_file():
                raise FinstepError(f"{path} is missing: these measurements need ../shared/benchmarks")
            source = {"source": {"path": str(path)}}
        section[name] = {"include": name, **source, **options[name]}
    drawn = {}
    for name, entry in benchmark_configs(section, ROOT).items():
        # Checked under ROOT, but build_rows reads a relative path from the working folder.
        entry["source"]["path"] = str(ROOT / entry["source"]["path"])
        rows_path, info_path = folder / f"{name}.rows.jsonl", folder / f"{name}.rows.json"
        train_path = folder / f"{name}.train.jsonl" if entry["train_share"] else None
        build_rows(name, entry, str(rows_path), str(info_path), str(train_path) if train_path else None)
        drawn[name] = {"options": entry, "rows_path": str(rows_path), "info": read_json(info_path)}
    return drawn


def prepare_all(student: dict, drawn: dict, wanted: list[str], batch_size: int) -> dict[str, dict]:
    """Every (set, protocol) checked and tokenized with the tokenizer alone, once for every model."""
    tokenizer = load_tokenizer(student, padding_side="left")
    prepared = {}
    for name, set_ in drawn.items():
        task = TASKS.get(set_["options"]["task"])
        protocols = [p for p in wanted if p in task.protocols]
        new_tokens = set_["options"]["max_new_tokens"] or task.max_new_tokens
        by_protocol: dict[str, Prepared] = {
            protocol: prepare(
                student,
                set_["rows_path"],
                protocol,
                new_tokens,
                max_truncated_share=set_["options"]["max_truncated_share"],
            )
            for protocol in protocols
        }
        if not by_protocol:
            log.warning("%s: task %s takes none of %s; skipped", name, task.name, ", ".join(wanted))
            continue
        lengths = [prompt_tokens(tokenizer, p) for p in next(iter(by_protocol.values())).fitted.prompts]
        prepared[name] = {
            "protocols": by_protocol,
            "max_new_tokens": new_tokens,
            "batch_size": batch_size,
            "prompt_tokens": {
                "mean": round(sum(lengths) / len(lengths), 1),
                "max": max(lengths),
                "cut": sum(next(iter(by_protocol.values())).fitted.cut),
            },
        }
    return prepared


def run_model(student: dict, adapter: str | None, prepared: dict) -> tuple[float, dict, dict]:
    """(load seconds, set → protocol → predictions, set → protocol → timing) of one loaded model."""
    start = time.perf_counter()
    model, tokenizer = load_student(student, adapter)
    load_seconds = time.perf_counter() - start
    predictions: dict[str, dict] = {}
    timing: dict[str, dict] = {}
    for name, set_ in prepared.items():
        for protocol, ready in set_["protocols"].items():
            start = time.perf_counter()
            rows = run_protocol(model, tokenizer, ready, set_["max_new_tokens"], set_["batch_size"])
            seconds = time.perf_counter() - start
            predictions.setdefault(name, {})[protocol] = rows
            timing.setdefault(name, {})[protocol] = {
                "n": len(rows),
                "seconds": round(seconds, 2),
                "seconds_per_example": round(seconds / len(rows), 4),
            }
            log.info(
                "%s %s %s: %d rows in %.1f s (%.3f s an example)",
                adapter or BASE,
                name,
                protocol,
                len(rows),
                seconds,
                seconds / len(rows),
            )
    del model
    gc.collect()
    return load_seconds, predictions, timing


def _package(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def machine() -> dict:
    """Where the seconds were measured: seconds per example mean little without the CPU and threads."""
    cpu = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or None
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "torch_threads": torch.get_num_threads(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        **{package: _package(package) for package in ("torch", "transformers", "peft", "bitsandbytes")},
    }


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def listed(scores: dict, name: str, rows: list, template: str | None) -> dict:
    """The score file's listed rows, without the set's text where its licence forbids copying it.

    A small model often goes on with the sentence it was given instead of answering:
    such an output is the set's text too, so it is withheld (the answer read from it stays).
    """
    if name not in NO_TEXT:
        return scores
    prompts = {row.id: row.prompt for row in rows}
    for piece in (template or "{text}").split("{text}"):  # the instruction is not the set's text
        prompts = {key: prompt.replace(piece, " ") if piece else prompt for key, prompt in prompts.items()}
    for entry in scores["samples"]:
        entry["prompt_tail"] = None
        source = _ngrams(prompts[entry["id"]], ECHO_WORDS)
        for by_variant in entry["outputs"].values():
            for shown in by_variant.values():
                output = shown.get("output")
                if isinstance(output, str) and _ngrams(output, ECHO_WORDS) & source:
                    shown["output"] = f"[withheld: repeats {ECHO_WORDS}+ words of the {name} sentence]"
    return scores


def print_tables(result: dict, anchors: list[dict]) -> None:
    """A Markdown table per set (each model per protocol, Δ, then the published rows), then the timings."""
    for name, set_ in result["sets"].items():
        entry = {"student": STUDENT, **set_["scores"]}
        scores, drawn = set_["scores"], set_["rows"]["source_rows"]
        print(f"\n## {name} ({scores['task']}; {scores['n']} of {drawn} rows)\n")
        print(benchmark_table(name, [entry], anchors).to_markdown(index=False))
    print("\n## Seconds per example (model loading excluded)\n")
    print("| set | model | protocol | n | s/example | prompt tokens (mean, max) |")
    print("| --- | --- | --- | ---: | ---: | --- |")
    for name, set_ in result["sets"].items():
        tokens = set_["prompt_tokens"]
        for model, by_protocol in set_["timing"].items():
            for protocol, timing in by_protocol.items():
                print(
                    f"| {name} | {model} | {protocol} | {timing['n']} | {timing['seconds_per_example']:.3f} "
                    f"| {tokens['mean']}, {tokens['max']} |"
                )
    loads = ", ".join(f"{model} {m['load_seconds']} s" for model, m in result["models"].items())
    where = result["machine"]
    print(f"\nModel loading: {loads}. {where['cpu']}, {where['torch_threads']} torch threads.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="/tmp/smollm2", help="the converted SmolLM2-135M-Instruct folder")
    parser.add_argument("--adapter", action="append", default=[], help="NAME=FOLDER, repeatable")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of {', '.join(SETS)}")
    parser.add_argument("--protocols", default="generate,loglik", help="generate and/or loglik")
    parser.add_argument("--max-examples", action="append", default=[], help="[SET=]N: stratified sample")
    parser.add_argument("--train-share", action="append", default=[], help="SET=SHARE set aside, unscored")
    parser.add_argument("--seed", type=int, default=RUN_DEFAULTS["seed"])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=RUN_DEFAULTS["batch_size"])
    parser.add_argument("--show", type=int, default=20, help="rows listed per set with every raw output")
    parser.add_argument("--no-4bit", action="store_true", help="load the base in full precision")
    parser.add_argument("--predictions", help="also write every prediction row under this folder")
    parser.add_argument("--out", help="default: benchmarks/results/standard-benchmarks-<date>.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr)

    try:
        sets = [s for s in args.sets.split(",") if s]
        unknown = [s for s in sets if s not in SETS]
        if unknown or not sets:
            raise FinstepError(f"--sets {args.sets}: choose among {', '.join(SETS)}")
        protocols = [p for p in args.protocols.split(",") if p]
        if not protocols or any(p not in ("generate", "loglik") for p in protocols):
            raise FinstepError(f"--protocols {args.protocols}: generate and/or loglik")
        max_examples = per_set(args.max_examples, "--max-examples", int, sets)
        train_share = per_set(args.train_share, "--train-share", float, sets)
        options = {
            name: {
                "seed": args.seed,
                "batch_size": args.batch_size,
                **({"max_examples": max_examples[name]} if name in max_examples else {}),
                **({"train_share": train_share[name]} if name in train_share else {}),
            }
            for name in sets
        }
        load_in_4bit = not args.no_4bit
        student = {"model": args.model, "load_in_4bit": load_in_4bit}
        adapters = adapters_of(args.adapter, args.model, load_in_4bit)
        anchors = read_anchors(ROOT / "resources" / "benchmarks" / "anchors.csv")
        set_threads(args.threads)
        models = {BASE: None, **{name: a["adapter"] for name, a in adapters.items()}}
        with tempfile.TemporaryDirectory() as folder:
            drawn = draw_sets(sets, options, Path(folder))
            prepared = prepare_all(student, drawn, protocols, args.batch_size)
            predictions: dict[str, dict] = {}
            timing: dict[str, dict] = {}
            loaded: dict[str, dict] = {}
            for model, adapter in models.items():
                load_seconds, predictions[model], timing[model] = run_model(student, adapter, prepared)
                loaded[model] = {"load_seconds": round(load_seconds, 2), **adapters.get(model, {})}
                log.info("%s loaded in %.1f s", model, load_seconds)
                if args.predictions:  # written as each model ends: a late failure loses no model's run
                    for name, by_protocol in predictions[model].items():
                        for protocol, rows_out in by_protocol.items():
                            write_jsonl(Path(args.predictions) / name / model / f"{protocol}.jsonl", rows_out)
            settings = BootstrapSettings.from_options(None)
            result = {
                "script": "benchmarks/standard_benchmarks.py",
                "date": date.today().isoformat(),
                "command": sys.argv[1:],
                "machine": machine(),
                "student": student,
                "batch_size": args.batch_size,
                "models": loaded,
                "sets": {},
            }
            for name, set_ in prepared.items():
                rows = read_rows(drawn[name]["rows_path"])
                task = TASKS.get(drawn[name]["options"]["task"])(drawn[name]["options"])
                scores = score_benchmark(
                    rows,
                    {model: predictions[model][name] for model in models},
                    task,
                    settings,
                    samples=args.show,
                )
                result["sets"][name] = {
                    "rows": drawn[name]["info"],
                    "max_new_tokens": set_["max_new_tokens"],
                    "prompt_tokens": set_["prompt_tokens"],
                    "timing": {model: timing[model][name] for model in models},
                    "scores": listed(scores, name, rows, drawn[name]["options"].get("prompt")),
                }
    except FinstepError as exc:
        sys.exit(f"error: {exc}")
    out = args.out or str(ROOT / "benchmarks" / "results" / f"standard-benchmarks-{result['date']}.json")
    write_json(out, result)
    print_tables(result, anchors)
    print(f"\nwritten: {out}")


if __name__ == "__main__":
    main()
