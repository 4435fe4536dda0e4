"""Spark: the job (python -m declutter.spark) and the UDF in local[2] mode give the CLI's text."""

import json
import os
import subprocess
import sys

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import pyarrow.parquet as pq  # noqa: E402

from conftest import FIXTURES, html_fixtures, text_fixtures  # noqa: E402

REPEAT = 5  # 25 HTML fixtures x 5 = 125 records, with no need of ../shared


def spark_env():
    env = dict(os.environ)
    # The workers must run this interpreter, which has the package.
    env["PYSPARK_PYTHON"] = sys.executable
    env["PYSPARK_DRIVER_PYTHON"] = sys.executable
    return env


@pytest.fixture(scope="module")
def records():
    out = []
    for rep in range(REPEAT):
        for path in html_fixtures():
            page = path.read_bytes()
            # JSON holds text: the page as the library decodes it (the CLI reads the same lines).
            import declutter

            codec = {"GBK": "gb18030", "Shift_JIS": "cp932", "windows-1251": "cp1251",
                     "windows-1252": "cp1252", "KOI8-R": "koi8_r"}
            encoding = declutter.clean(page).encoding
            out.append({"id": f"{path.stem}-{rep}", "url": f"https://fixtures.example/{path.name}",
                        "html": page.decode(codec.get(encoding, encoding))})
    assert len(out) >= 100
    return out


def test_job_equals_the_cli(cli, tmp_path, records):
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    expected = {}
    for line in cli("-q", "--jsonl", "--field", "html", "--threads", "2", source).splitlines():
        record = json.loads(line)
        expected[record["id"]] = record
    # The page as a file: the CLI's text for the page itself, the same as its --jsonl text.
    out_dir = tmp_path / "cli"
    cli("-q", "--out-dir", out_dir, FIXTURES / "html")
    single = {p.stem: (out_dir / (p.stem + ".txt")).read_text(encoding="utf-8") for p in html_fixtures()}
    for stem, text in single.items():
        assert expected[f"{stem}-0"]["clean"] == text, stem
    target = tmp_path / "out.parquet"
    done = subprocess.run(
        [sys.executable, "-m", "declutter.spark", str(source), str(target), "--field", "html",
         "--master", "local[2]", "--partitions", "4"],
        cwd=tmp_path, env=spark_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    table = pq.read_table(str(target)).to_pylist()
    assert len(table) == len(records)
    assert sorted(r["id"] for r in table) == sorted(r["id"] for r in records)
    for row in table:
        want = expected[row["id"]]
        assert row["error"] is None
        stem = row["id"].rsplit("-", 1)[0]
        assert row["clean"] == single[stem] == want["clean"], row["id"]
        assert row["metadata"]["title"] == want["metadata"].get("title")
        assert row["metadata"]["page_type"] == want["metadata"]["page_type"]
        assert row["html"] is not None and row["url"].startswith("https://")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("declutter-test")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    yield session
    session.stop()


def test_run_with_a_schema_to_jsonl_without_the_page(cli, tmp_path, spark, records):
    from declutter.spark import run

    source = tmp_path / "pages.jsonl"
    subset = records[:30]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in subset), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    written = run(spark, str(source), str(target), field="html", schema="id string, html string",
                  drop_field=True, format="markdown")
    assert written == len(subset)
    rows = [json.loads(line) for part in sorted(target.glob("part-*")) for line in part.open(encoding="utf-8")]
    assert len(rows) == len(subset)
    by_id = {r["id"]: r for r in rows}
    for record in subset[:5]:
        row = by_id[record["id"]]
        assert set(row) >= {"id", "clean", "metadata"} and "html" not in row and "url" not in row
        page = FIXTURES / "html" / (record["id"].rsplit("-", 1)[0] + ".html")
        assert row["clean"] == cli("--format", "markdown", page).decode("utf-8")


def test_udf_over_binary_and_text_columns(cli, tmp_path, spark):
    from declutter.spark import clean_udf

    paths = (html_fixtures() + text_fixtures()) * 4
    rows = [(p.name, p.read_bytes()) for p in paths] + [("binary", bytes(range(256)) * 4), ("none", None)]
    df = spark.createDataFrame(rows, "name string, page binary").repartition(2)
    out = df.withColumn("d", clean_udf(format="text")("page")).select("name", "d.*").collect()
    assert len(out) == len(rows)
    cli_text = {p.name: cli(p).decode("utf-8") for p in set(paths)}
    for row in out:
        if row["name"] == "binary":
            assert row["text"] is None and row["error"].startswith("BinaryInputError")
        elif row["name"] == "none":
            assert row["text"] is None and row["error"] is None
        else:
            assert row["error"] is None
            assert row["text"] == cli_text[row["name"]], row["name"]
            assert row["page_type"]
