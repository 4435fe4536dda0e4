#!/usr/bin/env bash
# Speed of declutter side by side with its parser, dom_smoothie and trafilatura, on the same
# pages and the same machine in one run, then thread scaling and peak memory.
#
#   bench/compare.sh                    # everything
#   PASSES=5 TRAFILATURA=0 bench/compare.sh
#
# Environment: DECLUTTER_BENCH (default ../shared/bench, holding scrapinghub/ and
# scrapinghub-text/), CARGO_TARGET_DIR, PASSES (timed passes per stage, default 11),
# TRAFILATURA=0 to skip trafilatura (it is installed from PyPI into bench/.venv),
# REPEAT (how many copies of the corpus the long JSONL stream holds, default 20),
# THREAD_REPEAT (how many copies of the corpus the thread-scaling runs clean, default 4: with
# one copy, process start-up and the one-time lexicon build are a tenth of the run).
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${DECLUTTER_BENCH:-../shared/bench}"
target="${CARGO_TARGET_DIR:-target}"
passes="${PASSES:-11}"
repeat="${REPEAT:-20}"
thread_repeat="${THREAD_REPEAT:-4}"
if [ ! -d "$bench/scrapinghub/html" ] || [ ! -d "$bench/scrapinghub-text" ]; then
  echo "compare: $bench/scrapinghub and $bench/scrapinghub-text are needed" >&2
  exit 1
fi
bench="$(cd "$bench" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== machine"
echo "cores: $(nproc); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== build"
cargo build --release --quiet --bin declutter --example compare
bin="$target/release/declutter"

echo "== single thread, in process (median CPU time of $passes passes)"
"$target/release/examples/compare" --passes "$passes" | tee "$work/results.txt"

if [ "${TRAFILATURA:-1}" != 0 ]; then
  echo "== trafilatura (Python, in process)"
  if ! bench/.venv/bin/python -c "import trafilatura" 2>/dev/null; then
    [ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
    # jusText (a trafilatura dependency) needs lxml's HTML cleaner, a separate package now.
    bench/.venv/bin/pip install --quiet trafilatura lxml_html_clean
  fi
  bench/.venv/bin/python bench/trafilatura_time.py "$bench/scrapinghub" 3 | tee -a "$work/results.txt"
fi

echo "== ratios (CPU time)"
python3 - "$work/results.txt" <<'PY'
import sys
t = {}
for line in open(sys.argv[1]):
    if line.startswith("RESULT "):
        _, name, secs, size, pages = line.split()
        t[name] = float(secs)
def ratio(a, b, label):
    if a in t and b in t:
        print(f"{label}: {t[a] / t[b]:.2f}x")
for fmt in ("text", "markdown", "html", "json"):
    ratio(fmt, "parse", f"declutter --format {fmt} / parse only (target <= 1.3)")
ratio("dom_smoothie", "text", "dom_smoothie / declutter (target >= 1.5)")
ratio("trafilatura", "text", "trafilatura / declutter (target >= 25)")
PY

echo "== thread scaling (wall time, best of 3, $thread_repeat copies of the corpus)"
python3 - "$bench/scrapinghub/html" "$work" "$thread_repeat" <<'PY'
import gzip, json, pathlib, sys
src, work, copies = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
for d in ("pages", "copies"):
    (work / d).mkdir()
with open(work / "pages.jsonl", "w") as one, open(work / "copies.jsonl", "w") as many:
    for p in sorted(src.glob("*.html.gz")):
        html = gzip.decompress(p.read_bytes())
        (work / "pages" / p.name[:-3]).write_bytes(html)
        line = json.dumps({"html": html.decode("utf-8", errors="replace")}) + "\n"
        one.write(line)
        for k in range(copies):
            (work / "copies" / f"{k}-{p.name[:-3]}").write_bytes(html)
            many.write(line)
PY
best_of_3() {
  local best=""
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    best=$(python3 -c "import sys; a=float(sys.argv[1]); b='$best'; print(min(a, float(b)) if b else a)" "$(echo "$end - $start" | bc)")
  done
  echo "$best"
}
size=$(stat -c %s "$work/copies.jsonl")
for mode in jsonl dir; do
  for n in 1 2; do
    if [ $mode = jsonl ]; then
      s=$(best_of_3 sh -c "'$bin' --jsonl --threads $n -q < '$work/copies.jsonl'")
    else
      s=$(best_of_3 sh -c "rm -rf '$work/out'; '$bin' '$work/copies' --out-dir '$work/out' --threads $n -q")
    fi
    echo "$mode threads=$n: $s s, $(python3 -c "print(f'{$size/1e6/$s:.1f}')") MB/s"
    [ "$n" = 1 ] && one_thread=$s
  done
  echo "$mode scaling 1 -> 2 threads: $(python3 -c "print(f'{$one_thread/$s:.2f}')")x (target >= 1.8)"
done
# On a shared machine a second thread only helps when a core is free: show the CPU use.
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "jsonl threads=2: %e s wall, %U s user, %S s system, %P CPU" \
  "$bin" --jsonl --threads 2 -q <"$work/copies.jsonl" >/dev/null

echo "== peak memory"
# The baseline is what any HTML page costs (code, lexicons, the parser's tables): the median of
# five runs on a one-paragraph page, as resident sets vary by a few hundred KB from run to run.
empty=$(for _ in 1 2 3 4 5; do
  printf '<p>One short paragraph of text.</p>' | /usr/bin/time -f %M "$bin" 2>&1 >/dev/null | tail -1
done | sort -n | sed -n 3p)
echo "baseline (a one-paragraph page, median of 5 runs): $empty KB maximum resident set"
for f in "$work"/pages/*.html; do
  rss=$(/usr/bin/time -f %M "$bin" "$f" 2>&1 >/dev/null | tail -1)
  echo "$(stat -c %s "$f") $rss"
done > "$work/memory.txt"
python3 - "$work/memory.txt" "$empty" <<'PY'
import statistics, sys
base = int(sys.argv[2])
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1])]
# Small pages are lost in allocator noise; the ratio means something from 100 KB up.
ratios = sorted(((rss - base) * 1024 / size, size, rss) for size, rss in rows if size >= 100_000)
med = statistics.median(r[0] for r in ratios)
worst = ratios[-1]
print(f"per page (the {len(ratios)} pages of 100 KB or more): peak RSS above baseline / page "
      f"size: median {med:.1f}x, worst {worst[0]:.1f}x (a {worst[1] / 1e3:.0f} KB page, "
      f"{worst[2]} KB RSS); target <= 10x")
print(f"largest page: {max(rows)[0] / 1e3:.0f} KB, RSS {max(rows)[1]} KB")
PY
size=$(stat -c %s "$work/pages.jsonl")
one=$( { /usr/bin/time -f %M "$bin" --jsonl --threads 2 -q < "$work/pages.jsonl" >/dev/null; } 2>&1 | tail -1)
long=$( { for _ in $(seq "$repeat"); do cat "$work/pages.jsonl"; done | /usr/bin/time -f %M "$bin" --jsonl --threads 2 -q >/dev/null; } 2>&1 | tail -1)
echo "JSONL stream, 2 threads: 1x corpus ($((size / 1000000)) MB) $one KB, ${repeat}x corpus ($((size * repeat / 1000000)) MB) $long KB maximum resident set"
