"""Each rule page's first example fires its rule, and the page's second example is what the
preferred fixes write: the pages cannot drift from what bnlint does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bnlint.analysis import analyze
from bnlint.edits import apply_edits
from bnlint.rules import RULE_CODES, rule_page

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"


def python_blocks(code: str) -> list:
    return re.findall(r"```python\n(.*?)```", (DOCS / f"{code}.md").read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("code", RULE_CODES)
def test_page_exists_and_is_what_explain_shows(code):
    page = (DOCS / f"{code}.md").read_text(encoding="utf-8")
    assert page.startswith(f"# {code} ")
    assert rule_page(code) == page


@pytest.mark.parametrize("code", RULE_CODES)
def test_bad_example_fires_and_fix_writes_the_fixed_example(code):
    bad, fixed = python_blocks(code)[:2]
    findings = [f for f in analyze(bad).findings if f.code == code]
    assert findings, f"the bad example of {code} gives no {code}"
    edits = {edit for f in findings for fix in f.fixes if fix.preferred for edit in fix.edits}
    assert edits, f"no preferred fix for the bad example of {code}"
    result = apply_edits(bad, edits)
    assert fixed in result, f"{code}: the page's fixed example is not what the fix writes:\n{result}"
    assert not [f for f in analyze(result).findings if f.code == code]


ORACLE = Path(__file__).resolve().parent / "oracle"
VERIFIED = re.compile(r"Verified against TensorFlow \d+\.\d+\.\d+\S* with tf-slim \d+\.\d+\.\d+\S*")


@pytest.mark.parametrize("code", RULE_CODES)
def test_page_says_which_tensorflow_checked_it(code):
    """A rule with an oracle test (tests/oracle/test_oracle_bn00x.py) says on its page which
    TensorFlow and tf-slim showed its pitfall; the oracle run checks those are the versions
    it ran."""
    page = " ".join((DOCS / f"{code}.md").read_text(encoding="utf-8").split())
    has_oracle = (ORACLE / f"test_oracle_{code.lower()}.py").is_file()
    assert bool(VERIFIED.search(page)) == has_oracle, (
        f"docs/rules/{code}.md: a 'Verified against TensorFlow X with tf-slim Y' line goes with an oracle test"
        f" (tests/oracle/test_oracle_{code.lower()}.py exists: {has_oracle})"
    )
