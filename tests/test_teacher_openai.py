"""The openai plugin against an OpenAI-compatible server on loopback (no network)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from typing import ClassVar

import pytest
from conftest import ROOT, loopback
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
    with loopback(Server) as url:
        yield f"{url}/v1"


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


def reply(content=None, completion_tokens=17) -> bytes:
    """A 200 completion with any JSON values, as a non-conforming server may send them."""
    body = json.loads(completion(""))
    body["choices"][0]["message"]["content"] = json.dumps(ANSWER) if content is None else content
    body["usage"]["completion_tokens"] = completion_tokens
    return json.dumps(body).encode()


@pytest.mark.parametrize(
    "payload,problem",
    [
        (reply(content=5), "message.content is int"),
        (reply(content={"rationale": "1. a\n2. b", "summary": "s"}), "message.content is dict"),
        (reply(completion_tokens="many"), "usage.completion_tokens is str"),
        (reply(completion_tokens=[17]), "usage.completion_tokens is list"),
        (json.dumps({"choices": "none"}).encode(), "no choices[0].message.content"),
    ],
)
def test_replies_of_the_wrong_type_are_rejects_with_a_reason_code(server, requests_, payload, problem):
    from finstep.teacher.runner import answer_batch

    Server.replies = [(200, payload)]
    chunk = {"id": "c0", "text": "Revenue rose 5%.", "section": "7"}
    (record,) = answer_batch(teacher(server), [chunk], requests_[0].prompt, name="t", attempts=1, seed=0)
    assert record["status"] == "rejected" and record["reject"]["reason_code"] == "backend"
    assert problem in record["reject"]["reason"]


def test_an_answer_echoing_the_key_is_stored_redacted(server, monkeypatch, tmp_path):
    from finstep.io import read_jsonl, write_jsonl
    from finstep.teacher import runner

    key = "sk-lab-0123456789abcdef"
    monkeypatch.setenv("LAB_KEY", key)
    echoed = {"rationale": f"1. The key is {key}.\n2. Revenue rose.", "summary": f"Sent {key}."}
    Server.replies = [(200, completion(f"I was sent the key {key}")), (200, completion(json.dumps(echoed)))]
    chunks = tmp_path / "all.jsonl"
    write_jsonl(
        chunks, [{"id": f"c{i}", "accession": "a", "section": "7", "text": "Revenue rose."} for i in range(2)]
    )
    out = tmp_path / "shards" / "0.jsonl"
    options = {
        "plugin": "openai",
        "base_url": server,
        "model": "m",
        "api_key_env": "LAB_KEY",
        "concurrency": 1,
        "attempts": 1,
        "quality": {"enabled": False},
        "prompt": str(ROOT / "config" / "prompts" / "teacher-v1.yaml"),
    }
    runner.run_shard(str(chunks), 0, 1, "t", options, str(out))
    records = {r["status"]: r for r in read_jsonl(out)}
    assert records["rejected"]["reject"]["raw"] == "I was sent the key [redacted]"
    assert records["valid"]["triplet"]["summary"] == "Sent [redacted]."
    assert key not in out.read_text()


class Stalling(BaseHTTPRequestHandler):
    """Answers after ``delay`` seconds, or (``trickle``) sends its headers, then a space a tick,
    for ``delay`` seconds: every read gets a byte long before the client's timeout."""

    delay: ClassVar[float] = 10.0
    trickle: ClassVar[bool] = False
    fail_first: ClassVar[bool] = False  # the first request is refused at once with a 401
    seen: ClassVar[list[float]] = []
    lock = threading.Lock()

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        with self.lock:
            first = not self.seen
            self.seen.append(time.monotonic())
        if first and self.fail_first:
            return self._send(401, b'{"error": {"message": "bad key"}}')
        if self.trickle:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            end = time.monotonic() + self.delay
            while time.monotonic() < end:
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.1)
            self.wfile.write(completion(json.dumps(ANSWER)))
            return
        time.sleep(self.delay)
        self._send(200, completion(json.dumps(ANSWER)))

    def _send(self, status, payload):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def stalling():
    Stalling.seen, Stalling.trickle, Stalling.fail_first = [], False, False
    with loopback(Stalling) as url:
        yield f"{url}/v1"


@pytest.mark.parametrize("trickle", [True, False], ids=["trickling", "silent"])
def test_a_request_past_its_deadline_stops_the_job_within_it(stalling, requests_, trickle):
    # The client's timeout (5 s between bytes) never fires on a trickle; the deadline bounds the request.
    Stalling.trickle = trickle
    slow = teacher(stalling, timeout=5, deadline=1, retries=0)
    start = time.monotonic()
    with pytest.raises(FinstepError, match=r"within its deadline of 1 s.*rerun when it is back"):
        slow.generate(requests_[:2], seed=0)
    assert time.monotonic() - start < 4
    slow.close()


def test_a_fatal_error_cancels_the_rest_of_the_batch(stalling, requests_):
    Stalling.fail_first = True  # the others would answer after 10 s
    start = time.monotonic()
    with pytest.raises(FinstepError, match="AuthenticationError"):
        teacher(stalling, concurrency=4, retries=0).generate(requests_[:4], seed=0)
    assert time.monotonic() - start < 4


@pytest.mark.parametrize("deadline", [0, -5, True, "soon"])
def test_a_deadline_that_is_not_seconds_is_refused(deadline):
    with pytest.raises(FinstepError, match="deadline .* is not a number of seconds above 0"):
        teacher("http://127.0.0.1:9/v1", deadline=deadline)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"deadline": 0}, r"teachers\.oa: openai teacher: deadline 0 is not a number of seconds"),
        ({"base_url": None}, r"teachers\.oa: openai teacher needs base_url"),
    ],
)
def test_an_openai_teacher_s_bad_values_are_refused_before_any_job(options, message):
    from finstep.teacher.config import teacher_configs

    configured = {"plugin": "openai", "base_url": "http://127.0.0.1:9/v1", "model": "gpt-4o-mini"}
    with pytest.raises(FinstepError, match=message):
        teacher_configs({"oa": {**configured, **options}})
    assert teacher_configs({"oa": configured})["oa"]["model"] == "gpt-4o-mini"
