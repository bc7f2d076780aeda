"""bnlint as a flake8 plugin: `flake8 --select BN` reports bnlint's findings in flake8's format.

Registered under the `flake8.extension` entry point with the code prefix `BN`. flake8 hands
over the file's lines (so stdin and `--stdin-display-name` work) and its name; the nearest
pyproject.toml's `[tool.bnlint]` applies as it does for `bnlint check`, and flake8's own
`--select`, `--ignore` and `# noqa` apply on top. flake8 does not read notebooks.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Optional, Sequence

from . import __version__
from .config import Config, ConfigError, find_pyproject, load_pyproject

_CONFIGS: dict[Optional[Path], Config] = {}  # one flake8 run reads each pyproject.toml once


def _config_for(filename: str) -> Config:
    start = Path.cwd() if filename in ("stdin", "-", "") else Path(filename)
    pyproject = find_pyproject(start)
    if pyproject not in _CONFIGS:
        _CONFIGS[pyproject] = load_pyproject(pyproject) if pyproject else Config(root=Path.cwd())
    return _CONFIGS[pyproject]


class BnlintChecker:
    name = "bnlint"
    version = __version__

    def __init__(self, tree: ast.AST, filename: str, lines: Sequence[str]):
        # `tree` is unused (bnlint builds its own astroid tree) but flake8 only runs plugins
        # that take `tree`, `logical_line` or `physical_line`
        self.filename = filename
        self.lines = lines

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        from .analysis import analyze

        try:
            config = _config_for(self.filename)
        except ConfigError as exc:
            # flake8 shows plugin exceptions as tracebacks: say it as one result instead
            yield 1, 0, f"BN000 bnlint cannot read its configuration: {exc}", type(self)
            return
        path = None if self.filename in ("stdin", "-") else self.filename
        report = analyze("".join(self.lines), path=path, config=config)
        for finding in report.findings:
            start = finding.range.start
            # flake8 wants a 1-based line and a 0-based column
            yield start.line + 1, start.character, f"{finding.code} {finding.message}", type(self)
