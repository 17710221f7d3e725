from finstep import pipeline
from finstep.benchmarks.build import build_rows
from finstep.models.hub import go_offline

options = snakemake.params.options
if options["source"].get("hub"):
    go_offline(snakemake.params.hub_cache)  # jobs read the snapshot fetch_models made; no network

pipeline.run(
    build_rows,
    snakemake.log[0],
    name=snakemake.wildcards.benchmark,
    options=options,
    out_rows=snakemake.output.rows,
    out_info=snakemake.output.info,
    out_train=snakemake.output.train,
    hub_cache=snakemake.params.hub_cache,
)
