"""docs/editors.md quotes, verbatim, the configuration files the editor tests load."""

from __future__ import annotations

import pytest

from editor_harness import DOCS, SNIPPETS

SNIPPET_FILES = sorted(p.name for p in SNIPPETS.iterdir())


def test_every_tested_snippet_is_there():
    assert SNIPPET_FILES == ["eglot-settings.el", "eglot.el", "nvim-0.11.lua", "nvim-0.7.lua", "nvim-settings.lua"]


@pytest.mark.parametrize("name", SNIPPET_FILES)
def test_docs_quote_the_snippet_verbatim_in_a_code_block(name):
    doc = DOCS.read_text(encoding="utf-8")
    snippet = (SNIPPETS / name).read_text(encoding="utf-8")
    fence = "```lua\n" if name.endswith(".lua") else "```elisp\n"
    assert fence + snippet + "```\n" in doc, f"docs/editors.md must quote tests/editors/snippets/{name} verbatim"
