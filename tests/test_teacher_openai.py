"""The openai plugin against an OpenAI-compatible server on loopback (no network)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from conftest import ROOT
from finstep.errors import FinstepError
from finstep.teacher.plugins import TeacherRequest, build_teacher
from finstep.teacher.prompt import load_prompt

ANSWER = {
    "rationale": "1. Revenue rose 5% to $10 billion.\n2. Margins held steady.",
    "summary": "Revenue rose 5%.",
}


def completion(content: str) -> bytes:
    return json.dumps(
        {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": "m",
            "choices": [
                {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
            ],
            "usage": {"prompt_tokens": 50, "completion_tokens": 17, "total_tokens": 67},
        }
    ).encode()


class Server(BaseHTTPRequestHandler):
    """Scripted replies in order; every request body and Authorization header is kept."""

    replies: ClassVar[list[tuple[int, bytes]]] = []
    seen: ClassVar[list[tuple[dict, str]]] = []
    lock = threading.Lock()

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.lock:
            self.seen.append((body, self.headers.get("Authorization", "")))
            status, payload = self.replies.pop(0) if self.replies else (200, completion(json.dumps(ANSWER)))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if status == 429:
            self.send_header("Retry-After", "0")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Server.replies, Server.seen = [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Server)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def requests_():
    prompt = load_prompt(ROOT / "config" / "prompts" / "teacher-v1.yaml")
    return [
        TeacherRequest(id=f"c{i}", text=f"Revenue rose {i}%.", prompt=prompt, meta={"section": "7"})
        for i in range(5)
    ]


def teacher(url, **extra):
    return build_teacher(
        {"plugin": "openai", "base_url": url, "model": "m", "concurrency": 2, "retries": 3, **extra}
    )


def test_answers_with_schema_and_key_from_the_environment(server, requests_, monkeypatch):
    monkeypatch.setenv("LAB_KEY", "sk-secret")
    gens = teacher(server, api_key_env="LAB_KEY").generate(requests_, seed=7)
    assert [json.loads(g.text) for g in gens] == [ANSWER] * 5 and {g.output_tokens for g in gens} == {17}
    body, auth = Server.seen[0]
    assert auth == "Bearer sk-secret" and body["seed"] == 7 and body["temperature"] == 0.0
    assert body["response_format"]["json_schema"]["schema"]["required"] == ["rationale", "summary"]
    assert "Revenue rose" in body["messages"][-1]["content"]


def test_429_is_retried(server, requests_):
    Server.replies = [(429, b'{"error": {"message": "slow down"}}')]
    gens = teacher(server).generate(requests_[:1], seed=0)
    assert json.loads(gens[0].text) == ANSWER and len(Server.seen) == 2


def test_malformed_bodies_become_rejects_not_crashes(server, requests_):
    Server.replies = [(200, b"this is not json"), (200, b'{"choices": []}')]
    gens = teacher(server, concurrency=1).generate(requests_[:3], seed=0)
    assert gens[0].error and gens[1].error and gens[0].text == gens[1].text == ""
    assert json.loads(gens[2].text) == ANSWER


def test_unreachable_server_stops_the_job(requests_):
    with pytest.raises(FinstepError, match="rerun when it is back"):
        teacher("http://127.0.0.1:9/v1", retries=0).generate(requests_[:1], seed=0)


def test_base_url_and_model_are_required():
    with pytest.raises(FinstepError, match="needs base_url"):
        build_teacher({"plugin": "openai", "model": "m"})


def test_a_key_echoed_by_the_server_is_never_written(server, monkeypatch, tmp_path):
    import logging

    from finstep import pipeline
    from finstep.io import write_jsonl
    from finstep.teacher import runner

    key = "sk-lab-0123456789abcdef"
    monkeypatch.setenv("LAB_KEY", key)
    echo = json.dumps({"error": {"message": f"invalid key {key} (header Authorization: Bearer {key})"}})
    Server.replies = [(400, echo.encode())] * 10
    chunks = tmp_path / "all.jsonl"
    write_jsonl(
        chunks, [{"id": f"c{i}", "accession": "a", "section": "7", "text": "Revenue rose."} for i in range(2)]
    )
    out, log = tmp_path / "shards" / "0.jsonl", tmp_path / "shard.log"
    options = {
        "plugin": "openai",
        "base_url": server,
        "model": "m",
        "api_key_env": "LAB_KEY",
        "retries": 0,
        "attempts": 1,
        "prompt": str(ROOT / "config" / "prompts" / "teacher-v1.yaml"),
    }
    pipeline.run(
        runner.run_shard,
        str(log),
        chunks_path=str(chunks),
        shard=0,
        shards=1,
        name="t",
        options=options,
        out=str(out),
    )
    logging.getLogger("finstep").error("the server said: %s", echo)  # as any logged error text would
    assert Server.seen[0][1] == f"Bearer {key}"  # the key was sent
    for written in (out.read_text(), log.read_text()):
        assert key not in written and "[redacted]" in written


def test_authorization_headers_in_a_traceback_are_redacted(tmp_path, monkeypatch):
    from finstep import pipeline

    monkeypatch.setenv("HF_TOKEN", "hf_abcdefghijklmnop")

    def step():
        raise RuntimeError("request failed: {'Authorization': 'Bearer hf_abcdefghijklmnop'}")

    log = tmp_path / "step.log"
    with pytest.raises(SystemExit):
        pipeline.run(step, str(log))
    text = log.read_text()
    assert "hf_abcdefghijklmnop" not in text and "RuntimeError" in text and "[redacted]" in text
