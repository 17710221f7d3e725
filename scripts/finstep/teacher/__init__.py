"""The teacher stage: prose chunks → validated ``{rationale, summary}`` answers.

Plugins (``plugins/``) turn prompts into raw text; one parser (``parser``)
turns raw text into a validated :class:`~finstep.teacher.schema.TeacherAnswer`
for every plugin; the runner (``runner``) shards, retries, resumes and
gathers.
"""
