"""Teachers compared by the students they make (issue 25, point 4).

A teacher is judged twice: by its own answers (valid share, quality-check failures,
unsupported numbers, length) and by what a student trained on them learns. The second is
what a distillation study is after, and it needs care: a student scored against its own
teacher's references is favoured on that teacher's style. So each student is scored against
every teacher's references on one common test set (a matrix whose diagonal is the favoured
cell), and on measures that use no reference at all.
"""
