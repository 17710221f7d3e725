import sys

from snakemake.utils import min_version, validate

sys.path.insert(0, f"{workflow.basedir}/scripts")
from finstep.config_keys import check_config_keys
from finstep.pipeline import own_code_first

# Jobs import this checkout's finstep too, not another one installed (pipeline.own_code_first).
own_code_first(f"{workflow.basedir}/scripts")

min_version("9.20")


configfile: "config/config.yaml"


check_config_keys(config, "config/schema.yaml")
validate(config, "config/schema.yaml")


report: "report/workflow.rst"


include: "rules/common.smk"
include: "rules/filings.smk"
include: "rules/text.smk"
include: "rules/chunks.smk"
include: "rules/models.smk"
include: "rules/teacher.smk"
include: "rules/datasets.smk"
include: "rules/students.smk"
include: "rules/dpo.smk"
include: "rules/evaluation.smk"
include: "rules/figures.smk"
include: "rules/benchmarks.smk"
include: "rules/teacher_comparison.smk"


onerror:
    # Snakemake's last words on a failure or on SIGTERM are "At least one job did not complete
    # successfully", which reads as lost work; say what is kept and how to go on.
    print(
        "The run stopped before finishing: a job failed (its error is above) or the run was "
        "interrupted. Finished outputs are kept; run the same command again to resume (after "
        "`kill -9` or a lost session, run it once with --unlock first).",
        file=sys.stderr,
    )


rule all:
    default_target: True
    input:
        all_targets(),
        rules.figures.output,
