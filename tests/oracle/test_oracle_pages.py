"""Each rule page's "Verified against TensorFlow X with tf-slim Y" names the versions this
oracle run used: a page cannot claim a check on a TensorFlow nobody ran it on."""

from __future__ import annotations

import pytest

from oracle_harness import ROOT, SLIM_VERSION, TF_VERSION
from bnlint.rules import RULE_CODES

pytestmark = pytest.mark.tf_oracle

ORACLE = ROOT / "tests" / "oracle"
CHECKED = [code for code in RULE_CODES if (ORACLE / f"test_oracle_{code.lower()}.py").is_file()]


@pytest.mark.parametrize("code", CHECKED)
def test_page_names_the_versions_that_ran(code):
    page = (ROOT / "docs" / "rules" / f"{code}.md").read_text(encoding="utf-8")
    expected = f"Verified against TensorFlow {TF_VERSION} with tf-slim {SLIM_VERSION}"
    says = expected in " ".join(page.split())
    assert says, f"docs/rules/{code}.md must say {expected!r}, with the numbers of this run"
