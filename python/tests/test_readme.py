"""The README's Python examples run as written, from the repository's root."""

import os
import re

from conftest import ROOT


def python_blocks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```python\n(.*?)^```", readme, flags=re.S | re.M)


def test_readme_python_examples_run(capsys):
    blocks = python_blocks()
    assert blocks, "the README lost its Python example"
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        for block in blocks:
            exec(compile(block, "README.md", "exec"), {})
    finally:
        os.chdir(here)
    assert "Port strike ends" in capsys.readouterr().out
