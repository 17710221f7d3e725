"""The default workflow submitted to a real (one-node) SLURM cluster with the project's profile.

``tests/slurm/start_cluster.sh`` installs Debian's slurm-wlm and munge and
starts slurmctld and slurmd with one ``gpu:t4:1`` GRES backed by /dev/null,
so GPU jobs are scheduled and get CUDA_VISIBLE_DEVICES without a GPU. The node
declares the size of a T4 cloud node (8 CPUs, 64 GB) rather than this
machine's, so the profile's requests fit as they would on such a cluster. The
test copies ``profiles/slurm`` changing only lines marked SITE (this cluster
has no accounting: squeue status checks; one default partition, no accounts),
runs the whole default workflow through it (polling every 2 s instead of the
plugin's 40-60 s, given on the command line), and reads back from SLURM what
each job asked for (TresPerJob, memory, CPUs) and got (JOB_GRES; without
accounting, GPUs do not appear in a job's TRES). Where the machine cannot host
the cluster (not root, no apt) it skips with the reason.
"""

from __future__ import annotations

import os
import re
import subprocess
from types import SimpleNamespace

import pytest
import yaml
from conftest import ROOT
from test_workflow import SNAKEMAKE, copy_project

pytestmark = pytest.mark.workflow
START = ROOT / "tests" / "slurm" / "start_cluster.sh"
GPU_RULES = {
    "train",
    "predict",
    "benchmark_predict",
}  # the default config's tiny student asks for a GPU; its teacher does not
NODE_CPUS, NODE_MEM_MB = 8, 64000  # a T4 cloud node's CPUs and memory


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("snakemake_executor_plugin_slurm", reason="install the dev extras for the SLURM test")
    env = {**os.environ, "SLURM_NODE_CPUS": str(NODE_CPUS), "SLURM_NODE_MEM_MB": str(NODE_MEM_MB)}
    result = subprocess.run(["bash", str(START)], capture_output=True, text=True, timeout=900, env=env)
    if result.returncode == 3:
        pytest.skip(result.stderr.strip().splitlines()[-1])
    assert result.returncode == 0, result.stdout + result.stderr


SITE_LINE = "# slurm-status-command: squeue  # SITE: clusters without accounting"


def site_profile(project) -> None:
    """profiles/slurm as this cluster's site adapts it, in profiles/slurm-site: SITE lines only."""
    original = (ROOT / "profiles" / "slurm" / "config.yaml").read_text()
    assert SITE_LINE in original
    adapted = original.replace(SITE_LINE, SITE_LINE.removeprefix("# "))
    changed = [
        new for old, new in zip(original.splitlines(), adapted.splitlines(), strict=True) if old != new
    ]
    assert changed and all("# SITE" in line for line in changed)
    folder = project / "profiles" / "slurm-site"
    folder.mkdir(parents=True)
    (folder / "config.yaml").write_text(adapted)


def submitted_jobs(workdir) -> list[dict]:
    """Every SLURM job run from ``workdir``: its rule (from the plugin's comment) and its TRES."""
    out = subprocess.run(
        ["scontrol", "-o", "-d", "show", "job"], capture_output=True, text=True, check=True
    ).stdout
    jobs = []
    for line in out.splitlines():
        fields = dict(re.findall(r"(\w+)=(\S*)", line))
        if fields.get("WorkDir") == str(workdir) and fields.get("Comment", "").startswith("rule_"):
            rule = re.match(r"rule_(\w+?)(?:_wildcards_.*)?$", fields["Comment"]).group(1)
            jobs.append({"rule": rule, **fields})
    return jobs


