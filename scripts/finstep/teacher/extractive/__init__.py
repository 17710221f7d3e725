"""The extractive teacher's rules: facts read from a chunk (facts.py), composed into an answer (answer.py)."""

from .answer import company_name, rationale, summary

__all__ = ["company_name", "rationale", "summary"]
