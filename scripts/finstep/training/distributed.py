"""Data-parallel training: a student's ``gpu: N`` runs ``train`` and ``dpo`` as N processes under ``accelerate``.

A rule's script cannot be started by ``accelerate launch`` itself, so the job's
one Python process (``launch``) checks the request, then spawns ``accelerate
launch ... -m finstep.training.distributed ARGS.json`` and waits; each rank runs
the same step (``train_adapter``, ``train_dpo``), and the ranks' output goes into
the job's log. Without CUDA the ranks are CPU processes talking over gloo: the
path the tests run for real.

Two modes, the student's ``fsdp`` choosing:

* DDP (the default): every rank holds the whole (4-bit) model on its own GPU and
  the LoRA gradients are averaged; per-device batch and accumulation are
  recomputed so that N GPUs take the same optimizer steps as the one-GPU recipe.
* FSDP with QLoRA, for a base one GPU cannot hold: the 4-bit weights are stored
  in a float type FSDP can shard (``bnb_4bit_quant_storage``), with the settings
  of the bitsandbytes and PEFT guides (float32 storage under fp16, as on a T4).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import pipeline
from ..errors import FinstepError
from ..models import hub
from ..redaction import redact

log = logging.getLogger("finstep.training")

# The settings of PEFT's FSDP-QLoRA guide (docs/source/accelerate/fsdp.md, its fsdp_config_qlora.yaml): the
# LoRA layers wrapped apart from the frozen base (use_orig_params false, PEFT's wrap policy set in
# ``fsdp_wrap``), the weights loaded on rank 0 only and broadcast, parameters offloaded to the CPU.
FSDP_FLAGS = {
    "--fsdp_version": "1",
    "--fsdp_sharding_strategy": "FULL_SHARD",
    "--fsdp_auto_wrap_policy": "TRANSFORMER_BASED_WRAP",
    "--fsdp_backward_prefetch": "BACKWARD_PRE",
    "--fsdp_forward_prefetch": "false",
    "--fsdp_state_dict_type": "SHARDED_STATE_DICT",
    "--fsdp_offload_params": "true",
    "--fsdp_cpu_ram_efficient_loading": "true",
    "--fsdp_sync_module_states": "true",
    "--fsdp_use_orig_params": "false",
}


@dataclass(frozen=True)
class World:
    """This process's place among the ranks, from the variables ``accelerate launch`` (torchrun) sets."""

    rank: int = 0
    local_rank: int = 0
    size: int = 1

    @classmethod
    def from_env(cls) -> World:
        env = os.environ
        return cls(int(env.get("RANK", 0)), int(env.get("LOCAL_RANK", 0)), int(env.get("WORLD_SIZE", 1)))


def fsdp_enabled() -> bool:
    """Whether this rank was launched for FSDP (accelerate's launcher sets the variable)."""
    return os.environ.get("ACCELERATE_USE_FSDP", "false").lower() in ("1", "true")


def trainer_overrides(fsdp: bool, gradient_checkpointing: bool) -> dict:
    """``TrainingArguments`` fields a data-parallel run changes.

    DDP: LoRA uses every trainable weight in every step, so DDP need not search the
    graph for unused ones (which gradient checkpointing's recomputation also confuses).
    FSDP: PEFT's guide runs reentrant checkpointing, and torch's AdamW, since
    bitsandbytes' paged 8-bit AdamW fails to save an FSDP-QLoRA checkpoint (its caveat 4).
    """
    overrides: dict = {"ddp_find_unused_parameters": False}
    if fsdp:
        overrides["optim"] = "adamw_torch"
        if gradient_checkpointing:
            overrides["activation_checkpointing_kwargs"] = {"use_reentrant": True}
    return overrides


