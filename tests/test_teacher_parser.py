"""The shared parser: raw model output → a validated TeacherAnswer or a coded reason."""

from __future__ import annotations

import json

import pytest
from finstep.teacher.parser import (
    NO_JSON,
    REASON_CODES,
    SCHEMA,
    first_json_object,
    parse_answer,
    reason_code,
)

RATIONALE = "1. Net sales rose 2% to $391.0 billion.\n2. Services grew faster than products."
SUMMARY = "Net sales rose 2% to $391.0 billion, led by Services."
ANSWER = json.dumps({"rationale": RATIONALE, "summary": SUMMARY})


def answer(**fields: object) -> str:
    return json.dumps({"rationale": RATIONALE, "summary": SUMMARY, **fields}, ensure_ascii=False)


# --- finding the object ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        ANSWER,
        f"Here is the JSON you requested: {ANSWER}",
        f"{ANSWER}\n\nLet me know if you need anything else!",
        f"Sure.\n```json\n{ANSWER}\n```\nThe rationale explains each step.",
        f"```\n{ANSWER}\n```",
        f'  \n\t{ANSWER}  trailing }} braces {{ and "quotes',
        f"Some prose with {{no json}} and {{braces}} first. {ANSWER}",
    ],
    ids=[
        "bare",
        "chatter-before",
        "chatter-after",
        "json-fence",
        "plain-fence",
        "trailing-junk",
        "prose-braces",
    ],
)
def test_finds_the_answer_among_chatter(text):
    assert first_json_object(text) == ANSWER
    parsed, reason = parse_answer(text)
    assert reason is None
    assert parsed is not None and parsed.rationale == RATIONALE and parsed.summary == SUMMARY


def test_braces_inside_strings_do_not_count():
    text = answer(rationale='1. Watch for } and { and {"a": 1} in text.\n2. A lone } closes nothing here.')
    assert first_json_object(f"x {text} y") == text
    parsed, reason = parse_answer(f"x {text} y")
    assert reason is None and '{"a": 1}' in parsed.rationale


def test_escaped_quotes_and_backslashes():
    rationale = '1. Management calls it "record" growth \\ not "flat" }.\n2. A path C:\\temp\\ ends in \\'
    text = answer(rationale=rationale)
    assert '\\"' in text and "\\\\" in text
    assert first_json_object(f"Output: {text} done") == text
    parsed, _ = parse_answer(text)
    assert parsed is not None and parsed.rationale == rationale


def test_string_ending_in_an_escaped_backslash_closes():
    text = '{"a": "ends with backslash \\\\", "b": "}"}'
    assert json.loads(text) == {"a": "ends with backslash \\", "b": "}"}
    assert first_json_object(f"pre {text} post") == text


def test_unicode_smart_quotes_and_emoji():
    text = answer(summary="Café revenue rose “sharply” 📈 in the EMEA région, up 5%.")
    found = first_json_object(f"Voilà — “the answer”: {text} ✅")
    assert found == text
    parsed, reason = parse_answer(found)
    assert reason is None and "📈" in parsed.summary and "“sharply”" in parsed.summary


def test_unicode_escapes_are_decoded():
    parsed, reason = parse_answer(json.dumps({"rationale": RATIONALE, "summary": SUMMARY + " é"}))
    assert reason is None and parsed.summary.endswith("é")


def test_raw_newlines_inside_strings_are_accepted():
    text = '{"rationale": "1. First step of the analysis.\n2. Second step of the analysis.", "summary": "%s"}'
    parsed, reason = parse_answer(text % SUMMARY)
    assert reason is None and parsed.rationale.count("\n") == 1


def test_first_valid_object_wins():
    second = json.dumps({"rationale": "1. Other.\n2. Other steps that are long enough.", "summary": "x" * 30})
    assert first_json_object(f"{ANSWER}\n{second}") == ANSWER
    assert first_json_object(f"{second} then {ANSWER}") == second


def test_invalid_first_candidate_is_skipped():
    for broken in ('{"rationale": "1. a", "summary": "b",}', "{'rationale': 'single quotes'}", '{"a": nope}'):
        text = f"Draft: {broken}\nFinal: {ANSWER}"
        assert first_json_object(text) == ANSWER, broken
        assert parse_answer(text)[1] is None


def test_valid_object_nested_in_a_broken_one_is_found():
    text = f'{{"draft": oops, "answer": {ANSWER}}}'
    assert first_json_object(text) == ANSWER
    assert first_json_object('{"x": {"y": 1}, "z": nope}') == '{"y": 1}'


