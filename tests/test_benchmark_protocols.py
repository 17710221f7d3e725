"""The benchmark scoring protocols (``generate``, ``loglik``) on the tiny random model, with and without chat template."""

from __future__ import annotations

import math
import shutil

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("peft")

from conftest import tiny_student  # noqa: E402
from finstep.benchmarks import protocols  # noqa: E402
from finstep.benchmarks.protocols import predict_benchmark, split_pair  # noqa: E402
from finstep.errors import FinstepError  # noqa: E402
from finstep.io import read_jsonl, write_jsonl  # noqa: E402
from finstep.training.model import load_tokenizer  # noqa: E402
from finstep.training.predict import generate, load_student, prompt_tokens, render_prompt  # noqa: E402

CONTEXT = 256  # the tiny model's max_position_embeddings: the default max_length
TEXTS = [
    f"{company} shares {move} after it reported revenue of ${n}.{n % 10} billion; the outlook is {label}."
    for n, (company, move, label) in enumerate(
        [
            ("Acme", "rose", "positive"),
            ("Globex", "fell", "negative"),
            ("Initech", "were flat", "neutral"),
            ("Umbrella", "jumped", "positive"),
        ]
        * 10,
        start=3,
    )
]
CHOICES = ["negative", "neutral", "positive", "moderately positive"]  # the last: several tokens
INSTRUCTION = "Instruction: What is the sentiment of this tweet? Please choose an answer from {negative/neutral/positive}."


def _prompt(text: str) -> str:
    """FinGPT's prompt, ending in "Answer: " as its files do."""
    return f"{INSTRUCTION}\nInput: {text}\nAnswer: "


