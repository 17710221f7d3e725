from finstep import pipeline
from finstep.training.predict import predict

pipeline.run(
    predict,
    snakemake.log[0],
    student=snakemake.params.student,
    adapter_dir=snakemake.input.get("adapter"),  # absent for the base model
    test_path=snakemake.input.test,
    out=snakemake.output[0],
    max_new_tokens=snakemake.params.max_new_tokens,
)
