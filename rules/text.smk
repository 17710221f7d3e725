rule extract_text:
    input:
        doc=filing_document,
        meta="results/filings/{ticker}/{accession}.json",
    output:
        "results/text/{ticker}/{accession}.json",
    log:
        "logs/extract_text/{ticker}/{accession}.log",
    # Fails only on its input (a document with no readable text): a retry would repeat the error.
    retries: 0
    resources:
        mem_mb=2000,
        runtime=10,
    conda:
        "../envs/data.yaml"
    script:
        "../scripts/extract_text.py"