def _rows(count: int = 6, choices: list[str] | None = None) -> list[dict]:
    """Rows of different prompt lengths, so batches hold padding."""
    return [
        {
            "id": f"r{i}",
            "prompt": _prompt(" ".join(TEXTS[i : i + 1 + i % 3])),
            "gold": CHOICES[i % 3],
            "choices": CHOICES if choices is None else choices,
            "metadata": {},
        }
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def chat_student(tmp_path_factory) -> dict:
    return tiny_student(tmp_path_factory.mktemp("bench_student"), TEXTS, max_position_embeddings=CONTEXT)


@pytest.fixture(scope="module")
def raw_student(chat_student, tmp_path_factory) -> dict:
    """The tiny model without its chat template: prompted with raw strings, as a base model is."""
    folder = tmp_path_factory.mktemp("bench_raw") / "tiny"
    shutil.copytree(chat_student["model"], folder)
    (folder / "chat_template.jinja").unlink()
    assert not load_tokenizer({"model": str(folder)}).chat_template
    return {"model": str(folder)}


@pytest.fixture(params=["chat", "raw"])
def student(request, chat_student, raw_student) -> dict:
    return chat_student if request.param == "chat" else raw_student


class Loaded(Exception):
    """Raised by a stand-in loader: the job got past every check that must come before the model."""


@pytest.fixture
def no_loading(monkeypatch):
    def refuse(*args, **kwargs):
        raise Loaded

    monkeypatch.setattr(protocols, "load_student", refuse)


def _write_rows(tmp_path, rows: list[dict], name: str = "rows") -> str:
    path = tmp_path / f"{name}.jsonl"
    write_jsonl(path, rows)
    return str(path)


def test_choice_follows_the_prompt_as_lm_eval_splits_it(chat_student, raw_student):
    raw = load_tokenizer(raw_student)
    pair = split_pair(raw, "Input: Acme rose\nAnswer: ", "positive")
    # Raw prompt: right-stripped, then the target delimiter and the choice, split after the context's tokens.
    assert pair.context == raw("Input: Acme rose\nAnswer:")["input_ids"]
    assert raw.decode(pair.continuation) == " positive"
    assert pair.context + pair.continuation == raw("Input: Acme rose\nAnswer: positive")["input_ids"]

    chat = load_tokenizer(chat_student)
    rendered = render_prompt(chat, "Input: Acme rose\nAnswer: ")
    pair = split_pair(chat, rendered, "positive")
    # Chat template: the context is what generate conditions on; the choice starts the assistant's turn.
    assert pair.context == chat(rendered, add_special_tokens=False)["input_ids"]
    assert chat.decode(pair.continuation) == "positive"


def _alone(model, pair) -> float:
    """The continuation's summed log-probability from its own forward pass, via the model's own loss."""
    ids = torch.tensor([pair.context + pair.continuation])
    labels = torch.tensor([[-100] * len(pair.context) + pair.continuation])
    with torch.inference_mode():
        loss = model(input_ids=ids, labels=labels).loss
    return -float(loss) * len(pair.continuation)


def test_loglik_batched_equals_each_pair_alone(student, tmp_path):
    rows = _rows()
    out = tmp_path / "loglik.jsonl"
    predict_benchmark(student, None, _write_rows(tmp_path, rows), "loglik", str(out), 8, batch_size=4)
    predictions = list(read_jsonl(out))
    assert [p["id"] for p in predictions] == [row["id"] for row in rows]
    model, tokenizer = load_student(student, None)
    for row, prediction in zip(rows, predictions, strict=True):
        assert prediction["protocol"] == "loglik" and prediction["truncated"] is False
        assert list(prediction["loglik"]) == CHOICES and list(prediction["tokens"]) == CHOICES
        assert prediction["tokens"]["moderately positive"] > 1  # a choice of several tokens is packed too
        for choice in CHOICES:
            pair = split_pair(tokenizer, render_prompt(tokenizer, row["prompt"]), choice)
            assert prediction["tokens"][choice] == len(pair.continuation)
            value = prediction["loglik"][choice]
            assert math.isfinite(value) and value < 0
            assert value == pytest.approx(_alone(model, pair), abs=1e-4)


def test_generate_is_predicts_greedy_text(student, tmp_path):
    rows = _rows(5, choices=[])  # generate takes rows without choices (numeric QA)
    out = tmp_path / "generate.jsonl"
    predict_benchmark(student, None, _write_rows(tmp_path, rows), "generate", str(out), 6, batch_size=2)
    predictions = list(read_jsonl(out))
    model, tokenizer = load_student(student, None)
    expected = generate(model, tokenizer, [render_prompt(tokenizer, row["prompt"]) for row in rows], 6, 2)
    assert [p["output"] for p in predictions] == expected
    assert [p["id"] for p in predictions] == [row["id"] for row in rows]
    assert all(p["protocol"] == "generate" and p["truncated"] is False for p in predictions)


def test_a_protocol_the_rows_cannot_take_is_refused_before_loading(chat_student, tmp_path, no_loading):
    rows_path = _write_rows(tmp_path, [*_rows(2), {**_rows(3)[2], "choices": []}])
    with pytest.raises(FinstepError, match=r"row 3 \(id 'r2'\) has no choices.*use generate"):
        predict_benchmark(chat_student, None, rows_path, "loglik", str(tmp_path / "out.jsonl"), 8)
    with pytest.raises(FinstepError, match="'multiple_choice' .* not one of generate, loglik"):
        predict_benchmark(chat_student, None, rows_path, "multiple_choice", str(tmp_path / "out.jsonl"), 8)
    twice = _write_rows(tmp_path, _rows(1, choices=["positive", "positive"]), "twice")
    with pytest.raises(FinstepError, match="must be distinct"):
        predict_benchmark(chat_student, None, twice, "loglik", str(tmp_path / "out.jsonl"), 8)
    with pytest.raises(Loaded):  # the same rows are fine for generate
        predict_benchmark(chat_student, None, rows_path, "generate", str(tmp_path / "out.jsonl"), 8)
    assert not (tmp_path / "out.jsonl").exists()


def test_loglik_keeps_room_for_the_longest_choice(chat_student, tmp_path, no_loading):
    tokenizer = load_tokenizer(chat_student)
    rows = _rows(1, choices=["negative", "positive outlook of Acme shares"])
    length = prompt_tokens(tokenizer, render_prompt(tokenizer, rows[0]["prompt"]))
    longest = len(tokenizer("positive outlook of Acme shares", add_special_tokens=False)["input_ids"])
    assert longest > 1
    rows_path = _write_rows(tmp_path, rows)
    out = str(tmp_path / "out.jsonl")
    with pytest.raises(Loaded):
        predict_benchmark(chat_student, None, rows_path, "loglik", out, 8, max_length=length + longest)
    with pytest.raises(FinstepError, match="1 of 1 prompts .* exceed the"):
        predict_benchmark(chat_student, None, rows_path, "loglik", out, 8, max_length=length + longest - 1)


def test_prompts_longer_than_the_context_are_counted_and_refused_above_the_share(chat_student, tmp_path):
    long_text = " ".join(TEXTS)  # well over the tiny model's 256 positions
    rows = [
        *_rows(3, choices=[]),
        {"id": "long", "prompt": _prompt(long_text), "gold": "1", "choices": [], "metadata": {}},
    ]
    rows_path = _write_rows(tmp_path, rows)
    out = tmp_path / "out.jsonl"
    with pytest.raises(
        FinstepError, match=r"1 of 4 prompts \(first: id 'long'.*above max_truncated_share 0.0%"
    ):
        predict_benchmark(chat_student, None, rows_path, "generate", str(out), 4)  # max_length: the config's
    predict_benchmark(chat_student, None, rows_path, "generate", str(out), 4, max_truncated_share=0.25)
    assert [p["truncated"] for p in read_jsonl(out)] == [False, False, False, True]
