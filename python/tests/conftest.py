"""Shared helpers: the repository's fixtures and the CLI binary to compare with."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"


def declutter_bin() -> Path:
    """The CLI: $DECLUTTER_BIN, else target/release/declutter, else target/debug/declutter."""
    if os.environ.get("DECLUTTER_BIN"):
        return Path(os.environ["DECLUTTER_BIN"])
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "declutter"
        if path.exists():
            return path
    pytest.skip("no declutter binary: build it (cargo build --release) or set DECLUTTER_BIN")


@pytest.fixture(scope="session")
def cli():
    """Runs the CLI with the given arguments; returns its stdout as bytes."""
    binary = declutter_bin()

    def run(*args, stdin=None):
        done = subprocess.run(
            [str(binary), *map(str, args)],
            input=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            check=False,
        )
        assert done.returncode in (0, 1), done.stderr.decode(errors="replace")
        return done.stdout

    return run


def html_fixtures():
    return sorted((FIXTURES / "html").glob("*.html"))


def text_fixtures():
    return sorted((FIXTURES / "text").glob("*.txt"))
