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


def statuses(warc):
    """WARC-Record-ID -> HTTP status of each HTML response record, as warcio reads them."""
    from warcio.archiveiterator import ArchiveIterator

    out = {}
    with open(warc, "rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip()
            if media in ("text/html", "application/xhtml+xml"):
                out[record.rec_headers.get_header("WARC-Record-ID")] = int(record.http_headers.get_statuscode())
    return out


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
    # datatrove's reader also keeps non-2xx responses, which the CLI skips: the records only
    # datatrove has are those, and every 2xx HTML response is in both.
    status = statuses(warc)
    cli_ids = {r["record_id"] for r in expected}
    assert cli_ids == {i for i, code in status.items() if 200 <= code < 300}
    assert all(not 200 <= status[i] < 300 for i in set(ours) - cli_ids)
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
