"""The tiny offline model and the transformers teacher on it (CPU, fp32, greedy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

# The model stack is optional (only the transformers teacher and the tiny model need it).
torch = pytest.importorskip("torch")
xgrammar = pytest.importorskip("xgrammar")
pytest.importorskip("transformers")

from finstep.errors import FinstepError  # noqa: E402
from finstep.io import write_jsonl  # noqa: E402
from finstep.models.loading import quantization_config, resolve_dtype, weights_digest  # noqa: E402
from finstep.teacher.grammar import SPACES, shortest_answer  # noqa: E402
from finstep.teacher.parser import parse_answer  # noqa: E402
from finstep.teacher.plugins.base import TeacherRequest  # noqa: E402
from finstep.teacher.plugins.hf_loaded import (  # noqa: E402
    CLOSING_MARGIN,
    JsonObjectStop,
    closing_tiers,
)
from finstep.teacher.plugins.hf_loaded import LoadedTransformersTeacher as TransformersTeacher  # noqa: E402
from finstep.teacher.prompt import load_prompt  # noqa: E402
from finstep.teacher.schema import TeacherAnswer  # noqa: E402
from finstep.tiny_model import build_tiny_model, train_tokenizer  # noqa: E402

SENTENCES = [
    "Net sales increased 8% to $391.0 billion in fiscal 2024, driven by higher Services revenue.",
    "Gross margin was 46.2% compared with 44.1% a year earlier, reflecting a favorable mix.",
    "Operating expenses grew 5% as the Company continued to invest in research and development.",
    "The Company repurchased $94.9 billion of its common stock and paid dividends of $15.2 billion.",
    "Foreign currency fluctuations reduced net sales by approximately 2 percentage points.",
    "Cash, cash equivalents and marketable securities totaled $156.7 billion at year end.",
    "The effective tax rate was 24.1%, up from 14.7%, due to a one-time state aid charge.",
    "Services net sales rose 13% on growth in advertising, cloud services and the App Store.",
    "Revenue from Greater China declined 8% because of lower iPhone sales and a weaker yuan.",
    "The Company's business is subject to risks from global economic conditions and trade policy.",
    "Changes in tax laws, including the OECD global minimum tax, could adversely affect results.",
    "Supply of components may be disrupted by natural disasters, pandemics or geopolitical tension.",
    "The Company depends on outsourcing partners located primarily in Asia for manufacturing.",
    "Intellectual property litigation could require the Company to pay damages or change products.",
    "Cybersecurity incidents could expose customer data and harm the Company's reputation.",
    "Microsoft Cloud revenue increased 23% to $137.4 billion, led by Azure and other cloud services.",
    "Commercial remaining performance obligation grew 21% to $268 billion at June 30, 2024.",
    "Diluted earnings per share were $11.80, an increase of 22% over the prior fiscal year.",
    "The acquisition of Activision Blizzard contributed $2.8 billion to Gaming revenue.",
    "Alphabet's advertising revenues were $264.6 billion, up 11% from the prior year.",
    "Capital expenditures of $52.5 billion reflected investment in technical infrastructure.",
    "Other income, net, included unrealized gains on non-marketable equity securities.",
    "Long-term debt of $10.9 billion carries fixed interest rates between 0.45% and 2.25%.",
    "Management believes existing cash and cash flow will be sufficient for the next 12 months.",
    "Inventories were €6.2 billion; purchase commitments to suppliers were ¥4.1 trillion.",
    "Legal proceedings include antitrust matters brought by the U.S. Department of Justice.",
    "Employees numbered approximately 164,000 full-time equivalents as of September 28, 2024.",
    "The board declared a quarterly dividend of $0.25 per share, payable on November 14, 2024.",
    "Deferred revenue primarily relates to unearned Services revenue and product warranties.",
    "Credit risk is limited because the Company invests in high-quality, diversified securities.",
]
SIZES = {
    "vocab_size": 800,
    "hidden_size": 32,
    "intermediate_size": 64,
    "layers": 2,
    "heads": 4,
    "kv_heads": 2,
}
MAX_NEW = 128  # CLOSING_MARGIN + room for gibberish: the budget check closes every answer in time
PROMPT = load_prompt(ROOT / "config" / "prompts" / "teacher-v1.yaml")


def _build(tmp: Path, name: str = "tiny", **sizes: int) -> Path:
    corpus = tmp / "chunks.jsonl"
    write_jsonl(corpus, [{"id": str(i), "text": s} for i, s in enumerate(SENTENCES)])
    build_tiny_model(str(corpus), str(tmp / name), **{**SIZES, **sizes})
    return tmp / name


def _request(index: int, sentences: int) -> TeacherRequest:
    text = " ".join(SENTENCES[index : index + sentences])
    return TeacherRequest(id=f"r{index}", text=text, prompt=PROMPT, meta={"ticker": "AAPL", "section": "7"})


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("model"))


@pytest.fixture(scope="module")
def teacher(tiny_dir) -> TransformersTeacher:
    return TransformersTeacher({"model": str(tiny_dir), "max_new_tokens": MAX_NEW, "batch_size": 4})


@pytest.fixture(scope="module")
def requests_() -> list[TeacherRequest]:
    """Four chunks of different lengths, so the batch is left-padded."""
    return [_request(0, 1), _request(3, 6), _request(10, 2), _request(14, 12)]


@pytest.fixture(scope="module")
def batch(teacher, requests_):
    return teacher.generate(requests_, seed=0)


# --- the tiny model ---


def test_build_saves_safetensors_and_tokenizer(tiny_dir):
    names = {p.name for p in tiny_dir.iterdir()}
    assert {"config.json", "generation_config.json", "model.safetensors", "tokenizer.json"} <= names
    assert "tokenizer_config.json" in names
    assert not [n for n in names if n.endswith((".bin", ".pt", ".pth"))]
    assert not [p for p in tiny_dir.parent.iterdir() if p.name.startswith(".")]  # no temp folder left
    config = json.loads((tiny_dir / "config.json").read_text())
    assert config["architectures"] == ["LlamaForCausalLM"]
    assert config["num_hidden_layers"] == 2 and config["hidden_size"] == 32


def test_model_and_tokenizer_agree(teacher):
    tokenizer, model = teacher.tokenizer, teacher.model
    assert model.config.vocab_size == len(tokenizer)
    assert model.config.eos_token_id == tokenizer.eos_token_id == model.generation_config.eos_token_id
    assert model.config.pad_token_id == tokenizer.pad_token_id == model.generation_config.pad_token_id
    assert model.config.bos_token_id == tokenizer.bos_token_id
    assert (
        len({tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.pad_token_id, tokenizer.unk_token_id})
        == 4
    )


def test_same_seed_same_weights_other_seed_others(tmp_path):
    first = weights_digest(_build(tmp_path, "a", seed=0))
    assert weights_digest(_build(tmp_path, "b", seed=0)) == first
    assert weights_digest(_build(tmp_path, "c", seed=1)) != first


def test_rebuild_replaces_the_folder(tmp_path):
    target = _build(tmp_path)
    (target / "stale.txt").write_text("old")
    _build(tmp_path)
    assert not (target / "stale.txt").exists()


def test_empty_corpus_is_an_error(tmp_path):
    corpus = tmp_path / "chunks.jsonl"
    write_jsonl(corpus, [{"id": "1", "text": "  "}])
    with pytest.raises(FinstepError, match="no chunk text"):
        build_tiny_model(str(corpus), str(tmp_path / "tiny"))
    assert not (tmp_path / "tiny").exists()


@pytest.mark.parametrize(
    "text",
    [
        "Ünïcödé “quotes” — 日本語 😀 €6.2 ¥4.1",
        '{"rationale": "1. Revenue rose 8%\\n2. Margin: 46.2%", "summary": "Up."}',
        "tabs\tand\nnewlines  and  double  spaces ,.;:!? 0123456789",
    ],
)
def test_tokenizer_round_trips_any_text(text):
    tokenizer = train_tokenizer(SENTENCES, vocab_size=400)
    ids = tokenizer.encode(text, add_special_tokens=False)
    assert tokenizer.unk_token_id not in ids
    assert tokenizer.decode(ids) == text


def test_chat_template_renders_all_roles(teacher):
    messages = [
        {"role": "system", "content": "You are an analyst."},
        {"role": "user", "content": "Summarise: revenue rose."},
        {"role": "assistant", "content": '{"summary": "Revenue rose."}'},
        {"role": "user", "content": "Again."},
    ]
    text = teacher.tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    assert text.startswith("<|startoftext|><|im_start|>system\nYou are an analyst.<|im_end|>\n")
    assert '<|im_start|>assistant\n{"summary": "Revenue rose."}<|im_end|>\n' in text
    assert text.endswith("<|im_start|>user\nAgain.<|im_end|>\n<|im_start|>assistant\n")
    ids = teacher.tokenizer(text, add_special_tokens=False)["input_ids"]
    assert ids[0] == teacher.tokenizer.bos_token_id
    assert ids.count(teacher.tokenizer.convert_tokens_to_ids("<|im_start|>")) == 5


# --- the answer grammar ---


def test_spaces_are_exactly_what_str_strip_removes():
    listed = {c for lo, hi in SPACES for c in range(lo, hi + 1)}
    assert listed == {c for c in range(0x110000) if chr(c).isspace()}


def test_shortest_answer_is_a_valid_answer():
    TeacherAnswer.model_validate_json(shortest_answer())
    assert len(shortest_answer()) < CLOSING_MARGIN


@pytest.fixture(scope="module")
def grammar_matcher(teacher):
    def accepts(text: str) -> bool:
        matcher = xgrammar.GrammarMatcher(teacher.grammar.compiled)
        return matcher.accept_string(text) and matcher.accept_token(teacher.tokenizer.eos_token_id)

    return accepts


def test_grammar_accepts_only_valid_answers(grammar_matcher):
    step = "Revenue rose 8% to $391.0 billion"
    summary = "Revenue rose on Services."
    assert grammar_matcher(shortest_answer())
    assert grammar_matcher(
        f'{{"rationale": "1. {step}\\n2. {step}\\n3. {step}", "summary": "{summary} 日本"}}'
    )
    for bad in [
        f'{{"rationale": "1. {step}", "summary": "{summary}"}}',  # one step
        f'{{"rationale": "1. {step}\\n3. {step}", "summary": "{summary}"}}',  # skips 2
        f'{{"rationale": "1. {step}\n2. {step}", "summary": "{summary}"}}',  # raw line break
        f'{{"rationale": "1. {step} "quoted"\\n2. {step}", "summary": "{summary}"}}',  # bare quote
        f'{{"rationale": "1. {step}\\n2. {step} ", "summary": "{summary}"}}',  # trailing space
        f'{{"rationale": "1. {step}\\n2. {step}", "summary": "Too short."}}',
        f'{{"rationale": "1. ab\\n2. cd", "summary": "{summary}"}}',  # rationale under 40
    ]:
        assert not grammar_matcher(bad), bad


def test_closing_tiers_rank_closing_tokens_first():
    tiers = closing_tiers([b'x"', b"\\", b"word", b"word ", b"\xe6\x97", b"<eos>"], stop_ids=[5]).tolist()
    assert tiers == [3, 2, 1, 0, 0, 3]


# --- the transformers teacher ---


def test_constrained_batch_is_all_valid(batch, requests_):
    assert len(batch) == len(requests_)
    for generation in batch:
        answer, reason = parse_answer(generation.text)
        assert reason is None, (reason, generation.text)
        TeacherAnswer.model_validate_json(generation.text)  # strict JSON, nothing around it
        assert answer.rationale.startswith("1. ")
        assert 0 < generation.output_tokens <= MAX_NEW
        assert generation.truncated_input is False


def test_a_rationale_budget_leaves_the_summary_room(tiny_dir, batch, requests_):
    """The random model never ends its rationale by choice: without a budget the summary gets only
    what the closing margin leaves; with rationale_share the rationale is closed early."""
    budgeted = TransformersTeacher(
        {"model": str(tiny_dir), "max_new_tokens": 256, "batch_size": 4, "rationale_share": 0.3}
    )
    unbudgeted = TransformersTeacher({"model": str(tiny_dir), "max_new_tokens": 256, "batch_size": 4})
    for teacher_, label in ((budgeted, "budget"), (unbudgeted, "none")):
        answers = [parse_answer(g.text)[0] for g in teacher_.generate(requests_, seed=0)]
        assert all(answers), label
        lengths = [(len(a.rationale), len(a.summary)) for a in answers]
        if label == "budget":
            with_budget = lengths
        else:
            without = lengths
    assert all(r_b < r_n for (r_b, _), (r_n, _) in zip(with_budget, without, strict=True))
    assert all(s_b > s_n for (_, s_b), (_, s_n) in zip(with_budget, without, strict=True))


def test_left_padding_alone_equals_in_batch(teacher, batch, requests_):
    for index in (0, 3):  # the shortest prompt (most padding) and the longest (none)
        alone = teacher.generate([requests_[index]], seed=0)[0]
        assert (alone.text, alone.output_tokens) == (batch[index].text, batch[index].output_tokens)


def test_same_seed_same_outputs(teacher, batch, requests_):
    again = teacher.generate(requests_, seed=0)
    assert [g.text for g in again] == [g.text for g in batch]


def test_long_chunk_is_cut_to_fit_and_flagged(tiny_dir, teacher):
    short, long = _request(0, 1), _request(0, 30)
    empty_prompt = teacher._n_tokens(teacher._render(short, ""))
    limit = teacher._n_tokens(teacher._render(short)) + 5
    assert empty_prompt < limit
    small = TransformersTeacher(
        {"model": str(tiny_dir), "max_new_tokens": MAX_NEW, "max_input_tokens": limit}
    )
    prompt, cut = small.fit_prompt(long)
    assert cut and small._n_tokens(prompt) <= limit
    assert SENTENCES[0] in prompt and SENTENCES[5] not in prompt
    generations = small.generate([short, long], seed=0)
    assert [g.truncated_input for g in generations] == [False, True]
    assert all(parse_answer(g.text)[1] is None for g in generations)


def test_template_longer_than_the_context_is_an_error(tiny_dir):
    small = TransformersTeacher({"model": str(tiny_dir), "max_new_tokens": MAX_NEW, "max_input_tokens": 10})
    with pytest.raises(FinstepError, match="template alone exceeds"):
        small.generate([_request(0, 1)], seed=0)


def test_unconstrained_generation_runs_to_its_cap(tiny_dir, requests_):
    free = TransformersTeacher({"model": str(tiny_dir), "max_new_tokens": 16, "constrained": False})
    assert free.grammar is None
    generations = free.generate(requests_[:2], seed=3)
    assert [g.output_tokens for g in generations] == [16, 16]  # gibberish, never a JSON object
    assert generations == free.generate(requests_[:2], seed=3)


def _feed(stop: JsonObjectStop, rows: list[list[int]], prompt_len: int) -> list[list[bool]]:
    """Call the criterion as generate does: once per new token, on the whole sequences so far."""
    states = []
    for step in range(1, len(rows[0]) - prompt_len + 1):
        ids = torch.tensor([row[: prompt_len + step] for row in rows])
        states.append(stop(ids, None).tolist())
    return states


def _tokens(tokenizer, text: str) -> list[int]:
    """One token per (ASCII) character, so the test knows when each character arrives."""
    return [tokenizer.encode(char, add_special_tokens=False)[0] for char in text]


def test_json_stop_is_per_row_and_ignores_braces_in_strings(teacher):
    tokenizer = teacher.tokenizer
    prompt = _tokens(tokenizer, "ok: ")
    first = 'x {"a": "}{"} tail'  # closes at index 12; the "}" at 9 is inside a string
    second = '  {"b": 1} more   '  # closes at index 9, earlier than the first row
    rows = [prompt + _tokens(tokenizer, first), prompt + _tokens(tokenizer, second)]
    states = _feed(JsonObjectStop(tokenizer, len(prompt)), rows, len(prompt))
    assert [s[0] for s in states].index(True) == 12
    assert [s[1] for s in states].index(True) == 9
    assert all(states[-1])


def test_json_stop_skips_broken_objects_and_waits_for_min_tokens(teacher):
    tokenizer = teacher.tokenizer
    text = '{"a": } then {"b": 2} more'  # the first span is not JSON: the second object counts
    rows = [_tokens(tokenizer, text)]
    states = [s[0] for s in _feed(JsonObjectStop(tokenizer, 0), rows, 0)]
    assert states.index(True) == text.index("2}") + 1
    late = [s[0] for s in _feed(JsonObjectStop(tokenizer, 0, min_new_tokens=24), rows, 0)]
    assert late.index(True) == 23


def test_revision_is_pinned_or_the_weights_digest(tiny_dir, teacher):
    assert teacher.revision == weights_digest(tiny_dir)
    assert len(teacher.revision) == 12 and int(teacher.revision, 16) >= 0
    pinned = TransformersTeacher(
        {"model": str(tiny_dir), "revision": "abc123", "max_new_tokens": MAX_NEW, "constrained": False}
    )
    assert pinned.revision == "abc123"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "needs model"),
        ({"model": "meta-llama/Llama-3.1-8B-Instruct"}, "needs revision"),
        ({"model": "__TINY__", "min_new_tokens": 8}, "min_new_tokens needs constrained: false"),
        ({"model": "__TINY__", "max_new_tokens": CLOSING_MARGIN - 1}, "too few"),
        ({"model": "__TINY__", "dtype": "int8"}, "dtype 'int8'"),
    ],
)
def test_bad_options_fail_with_a_message(tiny_dir, options, message):
    options = {k: str(tiny_dir) if v == "__TINY__" else v for k, v in options.items()}
    with pytest.raises(FinstepError, match=message):
        TransformersTeacher(options)


def test_auto_dtype_follows_compute_capability(monkeypatch):
    cuda = torch.device("cuda")
    assert resolve_dtype("auto", torch.device("cpu")) == torch.float32
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: (7, 5))  # T4
    assert resolve_dtype("auto", cuda) == torch.float16
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: (8, 0))  # A100
    assert resolve_dtype("auto", cuda) == torch.bfloat16
    assert resolve_dtype("float32", cuda) == torch.float32


def test_four_bit_config_is_nf4_double_quant_fp16_by_default():
    assert quantization_config({}) is None
    config = quantization_config({"load_in_4bit": True})
    assert config.load_in_4bit and config.bnb_4bit_quant_type == "nf4"
    assert config.bnb_4bit_use_double_quant and config.bnb_4bit_compute_dtype == torch.float16


def test_close_releases_the_model(tiny_dir):
    short_lived = TransformersTeacher({"model": str(tiny_dir), "max_new_tokens": MAX_NEW})
    short_lived.close()
    assert short_lived.model is None and short_lived.grammar is None
