"""Sharding, retries, resume and gathering of the teacher runner, with a scripted teacher."""

import json

import pytest
from conftest import ROOT
from finstep.errors import FinstepError
from finstep.io import read_jsonl, write_jsonl
from finstep.teacher import runner
from finstep.teacher.plugins import TEACHERS, Generation, Teacher

PROMPT = str(ROOT / "config" / "prompts" / "teacher-v1.yaml")


def answer(text: str) -> str:
    return json.dumps(
        {
            "rationale": f"1. The excerpt says: {text[:60]}\n2. Nothing else stands out.",
            "summary": f"In short, the excerpt reports this: {text[:80]} Management expects the trend to go on.",
        }
    )


class Scripted(Teacher):
    """Answers from a function of (request, seed); counts what it was asked."""

    name = "scripted"

    def __init__(self, options, reply=lambda request, seed: answer(request.text), crash_after=None):
        super().__init__({"batch_size": 4, **options})
        self.reply, self.crash_after, self.asked, self.calls = reply, crash_after, [], 0

    def generate(self, requests, *, seed):
        if self.crash_after is not None and self.calls >= self.crash_after:
            raise KeyboardInterrupt("killed")
        self.calls += 1
        self.asked += [r.id for r in requests]
        return [Generation(text=self.reply(r, seed), output_tokens=10) for r in requests]


@pytest.fixture(autouse=True)
def scripted_plugin(monkeypatch):
    """The runner reads the plugin's declarations (its transport options) by name."""
    monkeypatch.setitem(TEACHERS.builtin, "scripted", f"{__name__}:Scripted")


@pytest.fixture
def corpus(tmp_path):
    rows = [
        {
            "id": f"c{i:03d}",
            "ticker": "ACME",
            "accession": "a1",
            "section": "7",
            "text": f"Revenue grew {i}% in chunk {i}.",
        }
        for i in range(23)
    ]
    path = tmp_path / "all.jsonl"
    write_jsonl(path, rows)
    return path


def options(**extra):
    return {"plugin": "scripted", "prompt": PROMPT, "batch_size": 4, "attempts": 3, "seed": 0, **extra}


def run(monkeypatch, tmp_path, corpus, teacher, shards=1, name="t"):
    monkeypatch.setattr(runner, "build_teacher", lambda opts: teacher)
    outs = []
    for shard in range(shards):
        out = tmp_path / name / "shards" / f"{shard}.jsonl"
        runner.run_shard(str(corpus), shard, shards, name, options(), str(out))
        outs.append(str(out))
    files = {k: tmp_path / name / f"{k}" for k in ("triplets.jsonl", "rejects.jsonl", "stats.json")}
    runner.gather(
        str(corpus), outs, *(str(files[k]) for k in ("triplets.jsonl", "rejects.jsonl", "stats.json"))
    )
    return files


def test_max_chunks_spreads_the_trial_over_every_filing(tmp_path):
    # Four filings of 10 chunks each in corpus order: the first 8 chunks would all be the first
    # filing's; 8 spread chunks take 2 from each, and the same N gives every teacher the same chunks.
    rows = [{"id": f"{f}-{i}", "accession": f} for f in "ABCD" for i in range(10)]
    path = tmp_path / "all.jsonl"
    write_jsonl(path, rows)
    picked = runner.corpus(str(path), 8)
    assert [r["id"] for r in picked] == ["A-2", "A-7", "B-2", "B-7", "C-2", "C-7", "D-2", "D-7"]
    assert runner.corpus(str(path), 8) == picked
    assert len(runner.corpus(str(path), 40)) == len(runner.corpus(str(path), 99)) == 40
    assert runner.corpus(str(path), None) == rows


def test_shards_are_stable_and_cover_the_corpus():
    ids = [f"id{i}" for i in range(1000)]
    shards = [runner.shard_of(i, 4) for i in ids]
    assert shards == [runner.shard_of(i, 4) for i in ids]
    assert set(shards) == {0, 1, 2, 3} and min(shards.count(s) for s in range(4)) > 200


