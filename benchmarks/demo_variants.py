"""What it takes for the demo's tiny student to gain from distillation: ROUGE-L of base vs tuned per variant.

Usage: python benchmarks/demo_variants.py [--dataset distill_summary] [--variants default,epochs10,...]
       [--cores 2] [--keep DIR]

Each variant is a config overlay (``--configfile config/config.yaml config/tiny.yaml
overlay.yaml``) on the offline config with the tiny student (the default demo before
SmolLM2 replaced it). The variants run one after another in one copy of
the project, so Snakemake reruns only what a variant changes (the tiny model when
its size or pretraining changes, then training, prediction and scoring). The
figures printed are the workflow's own metrics file for the pair
``tiny/<dataset>``: ROUGE-L of base and tuned with the paired 95% bootstrap
interval of tuned − base, and the wall time of the variant's run.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("Snakefile", "rules", "scripts", "config", "envs", "profiles", "report", "resources")

# Overlays on config/config.yaml; each says what it changes from the default demo.
VARIANTS: dict[str, dict] = {
    "default": {},
    # Ten epochs at one optimizer step per batch of 4: 210 steps instead of 18.
    "epochs10": {"training": {"epochs": 10, "grad_accum": 1}},
    # The QLoRA studies' learning rate (config/paper.yaml).
    "lr2e-4": {"training": {"learning_rate": 0.0002}},
    # Twice as wide (8 heads of 16), pretrained longer: about 4x the tiny model's compute.
    "wide128": {
        "tiny_model": {
            "hidden_size": 128,
            "intermediate_size": 256,
            "heads": 8,
            "kv_heads": 4,
            "pretrain_steps": 600,
            "pretrain_learning_rate": 0.002,
        }
    },
    # Four layers instead of two.
    "layers4": {"tiny_model": {"layers": 4}},
    # Three times the pretraining: the base all but memorises the corpus (its sentences included).
    "pretrain1200": {"tiny_model": {"pretrain_steps": 1200}},
}


def copy_project(target: Path) -> None:
    target.mkdir(parents=True)
    for part in PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)


def run_variant(project: Path, name: str, overlay: dict, dataset: str, cores: int) -> dict:
    overlay_path = project / "config" / f"variant-{name}.yaml"
    overlay_path.write_text(yaml.safe_dump(overlay or {"tiny_model": {}}), encoding="utf-8")
    target = f"results/metrics/tiny/{dataset}.json"
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            target,
            "--cores",
            str(cores),
            "--resources",
            "gpu=1",
            "--configfile",
            "config/config.yaml",
            "config/tiny.yaml",
            str(overlay_path.relative_to(project)),
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        tail = result.stderr.strip().splitlines()[-15:]
        return {"variant": name, "error": " | ".join(tail)}
    rouge_l = json.loads((project / target).read_text(encoding="utf-8"))["metrics"]["rougeL"]
    return {
        "variant": name,
        "seconds": seconds,
        **{part: rouge_l[part] for part in ("base", "tuned", "delta")},
    }


def row(result: dict) -> str:
    if "error" in result:
        return f"| {result['variant']} | failed: {result['error'][:200]} | | | |"
    delta = result["delta"]
    return (
        f"| {result['variant']} | {result['base']['mean']:.3f} | {result['tuned']['mean']:.3f} | "
        f"{delta['mean']:+.3f} [{delta['low']:+.3f}, {delta['high']:+.3f}] | {result['seconds']:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="distill_summary")
    parser.add_argument(
        "--variants", default=",".join(VARIANTS), help=f"comma-separated, of {', '.join(VARIANTS)}"
    )
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument(
        "--keep", type=Path, help="run in this (new) folder and keep it, instead of a temp one"
    )
    args = parser.parse_args()
    names = [name.strip() for name in args.variants.split(",") if name.strip()]
    unknown = sorted(set(names) - set(VARIANTS))
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(unknown)}; choose from {', '.join(VARIANTS)}")

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="demo-variants-"))
    workdir.mkdir(parents=True, exist_ok=True)
    project = workdir / "project"
    copy_project(project)
    print(
        f"# {platform.machine()}, {platform.python_version()}, --cores {args.cores}, dataset {args.dataset}"
    )
    print("| variant | ROUGE-L base | ROUGE-L tuned | Δ tuned − base (paired 95% CI) | run (s) |")
    print("| --- | ---: | ---: | --- | ---: |")
    try:
        for name in names:
            print(row(run_variant(project, name, VARIANTS[name], args.dataset, args.cores)), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
