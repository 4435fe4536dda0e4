"""Times trafilatura.extract over the ScrapingHub pages, in process, for bench/compare.sh.

The pages are decompressed and decoded into memory first; only extract() is timed, with the
thread's CPU time (time.thread_time), one warm-up pass and then PASSES passes, median
reported. Prints `RESULT trafilatura <seconds> <bytes> <pages>` like examples/compare.rs.
"""

import gzip
import pathlib
import statistics
import sys
import time

import trafilatura


def main() -> None:
    folder = pathlib.Path(sys.argv[1]) / "html"
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    raw = [gzip.decompress(p.read_bytes()) for p in sorted(folder.glob("*.html.gz"))]
    pages = [r.decode("utf-8", errors="replace") for r in raw]
    size = sum(len(r) for r in raw)

    def one_pass() -> float:
        start = time.thread_time()
        for page in pages:
            trafilatura.extract(page)
        return time.thread_time() - start

    one_pass()
    seconds = statistics.median(one_pass() for _ in range(passes))
    print(f"trafilatura {trafilatura.__version__}: {seconds:.3f} s CPU, "
          f"{size / 1e6 / seconds:.1f} MB/s, {len(pages) / seconds:.0f} pages/s")
    print(f"RESULT trafilatura {seconds:.6f} {size} {len(pages)}")


if __name__ == "__main__":
    main()
