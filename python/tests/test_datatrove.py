"""The datatrove step: WarcReader -> Declutter -> JsonlWriter gives the CLI's text per record."""

import gzip
import json

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("warcio")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

import declutter  # noqa: E402
from declutter.datatrove import Declutter  # noqa: E402
from conftest import FIXTURES  # noqa: E402


def read_jsonl_gz(folder):
    records = []
    for path in sorted(folder.rglob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            records.extend(json.loads(line) for line in f if line.strip())
    return records


@pytest.mark.parametrize("threads", [1, 2])
def test_warc_pipeline_equals_the_cli(cli, tmp_path, threads):
    warc = FIXTURES / "warc" / "pages.warc.gz"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / warc.name).symlink_to(warc)
    LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(tmp_path / "in")),
            Declutter(threads=threads),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    ours = {r["id"]: r for r in read_jsonl_gz(tmp_path / "out")}
    expected = [json.loads(line) for line in cli("-q", "--warc", "--warc-out", "jsonl", warc).splitlines()]
    assert len(expected) >= 5
    for record in expected:
        got = ours.get(record["record_id"])
        assert got is not None, record["record_id"]
        assert got["text"] == record["clean"], record["url"]
        assert got["metadata"]["title"] == record["title"]
        assert got["metadata"]["page_type"] == record["metadata"]["page_type"]


def test_extract_is_clean():
    page = (FIXTURES / "html" / "recipe-blog.html").read_text(encoding="utf-8")
    assert Declutter().extract(page) == declutter.clean(page).text
    with pytest.raises(ValueError):
        Declutter(format="pdf")
