"""The served model: ``predict``'s model, prompt and decoding, one request at a time.

One model in memory answers under both names: the adapter is attached as
``predict`` attaches it (``load_student``), and the base name's requests run with
it disabled (PEFT's ``disable_adapter``), which computes the base layers alone.
Requests run one at a time under a lock: a CPU has no spare cores for a second
one, and the adapter switch is the model's state, not the request's.

A lone user message is rendered and cut to the pair's ``max_length`` exactly as
``predict`` renders and cuts a test row's prompt, so a test row sent as a chat
request gets the text ``predict`` wrote for it. Decoding is greedy unless the
request asks for a temperature above 0, and ends at the same stop tokens.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import torch
from transformers import GenerationConfig, LogitsProcessor, StoppingCriteria, TextIteratorStreamer

from ..errors import FinstepError
from ..models.loading import stop_token_ids
from ..training.predict import decode_new, fit_prompt, load_student, prompt_tokens, render_prompt
from .pair import ServedPair

if TYPE_CHECKING:
    import xgrammar

log = logging.getLogger("finstep.serving")


@dataclass(frozen=True)
class Decoding:
    """How a request asks to decode: greedy (temperature 0 or none) unless it samples."""

    max_new_tokens: int
    temperature: float = 0.0
    top_p: float = 1.0
    seed: int | None = None
    json_schema: str | None = None  # a JSON schema (text) the answer must follow; "" any JSON object


@dataclass(frozen=True)
class Prompt:
    text: str  # rendered: the chat template applied
    cut: bool = False  # cut to the pair's max_length, as predict cuts a long test prompt


@dataclass
class Answer:
    text: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str  # "stop" (a stop token) or "length" (max_new_tokens)


@dataclass
class _Outcome:
    """What a generation thread leaves for the request that streams it."""

    tokens: list[int] = field(default_factory=list)
    error: BaseException | None = None


class _Cancelled(StoppingCriteria):
    """A stopping criterion that ends a generation whose client has gone away."""

    def __init__(self) -> None:
        super().__init__()
        self.event = threading.Event()

    def __call__(
        self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs: Any
    ) -> torch.BoolTensor:
        return torch.full(
            (input_ids.shape[0],), self.event.is_set(), dtype=torch.bool, device=input_ids.device
        )


def _text_of(content: object, where: str) -> str:
    """A message's text: a string, or OpenAI's list of parts, text parts only."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if (
                not isinstance(part, dict)
                or part.get("type") != "text"
                or not isinstance(part.get("text"), str)
            ):
                raise FinstepError(f"{where}: only text parts are served, got {part!r:.80}")
            parts.append(part["text"])
        return "".join(parts)
    raise FinstepError(f"{where}.content must be a string or a list of text parts")


