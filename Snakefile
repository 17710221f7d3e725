from snakemake.utils import min_version, validate

min_version("9.20")


configfile: "config/config.yaml"


validate(config, "config/schema.yaml")


include: "rules/common.smk"
include: "rules/filings.smk"
include: "rules/text.smk"
include: "rules/chunks.smk"
include: "rules/teacher.smk"
include: "rules/datasets.smk"
include: "rules/students.smk"


rule all:
    default_target: True
    input:
        all_targets(),
