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


@pytest.mark.parametrize(
    "training,message",
    [
        ({"max_steps": 0}, r"pairs\[2\] \(s on d\)\.training\.max_steps: 0 is less than the minimum of 1"),
        ({"learning_rate": -1}, r"pairs\[2\] \(s on d\)\.training\.learning_rate: -1 is less than or equal"),
        ({"batch_size": 0}, r"pairs\[2\] \(s on d\)\.training\.batch_size: 0 is less than the minimum of 1"),
        ({"epochs": "many"}, r"training\.epochs: 'many' is not of type 'number'"),
        ({"max_step": 40}, r"pairs\[2\] \(s on d\)\.training: training option 'max_step' is unknown; did you mean 'max_steps'\?"),
        ([40], r"pairs\[2\] \(s on d\)\.training must be a mapping"),
    ],
)  # fmt: skip
def test_a_pairs_training_settings_are_checked_by_the_training_schema_naming_the_pair(training, message):
    from finstep.training.config import pair_training

    pairs = [
        {"student": "s", "dataset": "ok", "training": {"max_steps": 40}},
        {"student": "s", "dataset": "d"},
    ]
    pairs[1]["training"] = training
    with pytest.raises(FinstepError, match=message):
        pair_training(pairs, {"max_steps": 12})
    pairs[1]["training"] = {"max_steps": None, "alpha": 0.2}  # null is a value of its own, not "unset"
    assert pair_training(pairs, {"max_steps": 12})[("s", "d")] == {"max_steps": None, "alpha": 0.2}


def test_a_pair_listed_twice_is_refused_by_name():
    students, datasets = {"tiny": {}}, {"d": {}, "e": {}}
    pairs = [
        {"student": "tiny", "dataset": "d"},
        {"student": "tiny", "dataset": "e"},
        {"student": "tiny", "dataset": "d", "training": {"max_steps": 40}},
    ]
    with pytest.raises(
        FinstepError, match=r"pairs\[3\]: student 'tiny' on dataset 'd' is listed already \(pairs\[1\]\)"
    ):
        training_pairs(pairs, students, datasets)
