"""``finstep-serve STUDENT DATASET``: serve a trained pair over an OpenAI-compatible API.

Everything that can be wrong is checked, one line each, before a model loads:
the config, the pair's adapter (missing: the ``snakemake`` target that makes it;
damaged or of another base: what to delete), the port (in use: which), the key
(listening beyond loopback without one). Loopback is the default: a key-less
server on a wider address would answer anyone on the network.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import shutil
import socket
import sys
from collections.abc import Sequence

from .. import redaction
from ..errors import FinstepError
from ..logs import setup
from ..models import hub
from ..models.refs import ref_of
from ..redaction import redact
from .pair import ServedPair, load_config, served_pair

log = logging.getLogger("finstep.serving")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
API_KEY_ENV = "FINSTEP_SERVE_API_KEY"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def api_key(host: str, env_name: str, environ: dict[str, str] | os._Environ = os.environ) -> str | None:
    """The key every request must carry: required beyond loopback, used on loopback where it is set."""
    key = environ.get(env_name) or None
    if key is None and host not in LOOPBACK:
        raise FinstepError(
            f"--host {host} listens beyond this machine: set an API key in ${env_name} first "
            "(clients send it as a Bearer token), or serve on 127.0.0.1"
        )
    return key


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, taken before the model loads, so that a busy port is said at once."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise FinstepError(
                f"port {port} on {host} is in use (another server?): stop it or pick another with --port"
            ) from None
        raise FinstepError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(128)
    return sock


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finstep-serve",
        description="Serve a trained (student, dataset) pair, base and tuned, over an OpenAI-compatible API.",
    )
    parser.add_argument("student", help="a student under students: in the config")
    parser.add_argument(
        "dataset", help="the dataset its adapter was trained on (results/adapters/STUDENT/DATASET)"
    )
    parser.add_argument(
        "--configfile",
        nargs="+",
        default=[],
        metavar="FILE",
        help="overlays on config/config.yaml, as given to snakemake --configfile (paths in the project folder)",
    )
    parser.add_argument("--directory", "-d", default=".", help="the project folder (default: here)")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT}; 0: any free)"
    )
    parser.add_argument(
        "--api-key-env",
        default=API_KEY_ENV,
        metavar="NAME",
        help=f"environment variable holding the API key (default {API_KEY_ENV}); required beyond loopback",
    )
    parser.add_argument(
        "--engine",
        choices=("transformers", "vllm"),
        default="transformers",
        help="transformers (CPU or GPU; answers as predict does) or vllm (GPU; runs `vllm serve`)",
    )
    parser.add_argument(
        "--print-command",
        action="store_true",
        help="with --engine vllm: print the command instead of running it",
    )
    return parser


def _exec_vllm(pair: ServedPair, host: str, port: int, key: str | None, print_only: bool) -> None:
    from .vllm import vllm_command, vllm_environment

    command = vllm_command(pair, host, port)
    if print_only:
        print(" ".join(command))
        return
    if shutil.which("vllm") is None:
        raise FinstepError("vllm is not installed here: on a GPU machine, `pip install -e '.[gpu]'`")
    bind(host, port).close()  # vLLM binds it itself; a busy port is still said before it loads
    print(
        f"vllm serves {pair.base_name} and {pair.tuned_name} (the adapter attached, not merged) "
        f"at http://{host}:{port}/v1"
        + (" (API key required: Bearer; vLLM checks it under /v1 only)" if key else ""),
        flush=True,
    )
    os.execvpe(command[0], command, vllm_environment(pair, key))


def serve(pair: ServedPair, host: str, port: int, key: str | None, key_env: str) -> None:
    """Load the pair as ``predict`` does and serve it until interrupted."""
    sock = bind(host, port)
    import uvicorn

    from ..models.loading import set_threads
    from .app import create_app
    from .generation import ServedModel

    student = pair.student
    if ref_of(student).kind == "hub":  # in the workflow's cache (run() went offline), or say how to fetch it
        hub.check_cached(student["model"], student.get("revision"), pair.hub_cache)
    set_threads(pair.threads)
    app = create_app(ServedModel(pair), key)
    where = f"http://{host}:{sock.getsockname()[1]}/v1"
    log.info("serving %s: %s", pair.tuned_name, pair.description())
    log.info("serving %s: %s", pair.base_name, pair.description(tuned=False))
    log.info(
        "listening on %s; %s",
        where,
        f"every request needs the key in ${key_env} as a Bearer token"
        if key
        else "no API key (loopback only)",
    )
    # log_config=None: uvicorn's records go through the project's (redacting) handlers.
    uvicorn.Server(uvicorn.Config(app, log_config=None, timeout_graceful_shutdown=5)).run(sockets=[sock])


def run(arguments: argparse.Namespace) -> None:
    os.chdir(arguments.directory)
    redaction.register(arguments.api_key_env)
    key = api_key(arguments.host, arguments.api_key_env)
    config = load_config(arguments.configfile)
    # Models are read from the workflow's Hub cache only, as predict's job reads them: set before
    # anything imports huggingface_hub (checking the adapter imports transformers).
    hub.go_offline(config["hub_cache"])
    pair = served_pair(arguments.student, arguments.dataset, config)
    if arguments.engine == "vllm":
        _exec_vllm(pair, arguments.host, arguments.port, key, arguments.print_command)
    else:
        serve(pair, arguments.host, arguments.port, key, arguments.api_key_env)


def main(argv: Sequence[str] | None = None) -> None:
    arguments = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    setup(None)
    try:
        run(arguments)
    except FinstepError as exc:  # bad input: one line, no traceback
        raise SystemExit(f"error: {redact(str(exc))}") from None


if __name__ == "__main__":
    main()
