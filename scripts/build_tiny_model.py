from finstep import pipeline
from finstep.tiny_model import build_tiny_model

pipeline.run(
    build_tiny_model,
    snakemake.log[0],
    chunks_jsonl=snakemake.input.chunks,
    out_dir=snakemake.output[0],
    **snakemake.params.tiny_model,
)
