"""Versioned prompt templates with the answer's JSON schema injected.

A template is a YAML file under ``config/prompts/`` with ``version``,
``system`` and ``user``; ``user`` may use ``{text}``, ``{schema}``,
``{ticker}``, ``{company}``, ``{section}`` and ``{section_title}``. The
version is recorded with every output, so a changed prompt is never mistaken
for the old one.
"""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import FinstepError
from ..extract.items import ITEM_TITLES
from .schema import answer_json_schema

FIELDS = {"text", "schema", "ticker", "company", "section", "section_title"}


@dataclass(frozen=True)
class Prompt:
    version: str
    system: str
    user: str

    def messages(self, text: str, meta: dict | None = None) -> list[dict]:
        """Chat messages for one chunk; plugins render them with the model's chat template."""
        meta = meta or {}
        section = str(meta.get("section") or "")
        values = {
            "text": text,
            "schema": json.dumps(answer_json_schema(), indent=None),
            "ticker": meta.get("ticker") or "",
            "company": meta.get("company") or meta.get("ticker") or "the company",
            "section": section,
            "section_title": ITEM_TITLES.get(section, "the annual report"),
        }
        messages = [{"role": "user", "content": self.user.format(**values)}]
        if self.system.strip():
            messages.insert(0, {"role": "system", "content": self.system.format(**values)})
        return messages


def load_prompt(path: str | Path) -> Prompt:
    """Read and check a template: a bad one fails before any model is loaded."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError) as exc:
        raise FinstepError(f"prompt template {path}: unreadable ({exc}); fix the file") from None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) for k in ("version", "user")):
        raise FinstepError(
            f"prompt template {path}: needs string keys 'version' and 'user' (and optional 'system')"
        )
    prompt = Prompt(version=data["version"], system=data.get("system") or "", user=data["user"])
    for part in (prompt.system, prompt.user):
        names = {name for _, name, _, _ in string.Formatter().parse(part) if name}
        unknown = names - FIELDS
        if unknown:
            raise FinstepError(
                f"prompt template {path}: unknown field(s) {sorted(unknown)}; use {sorted(FIELDS)} "
                "and write literal braces as {{ }}"
            )
    if "{text}" not in prompt.user:
        raise FinstepError(f"prompt template {path}: 'user' must contain {{text}}, where the chunk goes")
    return prompt
