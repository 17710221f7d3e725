"""finstep-serve on the tiny student: a trained pair served on loopback answers as predict wrote.

One module-scoped pair (a one-layer tiny Llama and an adapter trained for a few steps
at a large learning rate, so that base and tuned answer differently), one server in a
thread on a free loopback port, the openai client against it; the CLI's refusals are
checked before any model loads.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("trl")
openai = pytest.importorskip("openai")
uvicorn = pytest.importorskip("uvicorn")

from conftest import ROOT, tiny_student  # noqa: E402
from finstep.errors import FinstepError  # noqa: E402
from finstep.io import read_jsonl, write_json, write_jsonl  # noqa: E402
from finstep.serving import cli  # noqa: E402
from finstep.serving.app import create_app  # noqa: E402
from finstep.serving.generation import ServedModel  # noqa: E402
from finstep.serving.pair import ServedPair, load_config, lora_rank, served_pair  # noqa: E402
from finstep.serving.vllm import max_lora_rank, vllm_command, vllm_environment  # noqa: E402
from finstep.training.predict import predict, render_prompt  # noqa: E402
from finstep.training.train import train_adapter  # noqa: E402

TEXTS = [
    f"{company} reported revenue of ${n}.{n % 10} billion in fiscal {2015 + n % 10}, up {n % 9 + 1}% on demand."
    for n, company in enumerate(["Acme", "Globex", "Initech", "Umbrella"] * 5, start=3)
]
STUDENT, DATASET = "tiny", "tiny_sum"
ADAPTER = f"results/adapters/{STUDENT}/{DATASET}"
OVERLAY = "config/serve.json"
MAX_NEW_TOKENS = 10
# A few steps at a large rate: the adapter must change the answers, or base and tuned could be confused.
TRAINING = {"max_length": 128, "max_steps": 3, "batch_size": 4, "grad_accum": 1, "learning_rate": 0.05}


def _rows(texts: list[str], split: str) -> list[dict]:
    return [
        {"id": f"{split}{i}", "prompt": f"Summarize.\n\n{text}", "completion": text[:30], "task": "summary"}
        for i, text in enumerate(texts)
    ]


@contextmanager
def _cwd(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project folder: the default config, an overlay with the tiny student's pair, its adapter."""
    root = tmp_path_factory.mktemp("served")
    (root / "config").mkdir()
    shutil.copy(ROOT / "config" / "config.yaml", root / "config" / "config.yaml")
    # A context long enough for the teacher prompt around a real chunk (in this small vocabulary).
    student = tiny_student(root / "student", TEXTS, max_position_embeddings=8192)
    data = root / "results" / "datasets" / DATASET
    for split, texts in (("train", TEXTS[:12]), ("val", TEXTS[12:14]), ("test", TEXTS[14:17])):
        write_jsonl(data / f"{split}.jsonl", _rows(texts, split))
    write_json(data / "split.json", {"dataset": DATASET, "format": "summary", "sizes": {"train": 12}})
    train_adapter(student, DATASET, str(data), TRAINING, str(root / ADAPTER), str(root / "checkpoints"))
    pair = {"student": STUDENT, "dataset": DATASET, "training": {"max_length": 128}}
    overlay = {
        "students": {STUDENT: {"model": student["model"], "load_in_4bit": False}},
        "pairs": [{**pair, "prediction": {"max_new_tokens": MAX_NEW_TOKENS}}],
    }
    write_json(root / OVERLAY, overlay)
    return root


@pytest.fixture(scope="module")
def pair(project) -> ServedPair:
    with _cwd(project):
        return served_pair(STUDENT, DATASET, load_config([OVERLAY]))


@pytest.fixture(scope="module")
def served(project, pair) -> ServedModel:
    with _cwd(project):
        return ServedModel(pair)


@contextmanager
def running(app) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on a free loopback port: its base URL."""
    sock = cli.bind("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/v1"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def url(project, served) -> Iterator[str]:
    with _cwd(project):
        app = create_app(served)
    with running(app) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def client(url) -> openai.OpenAI:
    return openai.OpenAI(base_url=url, api_key="unused", max_retries=0)


@pytest.fixture(scope="module")
def predictions(project, pair) -> dict[str, list[dict]]:
    """What predict wrote for the test rows, base and tuned, with the pair's own settings."""
    written = {}
    for variant, adapter in (("base", None), ("tuned", str(project / ADAPTER))):
        out = project / f"{variant}.jsonl"
        predict(
            pair.student,
            adapter,
            str(project / "results" / "datasets" / DATASET / "test.jsonl"),
            str(out),
            max_new_tokens=pair.max_new_tokens,
            max_length=pair.max_length,
        )
        written[variant] = list(read_jsonl(out))
    return written


