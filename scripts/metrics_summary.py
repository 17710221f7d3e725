from finstep import pipeline
from finstep.evaluation.score import write_summary

pipeline.run(write_summary, snakemake.log[0], paths=list(snakemake.input), out=snakemake.output[0])