def test_default_workflow_runs_on_slurm_with_gpus_for_gpu_rules_only(cluster, tmp_path):
    project = copy_project(tmp_path)
    site_profile(project)
    # The default DAG with the tiny student and less work per job, to keep CI short. (Pretraining
    # stays: with much less, the base model answers every prompt with EOS and the empty-output
    # guard stops the run.) The real student's path is tested in test_workflow.
    # One pair, and few benchmark rows with one protocol each: every kind of job still runs on SLURM.
    (project / "config" / "quick.yaml").write_text(
        "arithmetic: {n: 200}\ntraining: {epochs: 1}\nprediction: {max_new_tokens: 48}\n"
        "pairs: [{student: tiny, dataset: distill_summary}]\n"
        "benchmarks: {tfns: {max_examples: 8, protocols: [loglik]}, finqa: {max_examples: 2}}\n"
    )
    result = subprocess.run(
        [
            *SNAKEMAKE,
            "--workflow-profile",
            "profiles/slurm-site",
            "--slurm-init-seconds-before-status-checks",
            "2",
            "--seconds-between-status-checks",
            "2",  # a small queue: poll often, finish sooner
            "--configfile",
            "config/config.yaml",
            "config/tiny.yaml",
            "config/synthetic.yaml",
            "config/quick.yaml",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert (project / "results" / "metrics" / "summary.csv").is_file()
    assert (project / "results" / "figures" / "rouge.pdf").stat().st_size > 1000
    for dataset in ("distill_summary",):
        assert (project / "results" / "adapters" / "tiny" / dataset / "README.md").is_file()
    assert (project / "results" / "tables" / "benchmarks.md").is_file()

    jobs = submitted_jobs(project)
    rules = {job["rule"] for job in jobs}
    assert rules >= GPU_RULES and {"teacher_shard", "score", "figures", "extract_text"} <= rules
    assert not {"fetch_filing", "record_filing"} & rules  # local rules stay on the login node
    for job in jobs:
        assert job["JobState"] == "COMPLETED", job
        memory = int(job["MinMemoryNode"].removesuffix("M"))
        if job["rule"] in GPU_RULES:
            assert job.get("TresPerJob") == "gres:gpu:t4:1", job  # asked for one T4
            assert job.get("JOB_GRES") == "gpu:t4:1", job  # and got it
            assert job["NumCPUs"] == "4" and memory >= 24000, job  # the profile's T4 sizing
        else:
            # CPU rules, the extractive teacher's shards among them, ask for no GPU at all and a
            # few GB (the shard job once asked for --gpus=t4:0, which SLURM refuses in the step).
            assert "gpu" not in job.get("TresPerJob", "") and job.get("JOB_GRES") == "(null)", job
            assert memory <= 4000 and job["NumCPUs"] == "1", job
    shard = next(job for job in jobs if job["rule"] == "teacher_shard")
    assert shard["MinMemoryNode"] == "2000M" and shard["TimeLimit"] == "01:00:00", shard  # the plugin's


class _Resources(dict):
    """A job's resources as the SLURM plugin reads them: ``.get`` and attribute access."""

    __getattr__ = dict.__getitem__


def test_a_student_of_four_gpus_is_one_slurm_job_of_four_t4s_on_one_node():
    """The sbatch request of ``train`` for ``gpu: 4``, built by the plugin's own code from the rule's
    resources and the profile's, without a cluster (the one-node cluster above has one GPU)."""
    pytest.importorskip("snakemake_executor_plugin_slurm", reason="install the dev extras for the SLURM test")
    from finstep.training.config import student_configs
    from snakemake_executor_plugin_slurm.submit_string import get_submit_command
    from snakemake_executor_plugin_slurm.utils import set_gres_string

    profile = yaml.safe_load((ROOT / "profiles" / "slurm" / "config.yaml").read_text())
    student = student_configs({"big": {"model": "org/base", "revision": "abc", "gpu": 4}})["big"]
    for rule in ("train", "dpo"):
        overrides = profile["set-resources"][rule]
        resources = _Resources(
            gpu=student["gpu"],  # the rule's: STUDENTS[student]["gpu"]
            **{key: value for key, value in overrides.items() if key not in ("mem_mb", "runtime")},
            mem_mb=eval(overrides["mem_mb"], {"attempt": 1}),  # the profile's expressions, first attempt
            runtime=eval(overrides["runtime"], {"attempt": 1}),
        )
        job = SimpleNamespace(resources=resources, threads=1)
        params = {
            "run_uuid": "u",
            "slurm_logfile": "l",
            "comment_str": f"rule_{rule}",
            "account": "",
            "partition": "",
            "workdir": "",
        }
        call = get_submit_command(job, params) + set_gres_string(job)
        assert "--gpus=t4:4" in call and "--nodes=1" in call and "--cpus-per-gpu=4" in call, call
