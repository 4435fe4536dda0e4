#!/usr/bin/env bash
# Runs every fuzz target one after another, SECONDS each (default 600), and keeps a log per
# target in fuzz/logs/. Needs a nightly toolchain and cargo-fuzz (see README.md).
set -u
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(pipeline text jsonl warc amplification)
mkdir -p fuzz/logs
for target in "${targets[@]}"; do
  seeds=()
  case "$target" in
    pipeline) seeds=(fixtures/html fixtures/text fixtures/seed); dict=(-dict=fuzz/html.dict) ;;
    text) seeds=(fixtures/text fixtures/seed); dict=(-dict=fuzz/html.dict) ;;
    jsonl) seeds=(fuzz/seeds/jsonl); dict=() ;;
    warc) seeds=(fixtures/warc); dict=() ;;
    amplification) seeds=(fixtures/html); dict=(-dict=fuzz/html.dict) ;;
  esac
  # Amplification is what this target looks for: tighter time and memory.
  limits=(-timeout=10 -rss_limit_mb=2048)
  [ "$target" = amplification ] && limits=(-timeout=2 -rss_limit_mb=512)
  mkdir -p "fuzz/corpus/$target"
  echo "== $target for ${seconds}s"
  timeout $((seconds + 60)) cargo +nightly fuzz run -s none -O "$target" \
    "fuzz/corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len=16384 "${limits[@]}" \
    -print_final_stats=1 "${dict[@]}" > "fuzz/logs/$target.log" 2>&1
  echo "$target exit $?"
  grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb)" \
    "fuzz/logs/$target.log"
done
