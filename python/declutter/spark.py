"""Spark: a vectorised UDF that cleans a column of pages, and a job over JSONL or Parquet.

The UDF (Arrow-based ``pandas_udf``) turns a string or binary column of HTML or flattened text
into a struct column (:data:`RESULT_SCHEMA`)::

    from declutter.spark import clean_udf
    df = spark.read.parquet("pages/")
    out = df.withColumn("declutter", clean_udf(format="text")("html"))
    out.select("url", "declutter.text", "declutter.title", "declutter.error")

The job reads JSON Lines or Parquet, cleans one field of every record and writes Parquet or
JSON Lines, one record out per record in (``clean``, ``metadata`` and ``error`` columns added)::

    python -m declutter.spark pages.jsonl out.parquet --field html
    spark-submit --master yarn .../declutter/spark.py s3://bucket/pages/ s3://bucket/clean/ \\
        --input-format parquet --output-format parquet

On a cluster every executor needs the package: install the wheel on the nodes, or ship a
packed virtual environment with ``--archives env.tar.gz#env`` and
``PYSPARK_PYTHON=./env/bin/python`` (see docs/PYTHON.md). Spark's Python workers must run an
interpreter that has ``declutter`` (``PYSPARK_PYTHON``).
"""

import argparse
import sys
from typing import Iterator, Optional

import declutter

#: The struct the UDF returns, as a Spark DDL string. ``text`` is the cleaned page in the
#: format asked for (None when it could not be cleaned); ``error`` says why (None on success).
RESULT_SCHEMA = (
    "text string, title string, author string, date string, url string, site_name string, "
    "description string, image string, language string, declared_language string, "
    "page_type string, categories array<string>, tags array<string>, error string"
)

_FIELDS = (
    "title",
    "author",
    "date",
    "url",
    "site_name",
    "description",
    "image",
    "language",
    "declared_language",
    "page_type",
)


def _row(result) -> dict:
    if isinstance(result, Exception):
        row = {name: None for name in ("text",) + _FIELDS}
        row.update(categories=None, tags=None, error=f"{type(result).__name__}: {result}")
        return row
    row = {"text": result.text}
    for name in _FIELDS:
        row[name] = getattr(result, name)
    row.update(categories=result.categories, tags=result.tags, error=None)
    return row


def clean_series(pages, threads: int = 1, **options):
    """Cleans a pandas Series of pages (str, bytes or None) into a DataFrame of
    :data:`RESULT_SCHEMA`'s columns, one row per page. None stays a row of None."""
    import pandas as pd

    rows = []
    todo = [(i, p) for i, p in enumerate(pages) if p is not None]
    results = declutter.clean_many((p for _, p in todo), threads=threads, **options)
    by_index = dict(zip((i for i, _ in todo), results))
    empty = {name: None for name in ("text",) + _FIELDS + ("categories", "tags", "error")}
    for i in range(len(pages)):
        result = by_index.get(i)
        rows.append(empty if result is None else _row(result))
    return pd.DataFrame(rows, columns=list(empty))


def clean_udf(threads: int = 1, **options):
    """A ``pandas_udf`` (iterator of batches) from a string or binary column of pages to a struct
    of :data:`RESULT_SCHEMA`. ``options`` are those of :func:`declutter.clean` (checked now);
    ``threads`` cleans that many pages of a batch at once in each Python worker (one per core
    is Spark's default, so keep 1 unless the executor has spare cores)."""
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    declutter.Options(**options)

    # The annotations tell Spark the kind of UDF: iterator of Series to iterator of DataFrame
    # (evaluated here, so this module has no `from __future__ import annotations`).
    @pandas_udf(RESULT_SCHEMA)
    def clean_pages(batches: Iterator[pd.Series]) -> Iterator[pd.DataFrame]:
        for pages in batches:
            yield clean_series(pages, threads=threads, **options)

    return clean_pages


def _format_of(path: str, given: str, default: str) -> str:
    if given != "auto":
        return given
    lower = path.rstrip("/").lower()
    if lower.endswith((".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson")):
        return "jsonl"
    if lower.endswith(".parquet"):
        return "parquet"
    return default


