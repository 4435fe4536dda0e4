"""Speed of the Python package against the CLI, trafilatura and itself on two threads.

    python python/bench.py [--pages ../shared/bench/scrapinghub/html] [--spark] [--trafilatura]

Not a test: it prints the numbers recorded in docs/PYTHON.md. Every figure is the best of
``--repeat`` runs (wall time). The pages (``*.html.gz``) are decompressed into memory (and
into a temporary folder for the CLI) before timing, so no run times gunzip:

- CLI: ``declutter -q --threads 1 --out-dir OUT DIR`` on the decompressed files (process
  start, reading and writing included; the CLI takes a ``.html`` file for HTML, so the Python
  runs pass ``input="html"``).
- ``clean_many(pages, threads=1)`` and ``threads=2`` over the pages in memory.
- trafilatura's ``extract`` on the same pages, in this process, one thread.
- Spark (``--spark``): the pages repeated to ``--spark-records`` JSONL records, cleaned by
  ``declutter --jsonl --threads 1`` and by the Spark job (``declutter.spark.run``) in
  ``local[1]`` and ``local[2]`` after the session has started (records/s per core).
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# This script's folder holds the package's source (declutter/ without the native module): take
# the installed package instead.
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import declutter  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


CPU = {}


def cpu_now():
    """CPU seconds of this process and its finished children (user + system)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best(repeat, fn, name=None, setup=None):
    """Best wall time of `repeat` runs (and the CPU time of that run, kept in CPU[name]).
    `setup` runs before each, untimed; the previous run's result is freed before the next
    starts (freeing 181 results is not the next run's work)."""
    times = []
    result = None
    for _ in range(repeat):
        result = None
        if setup:
            setup()
        c0 = cpu_now()
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start, cpu_now() - c0))
    wall, cpu = min(times)
    if name:
        CPU[name] = cpu
    return wall, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", default=str(ROOT.parent / "shared" / "bench" / "scrapinghub" / "html"))
    parser.add_argument("--bin", default=os.environ.get("DECLUTTER_BIN", str(ROOT / "target" / "release" / "declutter")))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--trafilatura", action="store_true")
    parser.add_argument("--spark", action="store_true")
    parser.add_argument("--spark-records", type=int, default=3620)
    args = parser.parse_args()

    paths = sorted(p for p in Path(args.pages).iterdir() if p.is_file())
    pages = []
    for p in paths:
        data = p.read_bytes()
        pages.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    total_mb = sum(map(len, pages)) / 1e6
    print(f"{len(pages)} pages, {total_mb:.1f} MB of HTML, best of {args.repeat}; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    rows = []

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "html").mkdir()
        for i, page in enumerate(pages):
            (tmp / "html" / f"{i:04}.html").write_bytes(page)

        out = tmp / "out"

        def cli():
            subprocess.run([args.bin, "-q", "--threads", "1", "--out-dir", str(out), str(tmp / "html")], check=True)
            return out

        def remove_out():
            subprocess.run(["rm", "-rf", str(out)], check=True)

        t_cli, out = best(args.repeat, cli, "CLI --threads 1 (--out-dir)", setup=remove_out)
        expected = [(out / f"{i:04}.txt").read_text(encoding="utf-8") for i in range(len(pages))]
        rows.append(("CLI --threads 1 (--out-dir)", t_cli))

        def many(threads):
            return list(declutter.clean_many(pages, threads=threads, input="html"))

        t1, results = best(args.repeat, lambda: many(1), "clean_many threads=1")
        assert [r.text for r in results] == expected, "clean_many differs from the CLI"
        results = None
        rows.append(("clean_many threads=1", t1))
        t2, results2 = best(args.repeat, lambda: many(2), "clean_many threads=2")
        assert [r.text for r in results2] == expected
        results2 = None
        rows.append(("clean_many threads=2", t2))

        def loop():
            return [declutter.clean(p, input="html") for p in pages]

        t_loop, _ = best(args.repeat, loop, "clean() in a loop")
        rows.append(("clean() in a loop", t_loop))

        if args.trafilatura:
            import trafilatura

            def traf():
                return [trafilatura.extract(p) for p in pages]

            t_traf, _ = best(max(1, args.repeat // 5), traf, "trafilatura.extract")
            rows.append(("trafilatura.extract", t_traf))

        for name, t in rows:
            print(f"{name:32} {t:8.3f} s wall {CPU.get(name, float('nan')):8.3f} s CPU  {len(pages) / t:8.1f} pages/s")
        print(f"clean_many threads=1 / CLI threads 1: {t1 / t_cli:.3f}x the wall time, "
              f"{CPU['clean_many threads=1'] / CPU['CLI --threads 1 (--out-dir)']:.3f}x the CPU time")
        print(f"clean_many threads=2 speed-up over threads=1: {t1 / t2:.2f}x")
        if args.trafilatura:
            print(f"trafilatura / clean_many threads=1: {t_traf / t1:.1f}x the time")

        if args.spark:
            spark_bench(args, pages, tmp)


def spark_bench(args, pages, tmp):
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    records = tmp / "pages.jsonl"
    n = args.spark_records
    with records.open("w", encoding="utf-8") as f:
        for i in range(n):
            page = pages[i % len(pages)].decode("utf-8", errors="replace")
            f.write(json.dumps({"id": i, "html": page}) + "\n")
    print(f"\nSpark: {n} JSONL records ({records.stat().st_size / 1e6:.0f} MB)")

    def cli():
        subprocess.run([args.bin, "-q", "--jsonl", "--threads", "1", "-o", str(tmp / "cli.jsonl"), str(records)], check=True)

    t_cli, _ = best(3, cli)
    print(f"{'CLI --jsonl --threads 1':32} {t_cli:8.3f} s  {n / t_cli:8.1f} records/s per core")

    from pyspark.sql import SparkSession

    from declutter.spark import run

    from pyspark.sql import functions as F

    from declutter.spark import clean_udf

    for cores in (1, 2):
        spark = (SparkSession.builder.master(f"local[{cores}]").appName("declutter-bench")
                 .config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        # Warm up: the session, the JVM's JSON reader and the Python workers.
        run(spark, str(records), str(tmp / "warm.parquet"), field="html", mode="overwrite")
        times = []
        for r in range(3):
            start = time.perf_counter()
            written = run(spark, str(records), str(tmp / f"spark{cores}-{r}.parquet"), field="html")
            times.append(time.perf_counter() - start)
            assert written == n
        t = min(times)
        print(f"{'Spark job local[' + str(cores) + '] JSONL->Parquet':32} {t:8.3f} s  {n / t / cores:8.1f} records/s per core")
        # The same with the schema given (no inference pass) and without the page in the output.
        times = []
        for r in range(3):
            start = time.perf_counter()
            written = run(spark, str(records), str(tmp / f"spark{cores}-lean-{r}.parquet"), field="html",
                          schema="id long, html string", drop_field=True)
            times.append(time.perf_counter() - start)
            assert written == n
        t = min(times)
        print(f"{'  --schema --drop-field':32} {t:8.3f} s  {n / t / cores:8.1f} records/s per core")
        # The UDF alone: the records cached in the JVM, the output discarded.
        df = spark.read.json(str(records)).repartition(2 * cores).cache()
        df.count()
        udf = clean_udf(input="html")
        times = []
        for r in range(3):
            start = time.perf_counter()
            df.select(udf(F.col("html")).alias("d")).write.format("noop").mode("overwrite").save()
            times.append(time.perf_counter() - start)
        t = min(times)
        print(f"{'  UDF alone (cached input)':32} {t:8.3f} s  {n / t / cores:8.1f} records/s per core")
        # What Spark's Arrow round trip to Python costs without cleaning: a pandas UDF that
        # returns each page's length.
        times = []
        for r in range(3):
            start = time.perf_counter()
            df.select(_length_udf()(F.col("html"))).write.format("noop").mode("overwrite").save()
            times.append(time.perf_counter() - start)
        t = min(times)
        df.unpersist()
        print(f"{'  identity pandas UDF (transfer)':32} {t:8.3f} s  {n / t / cores:8.1f} records/s per core")
        spark.stop()


def _length_udf():
    from typing import Iterator

    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    @pandas_udf("long")
    def length(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for pages in batches:
            yield pages.str.len()

    return length


if __name__ == "__main__":
    main()
