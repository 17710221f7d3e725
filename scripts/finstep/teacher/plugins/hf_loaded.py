r"""A local Hugging Face ``transformers`` teacher: batched, left-padded, grammar-constrained.

The original study called ``generate`` once per chunk and cut the answer after
the first JSON object. Here a batch of chunks goes through one ``generate``
call (left padding, so every row's prompt ends where generation starts), and
by default xgrammar masks every step to a grammar whose every complete string
is a valid :class:`~finstep.teacher.schema.TeacherAnswer`.

A random-weight model never chooses to close a string and a real one may
ramble, so in the last CLOSING_MARGIN tokens of the budget each row is steered
to the nearest way out (close a string, else start the next step, else end a
word): a constrained answer always closes within ``max_new_tokens``. With
``rationale_share`` set, rows still writing their rationale are steered the
same way from that share of the budget on, so a model that never chooses to
end its rationale still leaves its summary room.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch
from transformers import (
    GenerationConfig,
    LogitsProcessor,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    StoppingCriteria,
)

from ...errors import FinstepError
from ...models.loading import (
    load_causal_lm,
    load_tokenizer,
    resolve_device,
    resolve_dtype,
    revision,
    stop_token_ids,
)
from ...models.refs import ref_of
from ..grammar import answer_grammar, shortest_answer
from ..parser import first_json_object
from .base import Generation, TeacherRequest
from .hf_options import TransformersOptions

if TYPE_CHECKING:  # xgrammar is imported only when a teacher uses it
    import xgrammar

log = logging.getLogger("finstep.teacher")

_CLOSING_BOOST = 1e4  # per tier: beats any logit, so the tier decides and the model only breaks ties


# Closing takes at most one token per character of the shortest answer (every token chosen
# while closing adds a character towards it), plus a few for a UTF-8 character left half-done.
CLOSING_MARGIN = len(shortest_answer()) + 8


def closing_tiers(decoded_vocab: list[bytes], stop_ids: list[int]) -> torch.Tensor:
    """Each token's priority while closing: 3 closes a string (or ends), 2 starts a step, 1 ends a word.

    Under the grammar a token with ``"`` can only close a string and one with
    ``\\`` only start the next step; a token ending in a printable ASCII
    character lets the string close next. Whatever the state, the allowed token
    of the highest tier moves the answer towards its end.
    """
    tiers = [
        3 if b'"' in token else 2 if b"\\" in token else 1 if token[-1:] and 0x21 <= token[-1] <= 0x7E else 0
        for token in decoded_vocab
    ]
    for token_id in stop_ids:
        tiers[token_id] = 3
    return torch.tensor(tiers, dtype=torch.float32)


@dataclass
class AnswerGrammar:
    """The compiled grammar and what its logits processors share, built once per model."""

    compiled: xgrammar.CompiledGrammar
    vocab_size: int
    closing_bias: torch.Tensor
    batch_matcher: xgrammar.BatchGrammarMatcher  # fills all rows' masks on a thread pool
    quotes: torch.Tensor  # '"' characters per token: the grammar admits them only between fields

    @classmethod
    def build(cls, tokenizer: PreTrainedTokenizerBase, vocab_size: int, stop_ids: list[int]) -> AnswerGrammar:
        import xgrammar

        info = xgrammar.TokenizerInfo.from_huggingface(
            tokenizer, vocab_size=vocab_size, stop_token_ids=stop_ids
        )
        compiled = xgrammar.GrammarCompiler(info).compile_grammar(answer_grammar())
        bias = closing_tiers(info.decoded_vocab, stop_ids) * _CLOSING_BOOST
        quotes = torch.tensor([token.count(b'"') for token in info.decoded_vocab], dtype=torch.long)
        if len(quotes) < vocab_size:  # the model's padded vocabulary: tokens no text decodes to
            quotes = torch.cat([quotes, torch.zeros(vocab_size - len(quotes), dtype=torch.long)])
        return cls(compiled, vocab_size, bias, xgrammar.BatchGrammarMatcher(), quotes)


# '{"rationale": "' holds three quotes; the rationale has ended once a row has written a fourth.
_RATIONALE_END_QUOTES = 4


class GrammarLogitsProcessor(LogitsProcessor):
    """Masks each row to the answer grammar; from ``closing_from`` new tokens on, steers rows to close.

    A matcher follows one row, so a processor serves one ``generate`` call:
    build a fresh one per call.
    """

    def __init__(
        self, grammar: AnswerGrammar, prompt_len: int, closing_from: int, rationale_from: int | None = None
    ) -> None:
        import xgrammar

        self._xgr = xgrammar
        self.grammar = grammar
        self.prompt_len = prompt_len
        self.closing_from = closing_from
        self.rationale_from = rationale_from
        self.quotes: torch.Tensor | None = None
        self.matchers: list[xgrammar.GrammarMatcher] = []
        self.bitmask: torch.Tensor | None = None

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        generated = input_ids.shape[1] - self.prompt_len
        if not self.matchers:
            self.matchers = [self._xgr.GrammarMatcher(self.grammar.compiled) for _ in range(len(input_ids))]
            self.bitmask = self._xgr.allocate_token_bitmask(len(input_ids), self.grammar.vocab_size)
        if self.quotes is None and self.rationale_from is not None:
            self.quotes = torch.zeros(len(input_ids), dtype=torch.long)
        if generated > 0:
            last = input_ids[:, -1]
            self._accept(last.tolist())
            if self.quotes is not None:
                self.quotes += self.grammar.quotes[last.cpu()]
        live = [i for i, matcher in enumerate(self.matchers) if not matcher.is_terminated()]
        if not live:
            return scores
        self.grammar.batch_matcher.batch_fill_next_token_bitmask(
            [self.matchers[i] for i in live], self.bitmask, live
        )
        if generated >= self.closing_from:
            scores = scores + self.grammar.closing_bias.to(scores.device)
        elif self.rationale_from is not None and generated >= self.rationale_from:
            in_rationale = (self.quotes < _RATIONALE_END_QUOTES).to(scores.device)
            scores = scores + in_rationale[:, None] * self.grammar.closing_bias.to(scores.device)
        self._xgr.apply_token_bitmask_inplace(
            scores, self.bitmask.to(scores.device), vocab_size=self.grammar.vocab_size, indices=live
        )
        return scores

    def _accept(self, tokens: list[int]) -> None:
        for row, (matcher, token) in enumerate(zip(self.matchers, tokens, strict=True)):
            if not matcher.is_terminated() and not matcher.accept_token(token):
                raise RuntimeError(f"row {row}: token {token} was sampled against the grammar's mask")


class JsonObjectStop(StoppingCriteria):
    """Stops a row once its new text holds a complete JSON object, as the shared parser finds it.

    Without a grammar a model goes on after its answer (chatter, a second
    object) until EOS or the token cap; the parser keeps the first object only,
    so those tokens are waste. Rows stop independently; ``generate`` pads the
    stopped ones until the whole batch is done. Parsing runs only on steps that
    brought a ``}``, the only character that can complete an object. An object
    nested in one still open counts too: it is what the parser takes from the
    text as it stands.
    """

    def __init__(self, tokenizer: PreTrainedTokenizerBase, prompt_len: int, min_new_tokens: int = 0) -> None:
        self.tokenizer = tokenizer
        self.prompt_len = prompt_len
        self.min_new_tokens = min_new_tokens
        self.seen = prompt_len
        self.done: torch.Tensor | None = None
        self.unchecked: set[int] = set()  # rows that got a "}" since their last check

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs) -> torch.BoolTensor:
        if self.done is None:
            self.done = torch.zeros(len(input_ids), dtype=torch.bool)
        latest = self.tokenizer.batch_decode(input_ids[:, self.seen :], skip_special_tokens=True)
        self.seen = input_ids.shape[1]
        self.unchecked.update(row for row, text in enumerate(latest) if "}" in text and not self.done[row])
        if input_ids.shape[1] - self.prompt_len >= self.min_new_tokens:
            for row in self.unchecked:
                new_text = self.tokenizer.decode(input_ids[row, self.prompt_len :], skip_special_tokens=True)
                self.done[row] = first_json_object(new_text) is not None
            self.unchecked.clear()
        return self.done.to(input_ids.device)


def _special_token_ids(tokenizer: PreTrainedTokenizerBase) -> set[int]:
    """Ids of the special tokens, reserved ones included, which decoding drops from the text."""
    added = {i for i, token in tokenizer.added_tokens_decoder.items() if token.special}
    return added | set(tokenizer.all_special_ids)


def _context_length(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase) -> int:
    lengths = [getattr(model.config, "max_position_embeddings", None), tokenizer.model_max_length]
    known = [int(n) for n in lengths if n and n < 10**7]  # tokenizers say 1e30 when they do not know
    if not known:
        raise FinstepError(
            "transformers teacher: the model does not say its context length; set max_input_tokens"
        )
    return min(known)


class LoadedTransformersTeacher(TransformersOptions):
    """A local or Hub causal LM answering batches of chunks with ``model.generate``."""

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        options = self.options
        self.model_ref = str(options.get("model") or "")
        if not self.model_ref:
            raise FinstepError("transformers teacher needs model: a local folder or a Hub id with revision")
        ref_of(options, "transformers teacher")  # a Hub id without its pinned revision stops here
        self.max_new_tokens = int(options["max_new_tokens"])
        self.min_new_tokens = int(options["min_new_tokens"])
        self.constrained = bool(options["constrained"])
        self._check_lengths()
        self.device = resolve_device(str(options["device"]))
        self.dtype = resolve_dtype(str(options["dtype"]), self.device)
        self.tokenizer = self._load_tokenizer()
        self.model = self._load_model()
        self.stop_ids = stop_token_ids(self.model, self.tokenizer)
        self.max_input_tokens = int(
            options.get("max_input_tokens")
            or _context_length(self.model, self.tokenizer) - self.max_new_tokens
        )
        self.grammar = (
            AnswerGrammar.build(self.tokenizer, self.model.config.vocab_size, self.stop_ids)
            if self.constrained
            else None
        )
        self.generation_config = self._generation_config()
        self._revision: str | None = None
        log.info(
            "transformers teacher: %s on %s (%s), batch %d, constrained %s",
            self.model_ref,
            self.device,
            self.dtype,
            self.batch_size,
            self.constrained,
        )

    def _check_lengths(self) -> None:
        if self.constrained and self.min_new_tokens:
            raise FinstepError(
                "transformers teacher: min_new_tokens needs constrained: false (the grammar ends the answer)"
            )
        if self.constrained and self.options.get("no_repeat_ngram_size"):
            # transformers applies its own processors before the grammar's mask: a ban could leave a
            # row no token the grammar allows. repetition_penalty only rescales, so it is safe.
            raise FinstepError(
                "transformers teacher: no_repeat_ngram_size needs constrained: false (its bans can leave the "
                "grammar no token); use repetition_penalty with a grammar"
            )
        share = self.options.get("rationale_share")
        if share is not None and not (0 < float(share) < 1 and self.constrained):
            raise FinstepError(
                "transformers teacher: rationale_share is a share of the budget between 0 and 1, with constrained: true"
            )
        if float(self.options["repetition_penalty"]) < 1.0:
            raise FinstepError(
                "transformers teacher: repetition_penalty below 1 rewards repetition; use 1.0 or more"
            )
        if self.constrained and self.max_new_tokens < CLOSING_MARGIN:
            raise FinstepError(
                f"transformers teacher: max_new_tokens {self.max_new_tokens} is too few for a constrained "
                f"answer; use at least {CLOSING_MARGIN}"
            )

    def _load_tokenizer(self) -> PreTrainedTokenizerBase:
        # Left padding: every row's prompt ends where generation starts.
        tokenizer = load_tokenizer(self.options, padding_side="left")
        if not tokenizer.chat_template:
            raise FinstepError(
                f"transformers teacher: {self.model_ref} has no chat template; use a chat model"
            )
        return tokenizer

    def _load_model(self) -> PreTrainedModel:
        """Weights in the teacher's dtype, or 4-bit NF4 computing in it (fp16 on a T4, fp32 on a CPU)."""
        return load_causal_lm(self.options, self.device, self.dtype).eval()

    def _generation_config(self) -> GenerationConfig:
        """Decoding set by the options alone, not by defaults shipped with the model.

        Small models loop under greedy decoding; ``repetition_penalty`` (CTRL's
        penalty on every token already in the prompt or the answer, e.g. 1.2),
        ``no_repeat_ngram_size`` (unconstrained only) and sampling
        (``do_sample``, ``temperature``, ``top_p``) are passed through.
        """
        sampling = (
            {
                "do_sample": True,
                "temperature": float(self.options["temperature"]),
                "top_p": float(self.options["top_p"]),
            }
            if self.options.get("do_sample")
            else {"do_sample": False}
        )
        # Under the grammar, special tokens would be text to xgrammar but vanish on decoding.
        suppress = (
            sorted(_special_token_ids(self.tokenizer) - set(self.stop_ids)) if self.constrained else None
        )
        return GenerationConfig(
            max_new_tokens=self.max_new_tokens,
            min_new_tokens=self.min_new_tokens or None,
            repetition_penalty=float(self.options["repetition_penalty"]),
            no_repeat_ngram_size=int(self.options["no_repeat_ngram_size"]),
            eos_token_id=self.stop_ids,
            pad_token_id=self.tokenizer.pad_token_id,
            suppress_tokens=suppress,
            **sampling,
        )

    @property
    def revision(self) -> str | None:
        """The pinned revision, or for a local folder a digest of its weights (computed once)."""
        if self._revision is None:
            self._revision = revision(self.options)
        return self._revision

    def _render(self, request: TeacherRequest, text: str | None = None) -> str:
        return self.tokenizer.apply_chat_template(
            request.messages(text), add_generation_prompt=True, tokenize=False
        )

    def _n_tokens(self, prompt: str) -> int:
        return len(self.tokenizer(prompt, add_special_tokens=False)["input_ids"])

    def fit_prompt(self, request: TeacherRequest) -> tuple[str, bool]:
        """The rendered prompt, with the chunk cut (binary search on its length) to fit max_input_tokens."""
        prompt = self._render(request)
        if self._n_tokens(prompt) <= self.max_input_tokens:
            return prompt, False
        if self._n_tokens(self._render(request, "")) > self.max_input_tokens:
            raise FinstepError(
                f"transformers teacher: the prompt template alone exceeds max_input_tokens "
                f"({self.max_input_tokens}); raise it or shorten the template"
            )
        fits, too_long = 0, len(request.text)
        while too_long - fits > 1:
            middle = (fits + too_long) // 2
            if self._n_tokens(self._render(request, request.text[:middle])) <= self.max_input_tokens:
                fits = middle
            else:
                too_long = middle
        log.warning(
            "chunk %s: cut to %d of %d characters to fit the context", request.id, fits, len(request.text)
        )
        return self._render(request, request.text[:fits]), True

    def generate(self, requests: list[TeacherRequest], *, seed: int) -> list[Generation]:
        generations: list[Generation] = []
        for start in range(0, len(requests), self.batch_size):
            generations += self._generate_batch(requests[start : start + self.batch_size], seed)
        return generations

    def _generate_batch(self, requests: list[TeacherRequest], seed: int) -> list[Generation]:
        prompts, truncated = zip(*(self.fit_prompt(r) for r in requests), strict=True)
        batch = self.tokenizer(list(prompts), return_tensors="pt", padding=True, add_special_tokens=False)
        batch = batch.to(self.device)
        prompt_len = batch["input_ids"].shape[1]
        torch.manual_seed(seed)
        with torch.inference_mode():
            output = self.model.generate(
                **batch,
                generation_config=self.generation_config,
                logits_processor=self._logits_processors(prompt_len),
                stopping_criteria=self._stopping_criteria(prompt_len),
            )
        return [
            self._generation(row, cut)
            for row, cut in zip(output[:, prompt_len:].cpu(), truncated, strict=True)
        ]

    def _logits_processors(self, prompt_len: int) -> list[LogitsProcessor]:
        if self.grammar is None:
            return []
        closing_from = self.max_new_tokens - CLOSING_MARGIN
        share = self.options.get("rationale_share")
        rationale_from = int(float(share) * closing_from) if share else None
        return [GrammarLogitsProcessor(self.grammar, prompt_len, closing_from, rationale_from)]

    def _stopping_criteria(self, prompt_len: int) -> list[StoppingCriteria]:
        if self.grammar is not None:
            return []  # the grammar ends the answer with EOS
        return [JsonObjectStop(self.tokenizer, prompt_len, self.min_new_tokens)]

    def _generation(self, new_tokens: torch.Tensor, truncated: bool) -> Generation:
        """Decode the new tokens up to the first EOS or padding."""
        ends = {*self.stop_ids, self.tokenizer.pad_token_id}
        tokens = new_tokens.tolist()
        count = next((i for i, token in enumerate(tokens) if token in ends), len(tokens))
        text = self.tokenizer.decode(tokens[:count], skip_special_tokens=True)
        return Generation(text=text, output_tokens=count, truncated_input=truncated)

    def close(self) -> None:
        self.model = None
        self.grammar = None
        gc.collect()
        if self.device.type == "cuda":
            torch.cuda.empty_cache()
