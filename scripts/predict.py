from pathlib import Path

from finstep import pipeline
from finstep.training.predict import predict

adapter = snakemake.input.get("adapter")  # absent for the base model

pipeline.run(
    predict,
    snakemake.log[0],
    student=snakemake.params.student,
    adapter_dir=str(Path(adapter).parent) if adapter else None,
    test_path=snakemake.input.test,
    out=snakemake.output[0],
    max_new_tokens=snakemake.params.max_new_tokens,
)
