import json

import pytest
from conftest import PROSE, html_doc
from finstep import chunking, ingest, pipeline
from finstep.errors import FinstepError
from finstep.io import atomic_open, read_jsonl, write_json, write_jsonl


def test_atomic_write_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out" / "x.json"
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half")
        raise RuntimeError("crash")
    assert not target.exists() and list((tmp_path / "out").iterdir()) == []
    write_json(target, {"a": 1})
    assert json.loads(target.read_text()) == {"a": 1}
    assert [p.name for p in target.parent.iterdir()] == ["x.json"]


def test_jsonl_round_trip(tmp_path):
    rows = [{"id": i, "text": f"é {i}"} for i in range(3)]
    assert write_jsonl(tmp_path / "r.jsonl", rows) == 3
    assert list(read_jsonl(tmp_path / "r.jsonl")) == rows


def test_run_turns_bad_input_into_a_one_line_exit_and_logs_it(tmp_path):
    log = tmp_path / "step.log"

    def step():
        raise FinstepError("ticker 'X': no folder; add it")

    with pytest.raises(SystemExit, match=r"^error: ticker 'X': no folder; add it$"):
        pipeline.run(step, str(log))
    assert "ticker 'X': no folder" in log.read_text()


def test_rule_steps_on_one_local_filing(tmp_path):
    src = tmp_path / "src" / "ACME"
    src.mkdir(parents=True)
    sections = "".join(
        f"<p>Item {i}. Title {t}</p>" + f"<p>{PROSE}</p>" * 12 for i, t in [(1, "A"), (2, "B"), (7, "C")]
    )
    (src / "0000000001-24-000001.htm").write_bytes(html_doc(sections))
    options = {"plugin": "local", "path": str(tmp_path / "src")}
    ref = ingest.build_source(options).list_filings("ACME")[0].as_dict()
    doc, meta = tmp_path / "r" / "f.htm", tmp_path / "r" / "f.json"
    ingest.fetch_filing(options, ref, str(doc))
    ingest.record_filing(ref, str(doc), str(meta))
    ingest.extract_filing(str(doc), str(meta), str(tmp_path / "r" / "t.json"))
    text = json.loads((tmp_path / "r" / "t.json").read_text())
    assert text["segmentation"] == "items" and [s["item"] for s in text["sections"]] == ["1", "2", "7"]
    chunking.chunk_one(str(tmp_path / "r" / "t.json"), str(meta), str(tmp_path / "r" / "c.jsonl"), {})
    chunking.gather_chunks([str(tmp_path / "r" / "c.jsonl")] * 2, str(tmp_path / "r" / "all.jsonl"), {})
    chunks = list(read_jsonl(tmp_path / "r" / "c.jsonl"))
    # Identical paragraphs repeat across Items: only the first copy survives.
    assert len(chunks) >= 1 and {c["section"] for c in chunks} == {"1"}
    assert list(read_jsonl(tmp_path / "r" / "all.jsonl")) == chunks  # the second copy is a duplicate


def test_atomic_writes_get_the_ordinary_file_mode(tmp_path):
    import os

    from finstep.io import write_json

    old = os.umask(0o022)
    try:
        write_json(tmp_path / "out.json", {"a": 1})
    finally:
        os.umask(old)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o644


def test_a_crash_leaves_its_traceback_in_the_rule_log(tmp_path, capsys):
    # Snakemake's error block says "check log file(s) for error details": the traceback must be there.
    log = tmp_path / "step.log"

    def step():
        raise KeyError("no column 'summary'")

    with pytest.raises(SystemExit) as exit_info:
        pipeline.run(step, str(log))
    assert exit_info.value.code == 1
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "KeyError: \"no column 'summary'\"" in text
    assert capsys.readouterr().err.count("Traceback (most recent call last)") == 1  # printed once, not twice


def test_a_folder_written_whole_gets_the_ordinary_file_mode(tmp_path):
    import os

    from finstep.io import atomic_dir

    old = os.umask(0o022)
    try:
        with atomic_dir(tmp_path / "model") as folder:
            # As safetensors' save_file does: a private file.
            os.close(os.open(folder / "model.safetensors", os.O_CREAT | os.O_WRONLY, 0o600))
            (folder / "sub").mkdir()
            os.close(os.open(folder / "sub" / "x.bin", os.O_CREAT | os.O_WRONLY, 0o600))
        with pytest.raises(RuntimeError), atomic_dir(tmp_path / "model") as folder:
            (folder / "half").write_text("x")
            raise RuntimeError("crash")
    finally:
        os.umask(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]  # the failed second try left nothing
    assert (tmp_path / "model" / "model.safetensors").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "model" / "sub" / "x.bin").stat().st_mode & 0o777 == 0o644
    assert not (tmp_path / "model" / "half").exists()
