# Filings from the configured source. Listing and fetching are local rules:
# on a cluster they run on the login node, which has the internet.


localrules:
    filing_index,
    fetch_filing,
    record_filing,


checkpoint filing_index:
    output:
        "results/edgar/{ticker}/filings.json",
    log:
        "logs/filing_index/{ticker}.log",
    params:
        source=listing_options(config["source"]),
    # HTTP retries happen inside the download code; rerunning a job SEC blocked extends the block.
    retries: 0
    conda:
        "../envs/data.yaml"
    script:
        "../scripts/list_filings.py"


rule fetch_filing:
    input:
        fetch_input,
    output:
        "results/filings/{ticker}/{accession}.{ext}",
    log:
        "logs/fetch_filing/{ticker}/{accession}.{ext}.log",
    params:
        ref=lambda wildcards: filing_ref(wildcards).as_dict(),
        source=fetch_options(config["source"]),
    # HTTP retries happen inside the download code; rerunning a job SEC blocked extends the block.
    retries: 0
    conda:
        "../envs/data.yaml"
    script:
        "../scripts/fetch_filing.py"


rule record_filing:
    input:
        filing_document,
    output:
        "results/filings/{ticker}/{accession}.json",
    log:
        "logs/record_filing/{ticker}/{accession}.log",
    params:
        ref=lambda wildcards: filing_ref(wildcards).as_dict(),
    conda:
        "../envs/data.yaml"
    script:
        "../scripts/record_filing.py"
