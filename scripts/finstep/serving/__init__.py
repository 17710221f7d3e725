"""Serving a trained (student, dataset) pair over an OpenAI-compatible API (``finstep-serve``).

The model served is the one the workflow evaluated: the student's base loaded as
``predict`` loads it (4-bit NF4 where the student asks for it) with the LoRA
adapter attached, not merged. A QLoRA adapter put on a full-precision copy of its
base answers differently (issue 26 measured accuracy 0.500 against 0.333 on the
demo's sentiment pair), so a merge would serve another model than the one scored.

``pair`` reads the workflow config and finds what to serve; ``generation`` holds
the loaded model and decodes as ``predict`` does; ``app`` is the FastAPI app;
``vllm`` builds the GPU command; ``cli`` is the console script.
"""
