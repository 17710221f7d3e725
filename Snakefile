from snakemake.utils import min_version, validate

min_version("9.20")


configfile: "config/config.yaml"


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
include: "rules/evaluation.smk"
include: "rules/figures.smk"


rule all:
    default_target: True
    input:
        all_targets(),
        rules.figures.output,