class ServedModel:
    """The pair's model and tokenizer, loaded once; answers chat and completion requests."""

    def __init__(self, pair: ServedPair) -> None:
        self.pair = pair
        self.model, self.tokenizer = load_student(pair.student, pair.adapter_dir)
        self.stop_ids = stop_token_ids(self.model, self.tokenizer)
        self._lock = threading.Lock()
        self._grammars: dict[str, xgrammar.CompiledGrammar] = {}

    # --- prompts ----------------------------------------------------------------------------------

    def chat_prompt(self, messages: list[dict]) -> Prompt:
        """The rendered prompt of a conversation; a lone user message exactly as ``predict`` renders it."""
        if not isinstance(messages, list) or not messages:
            raise FinstepError("messages must be a non-empty list of {role, content}")
        turns = []
        for number, message in enumerate(messages):
            where = f"messages[{number}]"
            if not isinstance(message, dict) or message.get("role") not in {"system", "user", "assistant"}:
                raise FinstepError(f"{where}: role must be system, user or assistant")
            turns.append({"role": message["role"], "content": _text_of(message.get("content"), where)})
        if len(turns) == 1 and turns[0]["role"] == "user":
            # predict's own rendering, cut to the pair's max_length as predict cuts a long test prompt
            content = turns[0]["content"]
            rendered = fit_prompt(self.tokenizer, content, self.pair.max_length)
            cut = rendered != render_prompt(self.tokenizer, content)
            if cut:
                log.warning(
                    "a prompt was cut to max_length %d tokens, as predict cuts one", self.pair.max_length
                )
            return Prompt(rendered, cut)
        if not self.tokenizer.chat_template:
            raise FinstepError(
                f"{self.pair.student['model']} has no chat template: send one user message (its raw prompt) "
                "or use /v1/completions"
            )
        rendered = self.tokenizer.apply_chat_template(turns, add_generation_prompt=True, tokenize=False)
        return self._within_context(rendered)

    def completion_prompt(self, prompt: object) -> Prompt:
        if not isinstance(prompt, str) or not prompt:
            raise FinstepError("prompt must be a non-empty string (one prompt a request)")
        return self._within_context(prompt)

    @cached_property
    def context_length(self) -> int:
        """Tokens the model attends over: its position embeddings', or the tokenizer's limit where smaller."""
        lengths = [
            getattr(self.model.config, "max_position_embeddings", None),
            self.tokenizer.model_max_length,
        ]
        known = [int(n) for n in lengths if n and n < 10**7]  # tokenizers say 1e30 when they do not know
        return min(known) if known else 2**31

    def _within_context(self, rendered: str) -> Prompt:
        """Any other prompt is served whole or refused: only predict's own prompts are cut, as predict cuts them."""
        length = prompt_tokens(self.tokenizer, rendered)
        if length >= self.context_length:
            raise FinstepError(
                f"the prompt is {length} tokens; the model's context is {self.context_length}: shorten it"
            )
        return Prompt(rendered, False)

    # --- decoding ---------------------------------------------------------------------------------

    @cached_property
    def _tokenizer_info(self) -> xgrammar.TokenizerInfo:
        import xgrammar

        return xgrammar.TokenizerInfo.from_huggingface(
            self.tokenizer, vocab_size=self.model.config.vocab_size, stop_token_ids=self.stop_ids
        )

    def _grammar(self, schema: str) -> LogitsProcessor:
        """xgrammar's mask for a JSON schema (``""``: any JSON object), compiled once per schema."""
        import xgrammar
        from xgrammar.contrib.hf import LogitsProcessor as GrammarProcessor

        if schema not in self._grammars:
            compiler = xgrammar.GrammarCompiler(self._tokenizer_info)
            try:
                # Compact JSON: with whitespace allowed anywhere, a small model can pad an answer
                # with spaces until max_tokens and never close it.
                self._grammars[schema] = compiler.compile_json_schema(
                    schema or '{"type": "object"}', any_whitespace=False
                )
            except (RuntimeError, ValueError) as exc:
                raise FinstepError(f"response_format: the JSON schema cannot be compiled: {exc}") from None
        return GrammarProcessor(self._grammars[schema])

    def prepare(self, decoding: Decoding) -> None:
        """Compile the request's grammar now, so that a bad schema is refused before a stream starts."""
        if decoding.json_schema is not None:
            self._grammar(decoding.json_schema)

    def _config(self, decoding: Decoding) -> GenerationConfig:
        sampling = {"do_sample": False}
        if decoding.temperature > 0:
            sampling = {"do_sample": True, "temperature": decoding.temperature, "top_p": decoding.top_p}
        return GenerationConfig(
            max_new_tokens=decoding.max_new_tokens,
            eos_token_id=self.stop_ids,
            pad_token_id=self.tokenizer.pad_token_id,
            **sampling,
        )

    def _inputs(self, rendered: str) -> dict[str, torch.Tensor]:
        # Rendered chat prompts carry their special tokens; raw ones get the tokenizer's (predict's rule).
        return self.tokenizer(
            rendered, return_tensors="pt", add_special_tokens=not self.tokenizer.chat_template
        ).to(self.model.device)

    def _run(self, rendered: str, decoding: Decoding, tuned: bool, **extra: Any) -> tuple[int, list[int]]:
        """Prompt tokens and new tokens of one generation, under the lock."""
        inputs = self._inputs(rendered)
        processors = [self._grammar(decoding.json_schema)] if decoding.json_schema is not None else []
        with self._lock, nullcontext() if tuned else self.model.disable_adapter():
            if decoding.seed is not None:
                torch.manual_seed(decoding.seed)
            with torch.inference_mode():
                output = self.model.generate(
                    **inputs, generation_config=self._config(decoding), logits_processor=processors, **extra
                )
        prompt_len = inputs["input_ids"].shape[1]
        return prompt_len, output[0, prompt_len:].tolist()

    def _finish(self, new: list[int]) -> str:
        return "stop" if new and new[-1] in self.stop_ids else "length"

    def answer(self, rendered: str, decoding: Decoding, tuned: bool) -> Answer:
        prompt_len, new = self._run(rendered, decoding, tuned)
        text = decode_new(self.tokenizer, new, {*self.stop_ids, self.tokenizer.pad_token_id})
        return Answer(text, prompt_len, len(new), self._finish(new))

    def stream(self, rendered: str, decoding: Decoding, tuned: bool) -> Iterator[str | Answer]:
        """The answer's text piece by piece as it is generated, then its ``Answer`` (text empty).

        Generation runs in a thread feeding transformers' ``TextIteratorStreamer``;
        closing the iterator early (the client went away) stops the generation.
        """
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        cancelled = _Cancelled()
        outcome = _Outcome()
        prompt_len = [0]

        def work() -> None:
            try:
                prompt_len[0], outcome.tokens = self._run(
                    rendered, decoding, tuned, streamer=streamer, stopping_criteria=[cancelled]
                )
            except BaseException as exc:  # handed to the request, which raises it
                outcome.error = exc
                streamer.end()

        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        try:
            for piece in streamer:
                if piece:
                    yield piece
            thread.join()
        finally:
            cancelled.event.set()
        if outcome.error is not None:
            raise outcome.error
        yield Answer("", prompt_len[0], len(outcome.tokens), self._finish(outcome.tokens))
