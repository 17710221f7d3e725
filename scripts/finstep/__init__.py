"""finstep: the importable logic behind the workflow's rules.

Every Snakemake ``script:`` runs with ``scripts/`` on ``sys.path``, so per-rule
conda environments can import this package without installing the project.
"""

__version__ = "0.1.0"
