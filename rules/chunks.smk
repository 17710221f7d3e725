rule chunk_filing:
    input:
        text="results/text/{ticker}/{accession}.json",
        meta="results/filings/{ticker}/{accession}.json",
    output:
        "results/chunks/{ticker}/{accession}.jsonl",
    log:
        "logs/chunk_filing/{ticker}/{accession}.log",
    params:
        chunking=config["chunking"],
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../envs/data.yaml"
    script:
        "../scripts/chunk_filing.py"


rule gather_chunks:
    input:
        chunks=chunk_files,
        indexes=filing_indexes(),
    output:
        "results/chunks/all.jsonl",
    log:
        "logs/gather_chunks.log",
    params:
        chunking=config["chunking"],
    resources:
        mem_mb=4000,
        runtime=60,
    conda:
        "../envs/data.yaml"
    script:
        "../scripts/gather_chunks.py"


rule chunks:
    input:
        rules.gather_chunks.output,
