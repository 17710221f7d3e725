"""Standard financial benchmarks (FPB, FiQA-SA, TFNS, NWGI, FinQA, TAT-QA) scored the published way.

A benchmark is a short declarative description (``resources/benchmarks/*.yaml``, or an
entry of the config's ``benchmarks:``): where its rows come from, how its labels map to
the task's, its prompt. Code exists only per source format (``formats``, ``hub_data``) and
per task type (``tasks``): the same rows then feed every student, its base model and each
of its adapters, under the generation and the log-likelihood protocols.
"""