def test_valid_answers_become_triplets_with_provenance(monkeypatch, tmp_path, corpus):
    files = run(monkeypatch, tmp_path, corpus, Scripted({"revision": "abc123"}))
    triplets = list(read_jsonl(files["triplets.jsonl"]))
    assert [t["id"] for t in triplets] == [c["id"] for c in read_jsonl(corpus)]
    first = triplets[0]
    assert set(first) >= {"id", "ticker", "accession", "section", "text", "rationale", "summary"}
    assert (first["teacher"], first["revision"], first["prompt_version"]) == ("t", "abc123", "teacher-v1")
    stats = json.loads(files["stats.json"].read_text())
    assert stats["chunks_in"] == stats["valid"] == 23 and stats["valid_rate"] == 1.0
    assert stats["output_tokens"] == 230 and stats["rejected_by_reason"] == {}
    assert not list((tmp_path / "t" / "shards").glob(".*"))  # progress files are gone


def test_invalid_answers_are_retried_with_a_new_seed_then_rejected(monkeypatch, tmp_path, corpus):
    def reply(request, seed):
        n = int(request.id[1:])
        if n % 5 == 0:
            return "Here is the JSON you requested: {not json"  # never valid
        if n % 2 == 0 and seed == 0:
            return "Sure! " + json.dumps(
                {"rationale": "no steps here at all, sorry about that", "summary": "x" * 30}
            )
        return answer(request.text)

    files = run(monkeypatch, tmp_path, corpus, Scripted({}, reply=reply))
    stats = json.loads(files["stats.json"].read_text())
    rejects = list(read_jsonl(files["rejects.jsonl"]))
    assert [r["id"] for r in rejects] == ["c000", "c005", "c010", "c015", "c020"]
    assert stats["rejected_by_reason"] == {"no_json": 5}
    assert rejects[0]["raw"].startswith("Here is the JSON") and rejects[0]["text"].startswith("Revenue")
    assert (
        stats["retried"] == 9 + 5
    )  # even ids (not multiples of 5) fixed by the second seed, plus the rejects
    assert stats["valid"] == 18


def test_sharded_and_unsharded_runs_give_the_same_files(monkeypatch, tmp_path, corpus):
    one = run(monkeypatch, tmp_path, corpus, Scripted({}), shards=1, name="t")
    three = run(monkeypatch, tmp_path, corpus, Scripted({}), shards=3, name="t")  # same name: same records
    assert one["triplets.jsonl"].read_bytes() and len(list((tmp_path / "t" / "shards").glob("*.jsonl"))) == 3
    unsharded = tmp_path / "unsharded.jsonl"
    unsharded.write_bytes(one["triplets.jsonl"].read_bytes())
    assert three["triplets.jsonl"].read_bytes() == unsharded.read_bytes()


def test_a_killed_shard_resumes_without_redoing_finished_chunks(monkeypatch, tmp_path, corpus):
    out = tmp_path / "shards" / "0.jsonl"
    crashing = Scripted({}, crash_after=2)
    monkeypatch.setattr(runner, "build_teacher", lambda opts: crashing)
    with pytest.raises(KeyboardInterrupt):
        runner.run_shard(str(corpus), 0, 1, "t", options(), str(out))
    progress = out.with_name(".0.jsonl.progress")
    assert not out.exists() and len(progress.read_text().splitlines()) == 8
    with open(progress, "a") as handle:
        handle.write('{"id": "c008", "status": "va')  # a line cut by the crash
    resumed = Scripted({})
    monkeypatch.setattr(runner, "build_teacher", lambda opts: resumed)
    runner.run_shard(str(corpus), 0, 1, "t", options(), str(out))
    assert resumed.asked == [f"c{i:03d}" for i in range(8, 23)]
    assert [r["id"] for r in read_jsonl(out)] == [f"c{i:03d}" for i in range(23)]
    assert not progress.exists()


def test_a_shard_resumed_under_other_options_starts_over(monkeypatch, tmp_path, corpus, caplog):
    out = tmp_path / "shards" / "0.jsonl"
    monkeypatch.setattr(runner, "build_teacher", lambda opts: Scripted({}, crash_after=2))
    with pytest.raises(KeyboardInterrupt):
        runner.run_shard(str(corpus), 0, 1, "t", options(lead_sentences=1), str(out))
    resumed = Scripted({})
    monkeypatch.setattr(runner, "build_teacher", lambda opts: resumed)
    # A trial-size change keeps what was done; a change to how answers are made does not.
    with caplog.at_level("WARNING", logger="finstep.teacher"):
        runner.run_shard(str(corpus), 0, 1, "t", options(lead_sentences=3, max_chunks=None), str(out))
    assert "lead_sentences changed since the interrupted run; its 8 answers are discarded" in caplog.text
    assert resumed.asked == [f"c{i:03d}" for i in range(23)]
    assert not out.with_name(".0.jsonl.key.json").exists()


