#!/usr/bin/env bash
# The Python part of CI (issue 14), called by .ci/run: lint the extension crate, make the
# virtual environment (.venv-py at the repository root, reused between runs), build and install
# the package the way users do (`pip install ./python`), then run python/tests with pytest,
# pyspark, datatrove and scrapy installed. Needs Java 17+ for Spark (Debian's
# openjdk-17-jre-headless is installed when `java` is missing) and libmagic1 for datatrove's
# WarcReader.
#
# Environment: DECLUTTER_BIN (the CLI the tests compare with; default: target/release/declutter,
# built here if missing), DECLUTTER_PY_TARGET (the extension's cargo target folder, kept
# between runs; default target/python), DECLUTTER_PY_VENV (default .venv-py).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
venv="${DECLUTTER_PY_VENV:-$root/.venv-py}"
py_target="${DECLUTTER_PY_TARGET:-$root/target/python}"
start=$SECONDS

step() { echo "== python: $* ($((SECONDS - start)) s)"; }

step "system packages"
missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
dpkg -s libmagic1 >/dev/null 2>&1 || missing+=(libmagic1)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

step "lint the extension crate (cargo fmt, clippy)"
(cd python && cargo fmt --check && CARGO_TARGET_DIR="$py_target" cargo clippy --all-targets -- -D warnings)

if [ -z "${DECLUTTER_BIN:-}" ]; then
  step "the CLI the tests compare with (cargo build --release)"
  cargo build --release --quiet
  export DECLUTTER_BIN="$root/target/release/declutter"
fi

step "virtual environment $venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
# pandas < 3: pyspark 4 warns that it does not support pandas 3 yet.
# datatrove[io]: what its WarcReader and JsonlWriter import (warcio, faust-cchardet, python-magic,
# which needs Debian's libmagic1, orjson).
"$venv/bin/python" -m pip install -q pytest 'pyspark>=4' 'pandas<3' pyarrow 'datatrove[io]' scrapy

step "pip install ./python (maturin builds the extension, target $py_target)"
CARGO_TARGET_DIR="$py_target" "$venv/bin/python" -m pip install -q --force-reinstall --no-deps ./python
# The installed package, not the source folder, must be what the tests import.
"$venv/bin/python" - <<'EOF'
import declutter, declutter._declutter as native
assert "site-packages" in declutter.__file__, declutter.__file__
print("declutter", declutter.__version__, "from", declutter.__file__)
EOF

step "pytest python/tests"
export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"
# From the repository root, so the source folder python/declutter does not shadow the install.
"$venv/bin/pytest" -q -p no:cacheprovider python/tests

step "done"