def _test_rows(project: Path) -> dict[str, dict]:
    return {row["id"]: row for row in read_jsonl(project / "results" / "datasets" / DATASET / "test.jsonl")}


# --- answers as predict wrote them ----------------------------------------------------------------


def test_a_chat_request_gets_the_text_predict_wrote_for_the_row_streamed_or_not(project, client, predictions):
    rows = _test_rows(project)
    tuned, base = predictions["tuned"], predictions["base"]
    assert [p["prediction"] for p in tuned] != [p["prediction"] for p in base]  # the adapter changes answers
    for name, variant in ((f"{STUDENT}/{DATASET}", "tuned"), (STUDENT, "base")):
        for prediction in predictions[variant]:
            messages = [{"role": "user", "content": rows[prediction["id"]]["prompt"]}]
            # No max_tokens, no temperature: the pair's prediction settings and greedy decoding.
            answer = client.chat.completions.create(model=name, messages=messages)
            assert answer.choices[0].message.content == prediction["prediction"], (name, prediction["id"])
            assert answer.model == name and 0 < answer.usage.completion_tokens <= MAX_NEW_TOKENS
            stream = client.chat.completions.create(
                model=name, messages=messages, stream=True, stream_options={"include_usage": True}
            )
            chunks = list(stream)
            text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
            assert text == prediction["prediction"], (name, prediction["id"])
            assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == answer.choices[
                0
            ].finish_reason
            assert chunks[-1].usage.completion_tokens == answer.usage.completion_tokens


def test_a_completion_request_on_the_rendered_prompt_answers_the_same(project, client, served, predictions):
    prediction = predictions["tuned"][0]
    rendered = render_prompt(served.tokenizer, _test_rows(project)[prediction["id"]]["prompt"])
    answer = client.completions.create(model=f"{STUDENT}/{DATASET}", prompt=rendered, temperature=0)
    assert answer.choices[0].text == prediction["prediction"]
    stream = client.completions.create(model=f"{STUDENT}/{DATASET}", prompt=rendered, stream=True)
    assert "".join(chunk.choices[0].text for chunk in stream) == prediction["prediction"]


def test_a_lone_message_longer_than_max_length_is_cut_as_predict_cuts_it_and_flagged(project, client, pair):
    prompt = "Summarize.\n\n" + " ".join(TEXTS)  # far more than the pair's 128 tokens
    tuned = f"{STUDENT}/{DATASET}"
    raw = client.chat.completions.with_raw_response.create(
        model=tuned, messages=[{"role": "user", "content": prompt}]
    )
    assert raw.headers["x-finstep-prompt-cut"] == str(pair.max_length) == "128"
    rows = project / "long.jsonl"
    write_jsonl(rows, [{"id": "long", "prompt": prompt, "completion": "x", "task": "summary"}])
    out = project / "long-predictions.jsonl"
    predict(
        pair.student, str(project / ADAPTER), str(rows), str(out), MAX_NEW_TOKENS, 8, pair.max_length, 1.0
    )
    written = next(read_jsonl(out))
    assert written["truncated"] and raw.parse().choices[0].message.content == written["prediction"]
    short = client.chat.completions.with_raw_response.create(
        model=tuned, messages=[{"role": "user", "content": "Hi"}]
    )
    assert "x-finstep-prompt-cut" not in short.headers


def test_the_models_are_base_and_tuned_and_say_what_is_served(client, pair):
    models = {m.id: m.model_extra["finstep"] for m in client.models.list().data}
    assert set(models) == {STUDENT, f"{STUDENT}/{DATASET}"}
    tuned = models[f"{STUDENT}/{DATASET}"]
    assert tuned["adapter"] == ADAPTER and "attached, not merged" in tuned["served"]
    assert models[STUDENT]["adapter"] is None and "disabled" in models[STUDENT]["served"]
    assert tuned["revision"] == models[STUDENT]["revision"] and tuned["load_in_4bit"] is False
    assert pair.lora_rank == 16


def test_response_format_constrains_the_answer_to_the_schema(client):
    schema = {
        "type": "object",
        "properties": {"label": {"enum": ["positive", "negative", "neutral"]}},
        "required": ["label"],
        "additionalProperties": False,
    }
    answer = client.chat.completions.create(
        model=f"{STUDENT}/{DATASET}",
        messages=[{"role": "user", "content": "Sentiment of: revenue rose."}],
        max_tokens=20,
        response_format={"type": "json_schema", "json_schema": {"name": "s", "schema": schema}},
    )
    assert json.loads(answer.choices[0].message.content)["label"] in {"positive", "negative", "neutral"}


