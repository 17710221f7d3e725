"""A tiny Llama-architecture chat model built from the chunk corpus, with no download.

The offline demo and the tests need a real ``transformers`` model with a chat
template, a tokenizer and safetensors weights, but nothing can be fetched from
the Hub. This module trains a byte-level BPE tokenizer on the chunks (so any
text, JSON braces and figures round-trip) and puts it in front of a small,
``LlamaForCausalLM``, optionally pretrained for a few hundred steps on the same
chunks. Untrained, its answers are gibberish, which is all the teacher's code
paths need; pretrained, it writes filing-like prose, so that the demo's
base-versus-tuned comparison measures what fine-tuning taught it rather than
the difference between two kinds of noise.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from tqdm import tqdm
from transformers import (
    GenerationConfig,
    LlamaConfig,
    LlamaForCausalLM,
    PreTrainedTokenizerFast,
    get_cosine_schedule_with_warmup,
)

from .errors import FinstepError
from .io import atomic_dir, read_jsonl

log = logging.getLogger("finstep.tiny_model")

BOS, EOS, PAD, UNK = "<|startoftext|>", "<|im_end|>", "<|pad|>", "<|unk|>"
TURN_START = "<|im_start|>"
SPECIAL_TOKENS = [BOS, EOS, PAD, UNK, TURN_START]
# ChatML: each turn is "<|im_start|>role\ncontent<|im_end|>\n"; the assistant's turn ends
# with <|im_end|>, which is therefore the EOS token generation stops on.
CHAT_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)


def train_tokenizer(texts: Iterable[str], vocab_size: int = 2000) -> PreTrainedTokenizerFast:
    """A byte-level BPE tokenizer trained on ``texts``, with special tokens and a chat template.

    Byte-level, so every string (unicode, JSON punctuation, digits) encodes and
    decodes losslessly: a model may be asked to emit any JSON the schema allows.
    """
    backend = Tokenizer(models.BPE(unk_token=UNK))
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    backend.train_from_iterator(texts, trainer)
    return fast_tokenizer(backend)


def fast_tokenizer(backend: Tokenizer) -> PreTrainedTokenizerFast:
    """A ``tokenizers`` backend with the project's special tokens and chat template, as a transformers tokenizer."""
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        bos_token=BOS,
        eos_token=EOS,
        pad_token=PAD,
        unk_token=UNK,
        additional_special_tokens=[TURN_START],
        # The default cleanup rewrites " ." to "." on decode, which breaks the round trip.
        clean_up_tokenization_spaces=False,
    )
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def build_model(
    tokenizer: PreTrainedTokenizerFast,
    *,
    hidden_size: int = 64,
    layers: int = 2,
    heads: int = 4,
    kv_heads: int = 2,
    intermediate_size: int = 128,
    max_position_embeddings: int = 2048,
    seed: int = 0,
) -> LlamaForCausalLM:
    """A randomly initialised Llama for ``tokenizer``; the same seed gives the same weights."""
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        intermediate_size=intermediate_size,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=kv_heads,
        max_position_embeddings=max_position_embeddings,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    # A private RNG state: building a model must not reseed the caller's global generator.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config)
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    return model.eval()


def corpus_blocks(tokenizer: PreTrainedTokenizerFast, texts: list[str], block_size: int) -> torch.Tensor:
    """The texts' tokens, EOS after each, cut into whole blocks: a ``(blocks, block_size)`` tensor."""
    ids: list[int] = []
    for text in texts:
        ids += tokenizer(text, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
    blocks = len(ids) // block_size
    if blocks < 1:
        raise FinstepError(f"the chunk corpus has {len(ids)} tokens, fewer than one block of {block_size}")
    return torch.tensor(ids[: blocks * block_size]).view(blocks, block_size)


def pretrain(
    model: LlamaForCausalLM,
    tokenizer: PreTrainedTokenizerFast,
    texts: list[str],
    *,
    steps: int,
    block_size: int = 256,
    batch_size: int = 16,
    learning_rate: float = 3e-3,
    seed: int = 0,
) -> list[float]:
    """Causal-LM training of every weight on ``texts`` (EOS between them); returns the loss per step.

    Plain PyTorch rather than ``Trainer``: a few hundred steps of a model this
    small take seconds on a CPU, and the loop stays deterministic for a seed.
    """
    data = corpus_blocks(tokenizer, texts, block_size)
    blocks = len(data)
    generator = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    schedule = get_cosine_schedule_with_warmup(optimizer, max(1, steps // 10), steps)
    model.train()
    losses = []
    for step in tqdm(range(steps), desc="pretrain tiny model", unit="step"):
        batch = data[torch.randint(blocks, (min(batch_size, blocks),), generator=generator)]
        loss = model(input_ids=batch, labels=batch).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.item())
        if (step + 1) % 50 == 0 or step + 1 == steps:
            log.info("pretraining step %d/%d: loss %.3f", step + 1, steps, loss.item())
    return losses


def build_tiny_model(
    chunks_jsonl: str,
    out_dir: str,
    vocab_size: int = 2000,
    pretrain_steps: int = 0,
    pretrain_learning_rate: float = 3e-3,
    **sizes: int,
) -> None:
    """Train the tokenizer on the chunks' text, build the model and save both to ``out_dir``.

    ``sizes`` are :func:`build_model`'s keyword arguments. The folder is built
    beside ``out_dir`` and renamed into place, so an interrupted job never
    leaves a half-written model that Snakemake (a ``directory()`` output) or a
    teacher would take as complete.
    """
    texts = [row["text"] for row in read_jsonl(chunks_jsonl) if row.get("text", "").strip()]
    if not texts:
        raise FinstepError(f"{chunks_jsonl}: no chunk text to train the tiny model's tokenizer on")
    tokenizer = train_tokenizer(texts, vocab_size=vocab_size)
    model = build_model(tokenizer, **sizes)
    if pretrain_steps:
        with torch.random.fork_rng(devices=[]):
            pretrain(
                model,
                tokenizer,
                texts,
                steps=pretrain_steps,
                learning_rate=pretrain_learning_rate,
                seed=sizes.get("seed", 0),
                block_size=min(256, model.config.max_position_embeddings),
            )
        model.eval()
    with atomic_dir(out_dir) as tmp:  # safetensors' 0600 becomes the ordinary mode there
        model.save_pretrained(tmp)  # transformers 5 writes safetensors only
        tokenizer.save_pretrained(tmp)
