import os
from pathlib import Path

from finstep import pipeline
from finstep.benchmarks.build import build_rows

options = snakemake.params.options
if options["source"].get("hub"):
    # As finstep.models.hub.go_offline (not imported: it reaches the model loaders' torch):
    # read the snapshot fetch_models made, never the network.
    os.environ["HF_HUB_CACHE"] = str(Path(snakemake.params.hub_cache).resolve())
    os.environ["HF_HUB_OFFLINE"] = "1"

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
