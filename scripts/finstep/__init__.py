"""finstep: the importable logic behind the workflow's rules.

Every Snakemake ``script:`` runs with ``scripts/`` first on ``PYTHONPATH``
(``pipeline.own_code_first``), so per-rule conda environments can import this
package without installing the project, and no other installed copy runs instead.
"""

__version__ = "0.1.0"