def fsdp_wrap(trainer: object) -> bool:
    """Wrap the LoRA layers apart from the frozen base (PEFT's policy), as FSDP with use_orig_params false needs.

    Call it after the trainer is built and before ``train()``, where Accelerate wraps
    the model; returns whether this is an FSDP run.
    """
    plugin = getattr(trainer.accelerator.state, "fsdp_plugin", None)
    if plugin is None:
        return False
    from peft.utils.other import fsdp_auto_wrap_policy

    plugin.auto_wrap_policy = fsdp_auto_wrap_policy(trainer.model)
    return True


@dataclass(frozen=True)
class Batches:
    """Per-device batch and accumulation of N processes that take the one-process recipe's steps."""

    batch_size: int
    grad_accum: int
    processes: int
    recipe_batch_size: int
    recipe_grad_accum: int

    def as_dict(self) -> dict:
        return {
            "processes": self.processes,
            "per_device_batch_size": self.batch_size,
            "grad_accum": self.grad_accum,
            "effective_batch": self.batch_size * self.grad_accum * self.processes,
            "recipe": {"batch_size": self.recipe_batch_size, "grad_accum": self.recipe_grad_accum},
        }


def per_device_batches(batch_size: int, grad_accum: int, processes: int, where: str = "training") -> Batches:
    """The batches each of ``processes`` ranks takes so that an optimizer step sees ``batch_size * grad_accum`` rows.

    A rank's micro-batch stays at most the recipe's (the memory one GPU was sized
    for) and is the largest divisor of the rank's share: as little accumulation as
    that allows. An effective batch that the processes cannot share evenly is
    refused rather than silently changed, since it would be another recipe.
    """
    total = batch_size * grad_accum
    if total % processes:
        raise FinstepError(
            f"{where}: the effective batch {batch_size} x {grad_accum} = {total} rows cannot be shared by "
            f"{processes} GPUs; set batch_size * grad_accum to a multiple of {processes} or gpu to a divisor of {total}"
        )
    share = total // processes
    micro = max(d for d in range(1, min(batch_size, share) + 1) if share % d == 0)
    return Batches(micro, share // micro, processes, batch_size, grad_accum)


def available_processes(on_gpu: bool) -> int:
    """What this machine (or this job's allocation) can run one rank each on: its GPUs, or its CPU cores."""
    if on_gpu:
        import torch

        return torch.cuda.device_count()
    return len(os.sched_getaffinity(0))


def check_processes(processes: int, on_gpu: bool, fsdp: bool, student: str) -> None:
    """One line, before anything loads, when the student asks for more ranks than there are devices."""
    if fsdp and not on_gpu:
        raise FinstepError(
            f"students.{student}.fsdp needs CUDA GPUs (bitsandbytes' 4-bit FSDP); this machine has none: "
            "set fsdp: false to train data-parallel on CPU processes"
        )
    have = available_processes(on_gpu)
    if processes > have:
        unit = "GPUs" if on_gpu else "CPU cores (no GPU: one CPU process per gpu)"
        raise FinstepError(
            f"students.{student}.gpu is {processes} but this node has {have} {unit}: set gpu to at most {have}, "
            "or run where the node has that many (the SLURM profile asks for them on one node)"
        )


def free_port() -> int:
    """A free loopback port for the ranks' rendezvous: two jobs on one node must not share 29500."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def launch_command(processes: int, fsdp: bool, args_file: str, port: int) -> list[str]:
    """``accelerate launch`` of this module's ranks: DDP over torchrun (NCCL, or gloo on CPUs), or FSDP."""
    command = [sys.executable, "-m", "accelerate.commands.launch", "--num_machines", "1"]
    command += ["--num_processes", str(processes), "--main_process_port", str(port)]
    command += ["--mixed_precision", "no", "--dynamo_backend", "no"]  # the Trainer's fp16/bf16 decide
    if fsdp:
        command += ["--use_fsdp", *(part for flag in FSDP_FLAGS.items() for part in flag)]
    else:
        command += ["--multi_gpu"]  # torchrun's launcher, on CPUs too (ACCELERATE_USE_CPU picks gloo)
    return [*command, "-m", "finstep.training.distributed", args_file]


def rank_environment(on_gpu: bool, environ: dict[str, str] | None = None) -> dict[str, str]:
    """The ranks' environment: this checkout's package first, and CPU ranks told they are CPU ranks."""
    env = dict(os.environ if environ is None else environ)
    pipeline.own_code_first(Path(__file__).resolve().parents[2], env)
    if not on_gpu:
        env["ACCELERATE_USE_CPU"] = "true"  # TrainingArguments then sets up gloo among CPU processes
    return env


def _relay(process: subprocess.Popen) -> str | None:
    """The ranks' lines, as they print them, into this job's log handlers (the log file and stderr).

    Returns the first rank's one-line error (``pipeline.run``'s ``error: ...``), if one stopped.
    """
    handlers = logging.getLogger().handlers
    error = None
    for raw in process.stdout:
        line = redact(raw)  # a library's own print, too, may hold a token
        if error is None and line.startswith("error: "):
            error = line.removeprefix("error: ").strip()
        for handler in handlers:
            stream = getattr(handler, "stream", None)
            if stream is not None:
                stream.write(line)
                handler.flush()
    return error


def _spawn(
    target: str,
    student_name: str,
    processes: int,
    threads: int | None,
    cache_dir: str,
    kwargs: dict,
) -> None:
    import torch

    student = kwargs["student"]
    on_gpu = torch.cuda.is_available()
    fsdp = bool(student.get("fsdp", False))
    check_processes(processes, on_gpu, fsdp, student_name)
    rank_threads = max(1, int(threads or 1) // processes)
    with tempfile.TemporaryDirectory(prefix="finstep-ranks-") as folder:
        args_file = Path(folder) / "args.json"
        args = {
            "step": target,
            "cache_dir": cache_dir,
            "model": student["model"],
            "revision": student.get("revision"),
            "threads": rank_threads,
            "kwargs": kwargs,
        }
        args_file.write_text(json.dumps(args), encoding="utf-8")
        command = launch_command(processes, fsdp, str(args_file), free_port())
        mode = "FSDP" if fsdp else "DDP"
        device = "GPUs" if on_gpu else "CPU processes (gloo)"
        log.info("%s on %d %s, %d threads each: %s", mode, processes, device, rank_threads, " ".join(command))
        with subprocess.Popen(
            command,
            env=rank_environment(on_gpu),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as process:
            error = _relay(process)
        if error:
            raise FinstepError(error)
        if process.returncode:
            raise FinstepError(
                f"the {processes} training processes failed (exit {process.returncode}); their lines are above"
            )


def launch(
    step: str,
    log_path: str,
    cache_dir: str,
    student_name: str,
    threads: int | None = None,
    **kwargs: object,
) -> None:
    """Run a training ``step`` ("module:function") as the student's ``gpu`` processes, or in this one.

    One GPU (or none) runs the step in this process as every model rule does
    (``hub.run_offline``); more spawn the ranks and wait for them.
    """
    student = kwargs["student"]
    processes = int(student.get("gpu", 1) or 1)
    if processes <= 1:
        hub.run_offline(
            step, log_path, cache_dir, student["model"], student.get("revision"), threads, **kwargs
        )
        return
    hub.go_offline(cache_dir)  # the ranks inherit it
    pipeline.run(
        _spawn,
        log_path,
        target=step,
        student_name=student_name,
        processes=processes,
        threads=threads,
        cache_dir=cache_dir,
        kwargs=kwargs,
    )


def main(argv: list[str] | None = None) -> None:
    """One rank: the step with the arguments the launching job wrote, its lines to stderr (the job relays them)."""
    (args_file,) = sys.argv[1:] if argv is None else argv
    args = json.loads(Path(args_file).read_text(encoding="utf-8"))
    hub.run_offline(
        args["step"],
        None,
        args["cache_dir"],
        args["model"],
        args["revision"],
        args["threads"],
        **args["kwargs"],
    )


if __name__ == "__main__":
    main()
