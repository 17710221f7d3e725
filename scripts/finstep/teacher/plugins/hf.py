"""The ``transformers`` teacher plugin: what the workflow reads of it, without importing torch.

The declarations are in hf_options.py; the teacher itself (batched,
grammar-constrained ``generate``) is in hf_loaded.py, imported when a shard job
builds it.
"""

from __future__ import annotations

from .base import Teacher
from .hf_options import TransformersOptions


class TransformersTeacher(TransformersOptions):
    """The registered plugin class: its declarations, and ``create`` loading the model."""

    @classmethod
    def create(cls, options: dict) -> Teacher:
        from .hf_loaded import LoadedTransformersTeacher

        return LoadedTransformersTeacher(options)