def test_nested_objects_return_the_outer_one():
    text = '{"outer": {"inner": {"deep": [1, {"k": "v"}]}}, "n": 2}'
    assert first_json_object(f"look: {text}!") == text


def test_truncated_json_is_not_an_object():
    for text in (ANSWER[:-1], ANSWER[: len(ANSWER) // 2], '{"rationale": "1. a\\', "{", '{"'):
        assert first_json_object(text) is None, text
        parsed, reason = parse_answer(text)
        assert parsed is None and reason_code(reason) == NO_JSON


def test_arrays_are_not_objects():
    assert first_json_object('["1. a", "2. b"]') is None
    assert parse_answer('["1. a", "2. b"]') == (None, "no_json: no '{'")
    # An answer wrapped in a list is still an object in the output.
    assert first_json_object(f"[{ANSWER}]") == ANSWER


def test_empty_object_is_an_object():
    assert first_json_object("nothing here {} at all") == "{}"
    assert first_json_object("{ }") == "{ }"


@pytest.mark.parametrize(
    "text",
    [
        "{" * 1_000_000,
        "}" * 1_000_000,
        '{"' * 500_000,
        '{"a":' * 200_000,
        '{"a": [' * 100_000 + " x",
        '{"a": x} ' * 100_000,
        "{" + " " * 1_000_000,
    ],
    ids=["open-braces", "close-braces", "brace-quote", "open-keys", "deep-broken", "many-broken", "blank"],
)
def test_megabyte_inputs_finish_without_recursion_errors(text):
    assert first_json_object(text) is None
    assert reason_code(parse_answer(text)[1]) == NO_JSON


def test_deep_nesting_is_not_an_answer_but_does_not_crash():
    depth = 100_000
    text = '{"a":' * depth + "1" + "}" * depth
    found = first_json_object(text)
    assert found is not None and found.count("{") <= 64
    assert json.loads(found)
    assert reason_code(parse_answer(text)[1]) == SCHEMA


def test_megabyte_of_chatter_before_the_answer():
    text = "chatter {not json} " * 50_000 + ANSWER
    assert first_json_object(text) == ANSWER


# --- validating it -------------------------------------------------------------------------------------


def test_no_json_reasons():
    assert parse_answer("") == (None, "no_json: no '{'")
    assert parse_answer("I cannot answer that.") == (None, "no_json: no '{'")
    _, reason = parse_answer("{broken")
    assert reason == "no_json: no complete, valid JSON object (malformed or truncated)"


def test_extra_keys_are_a_schema_error():
    parsed, reason = parse_answer(answer(confidence=0.9))
    assert parsed is None
    assert reason_code(reason) == SCHEMA
    assert reason == "schema: confidence: Extra inputs are not permitted"


def test_missing_field():
    parsed, reason = parse_answer(json.dumps({"rationale": RATIONALE}))
    assert parsed is None and reason == "schema: summary: Field required"


def test_empty_fields():
    parsed, reason = parse_answer(json.dumps({"rationale": "", "summary": ""}))
    assert parsed is None and reason_code(reason) == SCHEMA
    assert reason.startswith("schema: rationale: String should have at least 40 characters")
    assert reason.endswith("(+1 more)")


def test_non_numbered_rationale():
    prose = "Net sales rose two percent because Services grew faster than hardware this year."
    parsed, reason = parse_answer(answer(rationale=prose))
    assert parsed is None and reason_code(reason) == SCHEMA
    assert reason.startswith("schema: rationale: ") and "numbered steps" in reason
    assert "\n" not in reason


def test_wrong_types():
    parsed, reason = parse_answer(answer(rationale=["1. a", "2. b"]))
    assert parsed is None and reason == "schema: rationale: Input should be a valid string"


def test_schema_error_on_a_wrapped_answer():
    parsed, reason = parse_answer(json.dumps({"answer": {"rationale": RATIONALE, "summary": SUMMARY}}))
    assert parsed is None and reason_code(reason) == SCHEMA


def test_reason_codes_are_few_and_stable():
    assert REASON_CODES == ("no_json", "schema")
    texts = ["", "{", "[1]", answer(x=1), '{"rationale": 1}', "{}", '```json\n{"summary": "s"}\n```']
    for text in texts:
        parsed, reason = parse_answer(text)
        assert parsed is None and reason_code(reason) in REASON_CODES
        assert "\n" not in reason and len(reason) < 300


def test_reason_code_is_the_text_before_the_colon():
    assert reason_code("schema: rationale: Value error, x: y") == "schema"
    assert reason_code("no_json: no '{'") == "no_json"
    assert reason_code("no_json") == "no_json"
