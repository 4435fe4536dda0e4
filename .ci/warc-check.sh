#!/bin/sh
# Round trip of `declutter --warc` checked by warcio (see .ci/warc_check.py).
# Called from .ci/run; needs python3 and access to PyPI the first time (the venv is kept).
set -eu
cd "$(dirname "$0")/.."
: "${CARGO_TARGET_DIR:=target}"
if [ ! -x .venv-ci/bin/python ]; then
    python3 -m venv .venv-ci
    .venv-ci/bin/pip install -q warcio
fi
cargo build --quiet --bin declutter
.venv-ci/bin/python .ci/warc_check.py "$CARGO_TARGET_DIR/debug/declutter" fixtures/warc/*.warc.gz
