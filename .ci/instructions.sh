#!/usr/bin/env bash
# Instruction-count regression check: cleans every committed fixture ROUNDS times
# (examples/clean_fixtures.rs) under callgrind and compares the total instruction count with
# .ci/instructions-baseline.txt. Instruction counts do not depend on machine load, unlike
# wall time. Fails when the count grows by more than MAX_REGRESSION percent (default 10).
#
#   .ci/instructions.sh            # check
#   .ci/instructions.sh --update   # write the current count as the new baseline
#
# Counts depend on the compiler and the dependency versions; the baseline records the rustc
# version, and a different one is reported beside the numbers. Needs valgrind; in CI (CI set,
# or running as root with apt-get) a missing valgrind is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
baseline_file=.ci/instructions-baseline.txt
rounds="${ROUNDS:-10}"
max_regression="${MAX_REGRESSION:-10}"
target="${CARGO_TARGET_DIR:-target}"

if ! command -v valgrind >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && { [ -n "${CI:-}" ] || [ "$(id -u)" = 0 ]; }; then
    echo "instructions: valgrind missing, installing it"
    apt-get update -qq && apt-get install -y -qq valgrind >/dev/null
  else
    echo "instructions: valgrind is needed (apt-get install -y valgrind)" >&2
    exit 1
  fi
fi

cargo build --release --quiet --example clean_fixtures
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
valgrind --tool=callgrind --callgrind-out-file=/dev/null \
  "$target/release/examples/clean_fixtures" "$rounds" >/dev/null 2>"$log" || {
  cat "$log" >&2
  exit 1
}
count=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$log")
if [ -z "$count" ]; then
  cat "$log" >&2
  echo "instructions: no instruction count in callgrind's output" >&2
  exit 1
fi
rustc_version=$(rustc --version)

if [ "${1:-}" = "--update" ]; then
  {
    echo "# Instructions to clean every fixture $rounds times (.ci/instructions.sh --update)."
    echo "compiler $rustc_version"
    echo "rounds $rounds"
    echo "instructions $count"
  } >"$baseline_file"
  echo "instructions: baseline set to $count"
  exit 0
fi

if [ ! -f "$baseline_file" ]; then
  echo "instructions: $baseline_file is missing (run .ci/instructions.sh --update)" >&2
  exit 1
fi
baseline=$(sed -n 's/^instructions \([0-9]*\)$/\1/p' "$baseline_file")
baseline_rounds=$(sed -n 's/^rounds \([0-9]*\)$/\1/p' "$baseline_file")
baseline_rustc=$(sed -n "s/^compiler //p" "$baseline_file")
if [ "$baseline_rounds" != "$rounds" ]; then
  echo "instructions: the baseline counts $baseline_rounds rounds, this run $rounds" >&2
  exit 1
fi
change=$(awk -v c="$count" -v b="$baseline" 'BEGIN { printf "%+.2f", (c - b) * 100 / b }')
echo "instructions: $count now, $baseline in the baseline ($change%, limit +$max_regression%)"
if [ "$baseline_rustc" != "$rustc_version" ]; then
  echo "instructions: note: baseline from $baseline_rustc, now $rustc_version"
fi
if awk -v c="$count" -v b="$baseline" -v m="$max_regression" 'BEGIN { exit !(c > b * (1 + m / 100)) }'; then
  echo "instructions: REGRESSION of more than $max_regression%" >&2
  exit 1
fi
if awk -v c="$count" -v b="$baseline" -v m="$max_regression" 'BEGIN { exit !(c < b * (1 - m / 100)) }'; then
  echo "instructions: more than $max_regression% faster: consider .ci/instructions.sh --update"
fi
