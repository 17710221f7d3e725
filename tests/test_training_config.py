"""Student and pair checks that run before any training starts."""

import pytest
from finstep.errors import FinstepError
from finstep.training.config import student_configs, training_pairs


def test_students_need_a_local_folder_or_a_pinned_hub_id(tmp_path):
    ok = student_configs(
        {
            "tiny": {"model": "results/models/tiny-llama"},
            "local": {"model": str(tmp_path)},
            "hub": {"model": "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "revision": "abc123"},
        }
    )
    assert ok["tiny"]["gpu"] == 1 and ok["hub"]["revision"] == "abc123"


@pytest.mark.parametrize(
    "students,message",
    [
        ({"s": {"model": "not a model"}}, "is not a local folder, a Hub id"),
        ({"s": {"model": "org/name/extra"}}, "is not a local folder, a Hub id"),
        ({"s": {"model": "org/name"}}, "needs revision: a commit hash"),
        ({"s": {}}, "students.s.model is required"),
        ({"../s": {"model": "results/x"}}, "not a safe folder name"),
    ],
)
def test_bad_students(students, message):
    with pytest.raises(FinstepError, match=message):
        student_configs(students)


def test_pairs_must_name_known_students_and_datasets():
    students, datasets = {"tiny": {}}, {"d": {}}
    assert training_pairs([{"student": "tiny", "dataset": "d"}], students, datasets) == [("tiny", "d")]
    with pytest.raises(FinstepError, match=r"pairs\[1\]: dataset 'nope' is not under datasets"):
        training_pairs([{"student": "tiny", "dataset": "nope"}], students, datasets)
    with pytest.raises(FinstepError, match=r"pairs\[2\]: student 'x' is not under students"):
        training_pairs(
            [{"student": "tiny", "dataset": "d"}, {"student": "x", "dataset": "d"}], students, datasets
        )


def test_a_pair_may_change_the_training_settings_for_itself():
    from finstep.training.config import pair_training

    pairs = [
        {"student": "s", "dataset": "short_rows", "training": {"max_steps": 40}},
        {"student": "s", "dataset": "long_rows"},
    ]
    settings = pair_training(pairs, {"max_steps": 12, "learning_rate": 3e-4})
    assert settings[("s", "short_rows")] == {"max_steps": 40, "learning_rate": 3e-4}
    assert settings[("s", "long_rows")] == {"max_steps": 12, "learning_rate": 3e-4}
