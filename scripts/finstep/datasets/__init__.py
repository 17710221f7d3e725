"""Training data for the students: distillation sets from teacher triplets and instruction sets.

Every dataset is written as ``train/val/test.jsonl`` rows of
``{"id", "prompt", "completion", "task", ...}``: plain strings, so that the
training stage can apply each student's own chat template (or none, for a
base model) to the same files.
"""
