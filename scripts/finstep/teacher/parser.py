"""Raw model output → a validated :class:`TeacherAnswer`, the same way for every plugin.

Models wrap their JSON in chatter and code fences, put braces and quotes inside
strings, run out of tokens mid-object, or answer with the wrong fields. One
parser shared by all plugins means every backend is judged by the same rules,
and every reject carries a reason whose code (the text before the first colon)
is one of a few stable values that the stats count.
"""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

from .schema import TeacherAnswer

NO_JSON = "no_json"  # no complete JSON object in the output (none, malformed or truncated)
SCHEMA = "schema"  # a JSON object was found but is not a valid TeacherAnswer
REASON_CODES = (NO_JSON, SCHEMA)

# A JSON object starts with "{", optional whitespace, then a key or the closing brace;
# any other "{" (prose, templates, a run of braces) cannot start one and is never scanned.
_OBJECT_START = re.compile(r"\{(?=\s*[\"}])")
# An answer is one flat object; deeper nesting is not an answer, and json's C decoder
# would hit the recursion limit on it.
_MAX_DEPTH = 64
_DETAIL_MAX = 200
# Raw newlines inside strings are accepted: models often write a multi-line rationale with literal
# line breaks, which strict JSON forbids although the intent is unambiguous.
_DECODER = json.JSONDecoder(strict=False)


def first_json_object(text: str) -> str | None:
    """The first ``{...}`` substring of ``text`` that parses as a JSON object, or None.

    Parsing is ``json``'s, except that raw line breaks inside strings are
    allowed (see ``_DECODER``). Candidates are the balanced ``{...}`` spans, taken in order of their
    opening brace; one that does not parse is skipped and the search goes on
    after its opening brace, so a valid object nested in or following a broken
    one is still found. An object never closed (a truncated answer) is not a
    candidate, nor is a brace inside a JSON string, nor an object nested more
    than ``_MAX_DEPTH`` deep.
    """
    found = _find_object(text)
    return text[found[0] : found[1]] if found else None


def _find_object(text: str) -> tuple[int, int, dict] | None:
    """``(start, end, object)`` of the first JSON object in ``text``, in linear time.

    Each region (an outermost candidate up to its closing brace, or to the end
    of the text when it never closes) is scanned once. When a candidate fails
    to parse at position ``p``, the candidates nested in it that are still open
    at ``p`` would fail at ``p`` too and are skipped without parsing; those
    closed before ``p`` were parsed without error and are valid. A character
    lies inside at most ``_MAX_DEPTH`` parsed candidates, so parsing is linear too.
    """
    pos = 0
    while match := _OBJECT_START.search(text, pos):
        region = _scan_braces(text, match.start())
        failed_at = -1
        for start, (close, depth) in region.items():
            if close is None or depth > _MAX_DEPTH or not _OBJECT_START.match(text, start):
                continue
            if start < failed_at <= close:
                continue
            try:  # on a copy: an error's line/column are counted from the start of the string parsed
                return start, close + 1, _DECODER.decode(text[start : close + 1])
            except json.JSONDecodeError as exc:
                failed_at = start + exc.pos
        outer_close = region[match.start()][0]
        if outer_close is None:
            return None
        pos = outer_close + 1
    return None


def _scan_braces(text: str, start: int) -> dict[int, tuple[int | None, int]]:
    """Match braces from ``text[start] == "{"`` until it closes or the text ends.

    Returns, in order, every ``{`` passed outside a JSON string with the index
    of its closing ``}`` (None when the text ends first) and its nesting depth.
    Quotes and backslash escapes are tracked so that braces inside strings do
    not count. The stack is explicit: no recursion, whatever the depth.
    """
    spans: dict[int, tuple[int | None, int]] = {}
    stack: list[list[int]] = []  # [index of "{", depth of what it holds so far]
    in_string = escaped = False
    for i in range(start, len(text)):
        char = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{":
            spans[i] = (None, 0)
            stack.append([i, 0])
        elif char == "}":
            opened, inner = stack.pop()
            spans[opened] = (i, inner + 1)
            if not stack:
                break
            stack[-1][1] = max(stack[-1][1], inner + 1)
    return spans


def parse_answer(text: str) -> tuple[TeacherAnswer | None, str | None]:
    """``(answer, None)`` for a valid answer, else ``(None, reason)`` with reason ``"code: detail"``."""
    found = _find_object(text)
    if found is None:
        detail = "no complete, valid JSON object (malformed or truncated)" if "{" in text else "no '{'"
        return None, f"{NO_JSON}: {detail}"
    try:
        return TeacherAnswer.model_validate(found[2]), None
    except ValidationError as exc:
        return None, f"{SCHEMA}: {_first_error(exc)}"


def _first_error(exc: ValidationError) -> str:
    """The first Pydantic error on one short line: ``field: message (+N more)``."""
    errors = exc.errors()
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "answer"
    message = " ".join(str(first["msg"]).split())
    more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{where}: {message}"[:_DETAIL_MAX] + more


def reason_code(reason: str) -> str:
    """The stable code of a reject reason (``"schema: rationale: ..."`` → ``"schema"``)."""
    return reason.partition(":")[0].strip()