def test_requests_the_server_cannot_answer_are_refused_by_name(client):
    messages = [{"role": "user", "content": "Hello"}]
    with pytest.raises(
        openai.NotFoundError, match=r"'other' is not served here \(served: tiny, tiny/tiny_sum\)"
    ):
        client.chat.completions.create(model="other", messages=messages)
    with pytest.raises(openai.BadRequestError, match="stop is not supported"):
        client.chat.completions.create(model=STUDENT, messages=messages, stop=["."])
    with pytest.raises(openai.BadRequestError, match="n must be 1"):
        client.chat.completions.create(model=STUDENT, messages=messages, n=2)
    long = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "revenue " * 9000}]
    with pytest.raises(
        openai.BadRequestError, match=r"the prompt is \d+ tokens; the model's context is 8192"
    ):
        client.chat.completions.create(model=STUDENT, messages=long)


def test_a_served_student_teaches_through_the_openai_teacher_plugin(client, url, tmp_path):
    from finstep.teacher.runner import run_shard

    chunks = tmp_path / "chunks.jsonl"
    write_jsonl(
        chunks,
        [{"id": f"c{i}", "text": text, "ticker": "ACME", "section": "7"} for i, text in enumerate(TEXTS[:4])],
    )
    options = {
        "plugin": "openai",
        "base_url": url,
        "model": f"{STUDENT}/{DATASET}",
        "prompt": str(ROOT / "config" / "prompts" / "teacher-v1.yaml"),
        "max_chunks": 2,
        "max_new_tokens": 24,
        "attempts": 1,
        "quality": {"enabled": False},
    }
    out = tmp_path / "shard.jsonl"
    run_shard(str(chunks), 0, 1, "served", options, str(out))
    records = list(read_jsonl(out))
    assert len(records) == 2
    # Answered, and constrained to the answer's JSON schema: the tiny model's answers are gibberish
    # cut at 24 tokens, so the parser rejects them as incomplete JSON, not as failed requests.
    for record in records:
        assert record["status"] == "rejected" and 0 < record["output_tokens"] <= 24, record
        assert not record["reject"]["reason"].startswith("backend"), record
        assert record["reject"]["raw"].startswith('{"rationale": "'), record


@pytest.mark.workflow
def test_a_served_student_teaches_through_the_workflow(url, tmp_path):
    """The teacher stage's jobs (entry script, params, Hub check: ``tiny/tiny_sum`` looks like a Hub id
    and must not be fetched) against the live server, on two chunks of one synthetic filing."""
    from test_workflow import copy_project, snakemake

    project = copy_project(tmp_path)
    teacher = {"plugin": "openai", "base_url": url, "model": f"{STUDENT}/{DATASET}", "max_chunks": 2}
    teacher |= {"max_new_tokens": 24, "quality": {"enabled": False}}
    (project / "config" / "served.json").write_text(
        json.dumps({"tickers": ["AAPL"], "teachers": {"served": teacher}})
    )
    result = snakemake(project, "results/teacher/served/triplets.jsonl", overlays=("config/served.json",))
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    rejects = list(read_jsonl(project / "results" / "teacher" / "served" / "rejects.jsonl"))
    assert len(rejects) == 2, rejects
    for reject in rejects:
        assert reject["reason_code"] != "backend", reject["reason"]  # answered, not a failed request
        assert reject["revision"] == f"{STUDENT}/{DATASET}"
        assert reject["raw"].startswith('{"rationale": "'), reject
    assert not (project / "results" / "hub").exists()


# --- keys, refusals before loading, vLLM --------------------------------------------------------------


def test_a_key_is_checked_as_a_bearer_token_on_every_request(project, served):
    from fastapi.testclient import TestClient

    with _cwd(project):
        app = create_app(served, api_key="s3cret-key-for-tests")
    with TestClient(app) as http:
        assert http.get("/v1/models").status_code == 401
        assert http.get("/v1/models", headers={"Authorization": "Bearer wrong"}).status_code == 401
        refused = http.post("/v1/chat/completions", json={"model": STUDENT, "messages": []})
        assert refused.status_code == 401 and refused.json()["error"]["type"] == "authentication_error"
        ok = http.get("/v1/models", headers={"Authorization": "Bearer s3cret-key-for-tests"})
        assert ok.status_code == 200 and len(ok.json()["data"]) == 2


@pytest.fixture
def no_load(monkeypatch, project):
    """The CLI run from the project, failing the test if it loaded a model."""

    def loaded(*args, **kwargs):
        raise AssertionError("the model was loaded before the bad input was refused")

    monkeypatch.setattr(ServedModel, "__init__", loaded)
    monkeypatch.setattr(cli, "setup", lambda log_path: None)  # keep pytest's logging
    monkeypatch.chdir(project)
    monkeypatch.delenv(cli.API_KEY_ENV, raising=False)
    for name in ("HF_HUB_OFFLINE", "HF_HUB_CACHE"):  # the CLI goes offline: restored afterwards
        monkeypatch.delenv(name, raising=False)


