"""docs/editors.md: it quotes, verbatim, the configuration files the editor tests load, and
every other configuration block in it at least parses in its own language."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from editor_harness import DOCS, SNIPPETS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.9/3.10
    import tomli as tomllib

SNIPPET_FILES = sorted(p.name for p in SNIPPETS.iterdir())


def code_blocks(language: str) -> list[str]:
    doc = DOCS.read_text(encoding="utf-8")
    return re.findall(r"^```" + language + r"\n(.*?)^```\n", doc, flags=re.S | re.M)


def test_every_tested_snippet_is_there():
    assert SNIPPET_FILES == ["eglot-settings.el", "eglot.el", "nvim-0.11.lua", "nvim-0.7.lua", "nvim-settings.lua"]


@pytest.mark.parametrize("name", SNIPPET_FILES)
def test_docs_quote_the_snippet_verbatim_in_a_code_block(name):
    language = "lua" if name.endswith(".lua") else "elisp"
    snippet = (SNIPPETS / name).read_text(encoding="utf-8")
    assert snippet in code_blocks(language), f"docs/editors.md must quote tests/editors/snippets/{name} verbatim"


def test_json_blocks_parse():
    blocks = code_blocks("json")
    assert len(blocks) >= 3  # settings example, Sublime Text, Kate
    for block in blocks:
        json.loads(block)


def test_the_settings_example_is_what_the_server_accepts():
    from bnlint.server.settings import parse_settings

    example = json.loads(code_blocks("json")[0])
    assert set(example) == {"select", "ignore", "severity", "run", "debounceMs", "enable"}
    settings, problems = parse_settings(example, "docs/editors.md")
    assert problems == []
    assert (settings.run, settings.debounce_ms, settings.enable) == ("onType", 150, True)


def test_toml_blocks_parse():
    (helix,) = code_blocks("toml")
    parsed = tomllib.loads(helix)
    assert parsed["language-server"]["bnlint"]["command"] == "bnlint"
    assert parsed["language-server"]["bnlint"]["args"] == ["serve"]
    assert "bnlint" in parsed["language"][0]["language-servers"]


def test_lua_blocks_compile(current_nvim, tmp_path):
    checker = tmp_path / "compile.lua"
    checker.write_text(
        "for _, path in ipairs(arg) do\n"
        "  local chunk, err = loadfile(path)\n"
        "  if not chunk then io.stderr:write(err .. '\\n') os.exit(1) end\n"
        "end\n",
        encoding="utf-8",
    )
    paths = []
    for number, block in enumerate(code_blocks("lua")):
        path = tmp_path / f"block{number}.lua"
        path.write_text(block, encoding="utf-8")
        paths.append(str(path))
    assert len(paths) == 4  # 0.11, its settings, 0.7, nvim-lspconfig
    proc = subprocess.run([current_nvim, "--headless", "--clean", "-l", str(checker), *paths],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_elisp_blocks_read(emacs, tmp_path):
    paths = []
    for number, block in enumerate(code_blocks("elisp")):
        path = tmp_path / f"block{number}.el"
        path.write_text(block, encoding="utf-8")
        paths.append(str(path))
    assert len(paths) == 2
    # read every form; an unbalanced one signals end-of-file, which fails the run
    reader = (
        "(dolist (file command-line-args-left)"
        "  (with-temp-buffer (insert-file-contents file)"
        "    (while (progn (forward-comment (buffer-size)) (not (eobp)))"
        "      (read (current-buffer)))))"
    )
    proc = subprocess.run([emacs, "--batch", "-Q", "--eval", reader, *paths],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
