from finstep import pipeline
from finstep.teacher_comparison.run import run_comparison

comparison = snakemake.params.comparison
datasets = comparison["datasets"]
teachers = [comparison["teachers"][d] for d in datasets]
pipeline.run(
    run_comparison,
    snakemake.log[0],
    comparison=comparison,
    teacher_files={
        t: {"stats": s, "triplets": p}
        for t, s, p in zip(teachers, snakemake.input.stats, snakemake.input.triplets, strict=True)
    },
    tests=dict(zip(datasets, snakemake.input.tests, strict=True)),
    predictions={"base": snakemake.input.base, **dict(zip(datasets, snakemake.input.tuned, strict=True))},
    bootstrap=snakemake.params.bootstrap,
    benchmark_files=list(snakemake.input.benchmarks),
    outputs=dict(snakemake.output.items()),
)
