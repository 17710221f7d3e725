"""The default workflow submitted to a real (one-node) SLURM cluster with the project's profile.

``tests/slurm/start_cluster.sh`` installs Debian's slurm-wlm and munge and
starts slurmctld and slurmd with one ``gpu:t4:1`` GRES backed by /dev/null,
so GPU jobs are scheduled and get CUDA_VISIBLE_DEVICES without a GPU. The
test copies ``profiles/slurm`` and changes only what a user changes for their
site (no accounting: squeue status checks, no --account; a 2-core node: one
CPU per GPU job and small memory), runs the whole default workflow through
it, and reads back from SLURM what each job asked for (TresPerJob) and got (JOB_GRES; without
accounting, GPUs do not appear in a job's TRES). Where the
machine cannot host the cluster (not root, no apt) it skips with the reason.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from conftest import ROOT
from test_workflow import SNAKEMAKE, copy_project

pytestmark = pytest.mark.workflow
START = ROOT / "tests" / "slurm" / "start_cluster.sh"
GPU_RULES = {"train", "predict"}  # the default config's tiny student asks for a GPU; its teacher does not


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("snakemake_executor_plugin_slurm", reason="install the dev extras for the SLURM test")
    result = subprocess.run(["bash", str(START)], capture_output=True, text=True, timeout=900)
    if result.returncode == 3:
        pytest.skip(result.stderr.strip().splitlines()[-1])
    assert result.returncode == 0, result.stdout + result.stderr


def site_profile(project) -> None:
    """profiles/slurm as a site would adapt it to this one-node cluster, in profiles/slurm-site."""
    profile = yaml.safe_load((ROOT / "profiles" / "slurm" / "config.yaml").read_text())
    profile.update(
        {
            "jobs": 4,
            "latency-wait": 5,
            "slurm-status-command": "squeue",  # no accounting here: sacct answers nothing
            "slurm-init-seconds-before-status-checks": 2,
            "seconds-between-status-checks": 2,  # a small queue: poll often, finish sooner
        }
    )
    profile["default-resources"]["mem_mb"] = "3000 * attempt"
    for resources in profile["set-resources"].values():
        resources["mem_mb"] = "3000 * attempt"  # the node has about 20 GB, not a T4 box's 32
        if "cpus_per_gpu" in resources:
            resources["cpus_per_gpu"] = 1  # and 2 cores
    folder = project / "profiles" / "slurm-site"
    folder.mkdir(parents=True)
    (folder / "config.yaml").write_text(yaml.safe_dump(profile))


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
    (project / "config" / "quick.yaml").write_text(
        "arithmetic: {n: 200}\ntraining: {epochs: 1}\nprediction: {max_new_tokens: 48}\n"
    )
    result = subprocess.run(
        [
            *SNAKEMAKE,
            "--workflow-profile",
            "profiles/slurm-site",
            "--configfile",
            "config/config.yaml",
            "config/tiny.yaml",
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
    for dataset in ("distill_summary", "distill_dss", "fin_arithmetic"):
        assert (project / "results" / "adapters" / "tiny" / dataset / "README.md").is_file()

    jobs = submitted_jobs(project)
    rules = {job["rule"] for job in jobs}
    assert rules >= GPU_RULES and {"teacher_shard", "score", "figures", "extract_text"} <= rules
    assert not {"fetch_filing", "record_filing"} & rules  # local rules stay on the login node
    for job in jobs:
        assert job["JobState"] == "COMPLETED", job
        if job["rule"] in GPU_RULES:
            assert job.get("TresPerJob") == "gres:gpu:t4:1", job  # asked for one T4
            assert job.get("JOB_GRES") == "gpu:t4:1", job  # and got it
        else:
            # A CPU teacher's shard asks for t4:0 (gpu 0 from its rule, the type from the profile).
            assert job.get("TresPerJob", "gres:gpu:t4:0") == "gres:gpu:t4:0", job
            assert job.get("JOB_GRES") == "(null)", job
