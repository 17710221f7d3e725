"""The student stage: QLoRA adapters trained on the datasets, and their predictions on the test split.

``train.train_adapter`` and ``predict.predict`` are what the rule scripts call,
and after SFT ``preferences.build_preferences`` and ``dpo.train_dpo`` (preference
tuning); the modules beside them hold one concern each (config checks, precision,
model loading, data and truncation, the multitask loss, the training log, the
model card). Nothing is imported here, so the workflow can check its config without
loading torch.
"""
