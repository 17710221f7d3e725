"""Architecture-faithful models with random weights, and tokenizers of their vocabulary sizes.

No weights can be downloaded on the device machine, and speed and memory depend
on a model's shapes, not on its weight values: a model with the published
config's layers, widths, heads and vocabulary costs what the real one costs.
Each model is saved as a safetensors folder beside a byte-level BPE tokenizer of
exactly its vocabulary size, so the project's loaders read it as they read a
downloaded one.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from finstep.tiny_model import fast_tokenizer, train_tokenizer
from tokenizers import Tokenizer
from transformers import (
    AutoModelForCausalLM,
    GenerationConfig,
    LlamaConfig,
    MistralConfig,
    PreTrainedTokenizerFast,
)

# The published configs' shapes (their config.json on the Hub).
SHAPES = {
    "tinyllama-1.1b": {
        "config": LlamaConfig,
        "hidden_size": 2048,
        "intermediate_size": 5632,
        "num_hidden_layers": 22,
        "num_attention_heads": 32,
        "num_key_value_heads": 4,
        "vocab_size": 32000,
        "max_position_embeddings": 2048,
        "rope_theta": 10000.0,
    },
    "mistral-7b-v0.1": {
        "config": MistralConfig,
        "hidden_size": 4096,
        "intermediate_size": 14336,
        "num_hidden_layers": 32,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "vocab_size": 32000,
        "max_position_embeddings": 32768,
        "sliding_window": 4096,
        "rope_theta": 10000.0,
    },
    "llama-3-8b": {
        "config": LlamaConfig,
        "hidden_size": 4096,
        "intermediate_size": 14336,
        "num_hidden_layers": 32,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "vocab_size": 128256,
        "max_position_embeddings": 8192,
        "rope_theta": 500000.0,
    },
}
# --smoke: the same architectures and vocabularies, two thin layers: the whole run in minutes on a CPU.
SMOKE = {
    "hidden_size": 64,
    "intermediate_size": 128,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
}


def shape(name: str, smoke: bool) -> dict:
    return {**SHAPES[name], **(SMOKE if smoke else {})}


def sized_tokenizer(texts: list[str], vocab_size: int) -> PreTrainedTokenizerFast:
    """A byte-level BPE of exactly ``vocab_size`` tokens: trained on ``texts``, then merges appended.

    A small corpus yields far fewer merges than 32,000 or 128,256; each appended
    merge joins two tokens already in the vocabulary into a new one, so the
    tokenizer stays a valid BPE and the embedding and LM head have the real size.
    """
    trained = train_tokenizer(texts, vocab_size=vocab_size)
    spec = json.loads(trained.backend_tokenizer.to_str())
    vocab: dict[str, int] = spec["model"]["vocab"]
    merges: list = spec["model"]["merges"]
    specials = {token["content"] for token in spec["added_tokens"]}
    pieces = [token for token, _ in sorted(vocab.items(), key=lambda item: item[1]) if token not in specials]
    pair_as_list = not merges or isinstance(merges[0], list)
    for left in pieces:
        if len(vocab) >= vocab_size:
            break
        for right in pieces:
            if len(vocab) >= vocab_size:
                break
            if left + right not in vocab:
                vocab[left + right] = len(vocab)
                merges.append([left, right] if pair_as_list else f"{left} {right}")
    tokenizer = fast_tokenizer(Tokenizer.from_str(json.dumps(spec)))
    if len(tokenizer) != vocab_size:
        raise RuntimeError(f"tokenizer has {len(tokenizer)} tokens, not {vocab_size}")
    return tokenizer


def build_model(name: str, folder: Path, texts: list[str], smoke: bool, device: torch.device) -> dict:
    """Save the random-weight model ``name`` with its tokenizer to ``folder``; returns its shape and size.

    Built on ``device`` in the type it would be shipped in (bf16 on a GPU): an 8B
    model initialises in seconds there and never holds an fp32 copy.
    """
    sizes = shape(name, smoke)
    tokenizer = sized_tokenizer(texts, sizes["vocab_size"])
    config = sizes["config"](
        **{key: value for key, value in sizes.items() if key != "config"},
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=False,
    )
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    with torch.random.fork_rng(devices=[]), torch.device(device):
        torch.manual_seed(0)
        model = AutoModelForCausalLM.from_config(config, dtype=dtype)
    model.generation_config = GenerationConfig(
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    parameters = sum(p.numel() for p in model.parameters())
    architecture = model.config.architectures or [type(model).__name__]
    del model
    if device.type == "cuda":
        torch.cuda.empty_cache()
    return {
        "architecture": architecture[0],
        **{key: value for key, value in sizes.items() if key != "config"},
        "parameters": parameters,
        "saved_dtype": str(dtype).removeprefix("torch."),
        "tokenizer_tokens": len(tokenizer),
    }