def test_backend_errors_are_rejects_with_their_reason(monkeypatch, tmp_path, corpus):
    class Failing(Scripted):
        def generate(self, requests, *, seed):
            return [Generation(text="", error="BadRequestError: context too long") for _ in requests]

    files = run(monkeypatch, tmp_path, corpus, Failing({}))
    assert json.loads(files["stats.json"].read_text())["rejected_by_reason"] == {"backend": 23}


def test_valid_rate_floor_stops_the_workflow(tmp_path):
    stats = tmp_path / "stats.json"
    stats.write_text(
        json.dumps(
            {
                "chunks_in": 10,
                "valid": 3,
                "rejected": 7,
                "valid_rate": 0.3,
                "rejected_by_reason": {"schema": 7},
                "retried": 7,
                "truncated": 0,
                "output_tokens": 100,
                "output_tokens_per_second": 50.0,
            }
        )
    )
    with pytest.raises(FinstepError, match=r"only 30% of 10 chunks got a valid answer \(floor 50%"):
        runner.check(str(stats), "t", 0.5, str(tmp_path / "summary.md"))
    assert not (tmp_path / "summary.md").exists()
    runner.check(str(stats), "t", 0.2, str(tmp_path / "summary.md"))
    assert "| valid answers | 3 (30.0%) |" in (tmp_path / "summary.md").read_text()


def test_empty_corpus_and_bad_shard_are_errors(tmp_path, corpus):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(FinstepError, match="holds no chunks"):
        runner.shard_chunks(str(empty), 0, 1)
    with pytest.raises(FinstepError, match="shard 3 does not exist"):
        runner.shard_chunks(str(corpus), 3, 2)


OPENAI = {
    "plugin": "openai",
    "prompt": PROMPT,
    "base_url": "http://a/v1",
    "model": "gpt-4o-mini",
    "timeout": 120,
}
TRANSPORT = {
    "base_url": "http://b/v1",
    "timeout": 600,
    "retries": 9,
    "concurrency": 1,
    "deadline": 60,
    "batch_size": 2,
}


def test_transport_options_are_not_part_of_the_answer_key(tmp_path):
    # Raising a timeout must keep an interrupted shard's paid-for answers; a new temperature must not.
    progress, key_path = tmp_path / ".0.jsonl.progress", tmp_path / ".0.jsonl.key.json"
    key_path.write_text(json.dumps(runner.answer_key(OPENAI)))
    progress.write_text('{"id": "c000"}\n')
    runner._resume_or_restart(progress, key_path, runner.answer_key({**OPENAI, **TRANSPORT}), "t", 0)
    assert progress.exists()
    runner._resume_or_restart(progress, key_path, runner.answer_key({**OPENAI, "temperature": 0.5}), "t", 0)
    assert not progress.exists()


def test_transport_options_reach_the_job_outside_the_rule_s_params():
    from finstep.teacher.config import job_options, shard_options

    teacher = {**OPENAI, **TRANSPORT, "min_valid_rate": 0.9}
    params = shard_options(teacher)
    assert not set(TRANSPORT) & set(params) and params["model"] == "gpt-4o-mini"
    assert job_options(params, {"oa": teacher, "other": OPENAI}, "oa") == {**OPENAI, **TRANSPORT}
    # A plugin without transport options keeps every option but the job's own in its params.
    extractive = {"plugin": "extractive", "prompt": PROMPT, "batch_size": 2, "runtime": 5}
    assert shard_options(extractive) == job_options(shard_options(extractive), {"e": extractive}, "e")
    assert shard_options(extractive)["batch_size"] == 2


def test_only_a_teacher_that_loads_its_model_is_checked_against_the_hub_cache():
    from finstep.teacher.config import hub_model

    hosted = {**OPENAI, "model": "meta-llama/Meta-Llama-3-8B-Instruct", "revision": "abc"}
    assert hub_model(OPENAI) == hub_model(hosted) == ("", None)  # a name the server knows
    loaded = {"plugin": "transformers", "model": "org/name", "revision": "0123abc"}
    assert hub_model(loaded) == ("org/name", "0123abc")
    assert hub_model({"plugin": "extractive"}) == ("", None)