def _refusal(*argv: str) -> str:
    with pytest.raises(SystemExit) as stop:
        cli.main([*argv, "--configfile", OVERLAY])
    message = str(stop.value.code)
    assert message.startswith("error: ") and "\n" not in message
    return message


def test_a_pair_without_an_adapter_names_the_target_that_trains_it(no_load):
    message = _refusal(STUDENT, "fin_arithmetic")
    assert f"`snakemake results/adapters/{STUDENT}/fin_arithmetic/adapter_model.safetensors`" in message
    assert f"add {{student: {STUDENT}, dataset: fin_arithmetic}} under pairs" in message
    assert "student 'nobody' is not under students (smollm2, tiny)" in _refusal("nobody", DATASET)


def test_a_port_in_use_is_named_before_loading(no_load):
    busy = cli.bind("127.0.0.1", 0)
    try:
        port = busy.getsockname()[1]
        message = _refusal(STUDENT, DATASET, "--port", str(port))
    finally:
        busy.close()
    assert f"port {port} on 127.0.0.1 is in use" in message


def test_listening_beyond_loopback_needs_a_key(no_load, monkeypatch):
    message = _refusal(STUDENT, DATASET, "--host", "0.0.0.0")
    assert f"set an API key in ${cli.API_KEY_ENV}" in message
    assert cli.api_key("0.0.0.0", "KEY", {"KEY": "k" * 16}) == "k" * 16
    assert cli.api_key("127.0.0.1", "KEY", {}) is None


def test_a_damaged_adapter_is_refused_before_loading(project, tmp_path):
    damaged = tmp_path / "damaged"
    (damaged / "config").mkdir(parents=True)
    shutil.copy(project / "config" / "config.yaml", damaged / "config" / "config.yaml")
    shutil.copy(project / OVERLAY, damaged / OVERLAY)
    shutil.copytree(project / ADAPTER, damaged / ADAPTER)
    with open(damaged / ADAPTER / "adapter_model.safetensors", "r+b") as handle:
        handle.seek(-8, os.SEEK_END)
        handle.write(b"\0" * 8)
    with _cwd(damaged), pytest.raises(FinstepError, match="is not the file its training wrote"):
        served_pair(STUDENT, DATASET, load_config([OVERLAY]))


@pytest.mark.parametrize(("rank", "allowed"), [(1, 8), (8, 8), (9, 16), (16, 16), (33, 64), (65, 128)])
def test_the_lora_rank_vllm_is_given_is_the_smallest_it_takes_that_fits(rank, allowed):
    assert max_lora_rank(rank) == allowed
    assert lora_rank({"r": 8, "rank_pattern": {"q_proj": rank}}) == max(8, rank)


def test_the_vllm_command_serves_base_and_adapter_by_name_without_the_key(tmp_path):
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    hub = {"model": "org/model", "revision": "a" * 40, "load_in_4bit": True}
    pair = ServedPair(
        "llama", "dss", hub, str(adapter), 128, 512, 2, str(tmp_path / "hub"), 40, "0" * 64, "a" * 40
    )
    assert vllm_command(pair, "0.0.0.0", 8001) == [
        "vllm", "serve", "org/model", "--served-model-name", "llama",
        "--enable-lora", "--lora-modules", f"llama/dss={adapter}", "--max-lora-rank", "64",
        "--host", "0.0.0.0", "--port", "8001", "--revision", "a" * 40, "--quantization", "bitsandbytes",
    ]  # fmt: skip
    env = vllm_environment(pair, "k" * 16, {"PATH": "/bin", "VLLM_API_KEY": "old"})
    assert env["VLLM_API_KEY"] == "k" * 16 and env["HF_HUB_OFFLINE"] == "1"
    assert env["HF_HUB_CACHE"] == str((tmp_path / "hub").resolve())
    assert "VLLM_API_KEY" not in vllm_environment(pair, None, {"VLLM_API_KEY": "old"})


def test_the_cli_prints_the_vllm_command_for_a_configured_pair(no_load, capsys):
    cli.main([STUDENT, DATASET, "--configfile", OVERLAY, "--engine", "vllm", "--print-command"])
    command = capsys.readouterr().out.split()
    assert command[:3] == [
        "vllm",
        "serve",
        json.loads(Path(OVERLAY).read_text())["students"][STUDENT]["model"],
    ]
    assert f"{STUDENT}/{DATASET}={Path(ADAPTER).resolve()}" in command and "--quantization" not in command
    assert command[command.index("--max-lora-rank") + 1] == "16"
