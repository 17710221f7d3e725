"""The openai teacher through Snakemake, against an OpenAI-compatible server on loopback.

The plugin's own tests call the runner directly; this one runs the shard jobs as the workflow
does (entry script, Hub cache check, params), with a server's model name and with an
``org/name`` one, which the Hub must never be asked for. Small: one filing, a few chunks.
"""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest
from conftest import loopback
from test_workflow import copy_project, snakemake

pytestmark = pytest.mark.workflow

ANSWER = {
    "rationale": "1. The excerpt reports results.\n2. Nothing else stands out.",
    "summary": "The company reported its results for the year and discussed its outlook.",
}
TEACHERS = {"gpt": "gpt-4o-mini", "hosted": "meta-llama/Meta-Llama-3-8B-Instruct"}


class _Server(BaseHTTPRequestHandler):
    """Answers every chat completion with ANSWER; remembers the model each request named."""

    models: ClassVar[list[str]] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.models.append(body["model"])
        reply = {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": json.dumps(ANSWER)},
                }
            ],
            "usage": {"prompt_tokens": 50, "completion_tokens": 17, "total_tokens": 67},
        }
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(reply).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Server.models = []
    with loopback(_Server) as url:
        yield f"{url}/v1"


def overlay(url: str, **options: object) -> dict:
    teacher = {"plugin": "openai", "base_url": url, "max_chunks": 3, "quality": {"enabled": False}}
    return {
        "tickers": ["AAPL"],
        "teachers": {name: {**teacher, "model": model, **options} for name, model in TEACHERS.items()},
    }


def test_openai_teacher_runs_through_the_workflow(tmp_path, server):
    project = copy_project(tmp_path)
    targets = [f"results/teacher/{name}/summary.md" for name in TEACHERS]
    config = project / "config" / "openai.json"
    config.write_text(json.dumps(overlay(server)))
    result = snakemake(project, *targets, overlays=("config/openai.json",))
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert sorted(set(_Server.models)) == sorted(TEACHERS.values()) and len(_Server.models) == 6
    for name, model in TEACHERS.items():
        triplets = (project / "results" / "teacher" / name / "triplets.jsonl").read_text().splitlines()
        assert len(triplets) == 3 and json.loads(triplets[0])["revision"] == model
    assert not (project / "results" / "hub").exists()  # no Hub snapshot fetched or asked for

    # How requests travel is not part of an answer: new transport settings rerun nothing ...
    transport = {"timeout": 30, "retries": 1, "concurrency": 2, "deadline": 60, "batch_size": 3}
    config.write_text(json.dumps(overlay(server.replace("127.0.0.1", "localhost"), **transport)))
    result = snakemake(project, "-n", *targets, overlays=("config/openai.json",))
    assert "Nothing to be done" in result.stdout + result.stderr, (result.stdout + result.stderr)[-3000:]
    # ... while a decoding option reruns the shards.
    config.write_text(json.dumps(overlay(server, temperature=0.5)))
    result = snakemake(project, *targets, "-n", "--quiet", "rules", overlays=("config/openai.json",))
    out = result.stdout + result.stderr
    assert result.returncode == 0 and "teacher_shard" in out, out[-3000:]