def run(
    spark,
    source: str,
    target: str,
    *,
    field: str = "html",
    input_format: str = "auto",
    output_format: str = "auto",
    mode: str = "errorifexists",
    partitions: Optional[int] = None,
    threads: int = 1,
    drop_field: bool = False,
    schema: Optional[str] = None,
    **options,
):
    """Reads ``source`` (JSONL or Parquet), cleans column ``field`` and writes ``target``
    (Parquet or JSONL): every input column, then ``clean`` (the cleaned text, None on
    error), ``metadata`` (struct: title, author, date, url, site_name, description, image,
    language, declared_language, page_type, categories, tags) and ``error``. Returns the
    number of records written (as many as were read), counted from ``target``.

    ``drop_field`` leaves the page column out of the output (it is often most of the bytes).
    ``schema`` (a DDL string such as ``"id long, url string, html string"``) reads JSON Lines
    without inferring the schema first, which costs a pass over the input; columns it does
    not name are not read.

    ``url`` is not taken from a column: relative links in Markdown and HTML output resolve
    against the page's ``<base href>`` and canonical URL only."""
    from pyspark.sql import functions as F

    if field == "html" and options.get("input", "auto") == "auto":
        # As the CLI's --jsonl: a field called html holds HTML.
        options["input"] = "html"
    kind = _format_of(source, input_format, "parquet")
    if kind == "jsonl":
        # Everything as written: a page is a string, other columns keep their JSON types.
        reader = spark.read.schema(schema) if schema else spark.read
        df = reader.json(source)
    else:
        df = spark.read.parquet(source)
    if partitions:
        df = df.repartition(partitions)
    cleaned = df.withColumn("_declutter", clean_udf(threads=threads, **options)(F.col(field)))
    meta_fields = list(_FIELDS) + ["categories", "tags"]
    out = cleaned.select(
        *[F.col(f"`{c}`") for c in df.columns if not (drop_field and c == field)],
        F.col("_declutter.text").alias("clean"),
        F.struct(*[F.col(f"_declutter.{f}").alias(f) for f in meta_fields]).alias("metadata"),
        F.col("_declutter.error").alias("error"),
    )
    writer = out.write.mode(mode)
    if _format_of(target, output_format, "parquet") == "jsonl":
        writer.json(target)
        return spark.read.json(target).count()
    writer.parquet(target)
    return spark.read.parquet(target).count()


def main(argv=None) -> int:
    """``python -m declutter.spark INPUT OUTPUT --field html`` (also under spark-submit)."""
    parser = argparse.ArgumentParser(
        prog="python -m declutter.spark",
        description="Clean one field of every record of a JSONL or Parquet dataset with Spark.",
    )
    parser.add_argument("input", help="JSONL or Parquet file or folder (any Spark path)")
    parser.add_argument("output", help="folder to write (Parquet, or JSONL with .jsonl / --output-format)")
    parser.add_argument("--field", default="html", help="the column holding the page [html]")
    parser.add_argument("--input-format", choices=["auto", "jsonl", "parquet"], default="auto")
    parser.add_argument("--output-format", choices=["auto", "jsonl", "parquet"], default="auto")
    parser.add_argument("--format", choices=["text", "markdown", "html", "json"], default="text")
    parser.add_argument("--input", dest="input_kind", choices=["auto", "html", "text"], default="auto")
    parser.add_argument("--no-title", action="store_true", help="leave the headline out")
    parser.add_argument("--max-bytes", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=None, help="seconds per page")
    parser.add_argument("--page-type", default=None)
    parser.add_argument("--partitions", type=int, default=None, help="repartition the input")
    parser.add_argument("--threads", type=int, default=1, help="threads per Python worker")
    parser.add_argument("--mode", default="errorifexists", help="Spark save mode [errorifexists]")
    parser.add_argument("--drop-field", action="store_true", help="leave the page column out of the output")
    parser.add_argument("--schema", default=None,
                        help='JSONL input\'s columns as Spark DDL ("id long, html string"): no schema inference pass')
    parser.add_argument("--master", default=None, help="Spark master when not under spark-submit (local[*])")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("declutter")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        written = run(
            spark,
            args.input,
            args.output,
            field=args.field,
            input_format=args.input_format,
            output_format=args.output_format,
            mode=args.mode,
            partitions=args.partitions,
            threads=args.threads,
            drop_field=args.drop_field,
            schema=args.schema,
            format=args.format,
            input=args.input_kind,
            title=not args.no_title,
            max_bytes=args.max_bytes,
            timeout=args.timeout,
            page_type=args.page_type,
        )
    finally:
        spark.stop()
    print(f"declutter.spark: {written} records written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
