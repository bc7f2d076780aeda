"""`bnlint check examples/` (the README's first command) gives exactly the findings
examples/README.md lists, file by file: the examples cannot drift from the rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_examples_give_the_findings_their_readme_lists():
    readme = (REPO / "examples" / "README.md").read_text(encoding="utf-8")
    expected = {
        (name, int(cell[5:-1]) if cell else None, int(line), code)
        for name, cell, line, code in re.findall(r"^    (\S+?):(cell \d+:)?(\d+) (BN\d{3})", readme, re.M)
    }
    assert len(expected) >= 7
    run = subprocess.run(
        [sys.executable, "-m", "bnlint", "check", "--format", "json", "examples/"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 1, run.stderr  # findings, no errors
    actual = {
        (Path(f["filename"]).name, f.get("cell"), f["location"]["row"], f["code"]) for f in json.loads(run.stdout)
    }
    assert actual == expected
    assert {code for *_, code in actual} == {f"BN00{i}" for i in range(1, 8)}  # every rule is shown
