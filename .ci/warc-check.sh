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
bin="$CARGO_TARGET_DIR/debug/declutter"
# The output: digests, warcinfo, conversion records referring to the input's responses.
.venv-ci/bin/python .ci/warc_check.py "$bin" fixtures/warc/pages.warc.gz fixtures/warc/damaged.warc.gz
# The reading: every HTML page warcio reads from each fixture comes out, and the counts add up.
.venv-ci/bin/python .ci/warc_check.py --pages "$bin" fixtures/warc/*.warc fixtures/warc/*.warc.gz \
    fixtures/warc/*.arc fixtures/warc/*.arc.gz
