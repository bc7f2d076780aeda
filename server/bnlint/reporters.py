"""Output formats of `bnlint check`: text, json, github (workflow commands), sarif (2.1.0) and
gitlab (GitLab Code Quality), plus the per-rule counts of `--statistics`.

Every reporter takes the per-file results in the order they are to be shown and returns the
text for stdout. Lines and columns shown to people and tools are 1-based; columns count
Unicode code points (SARIF says so with `columnKind`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence
from urllib.parse import quote

from . import __version__
from .findings import Finding, Fix, Notice, Range, Related, TextEdit
from .notebook import NotebookSource
from . import rules

FORMATS = ("text", "json", "github", "sarif", "gitlab")


@dataclass
class FileResult:
    """What checking one file gave. Findings are in the coordinates of `analysed_source`
    (the file's text, or a notebook's joined code cells)."""

    path: str  # as shown to the user
    findings: list[Finding] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    error: Optional[str] = None  # the file could not be checked
    notebook: Optional[NotebookSource] = None
    cell_numbers: tuple[int, ...] = ()  # 1-based notebook cell number of each code cell
    fixed: int = 0  # findings removed by --fix / that --diff would remove
    diff: str = ""  # --diff output for this file
    fixed_text: Optional[str] = None  # --fix on stdin: the fixed source, for stdout
    summary: Optional[object] = None  # the file's project.ModuleSummary (first pass of a project run)
    questions: frozenset = frozenset()  # what its first-pass analysis asked of the project


@dataclass(frozen=True)
class Located:
    """A finding with its places resolved: `cell` is the 1-based notebook cell or None."""

    finding: Finding
    cell: Optional[int]
    range: Range
    related: tuple[tuple[Optional[int], Related], ...]
    fixes: tuple[tuple[Fix, tuple[tuple[Optional[int], TextEdit], ...]], ...]  # real fixes only

    @property
    def fixable(self) -> bool:
        return any(fix.preferred for fix, _ in self.fixes)


def locate(result: FileResult, finding: Finding) -> Located:
    real_fixes = [fix for fix in finding.fixes if not fix.suppression]
    if result.notebook is None:
        return Located(
            finding,
            None,
            finding.range,
            tuple((None, item) for item in finding.related),
            tuple((fix, tuple((None, edit) for edit in fix.edits)) for fix in real_fixes),
        )
    numbers = result.cell_numbers
    mapped = result.notebook.finding_to_cells(finding)
    return Located(
        finding,
        numbers[mapped.cell],
        mapped.range,
        tuple((numbers[item.cell], item.related) for item in mapped.related)
        + tuple((None, item) for item in finding.related if item.path is not None),
        tuple(
            (cell_fix.fix, tuple((numbers[e.cell], e.edit) for e in cell_fix.edits))
            for cell_fix in mapped.fixes
            if not cell_fix.fix.suppression
        ),
    )


def located_findings(result: FileResult) -> list[Located]:
    return [locate(result, finding) for finding in sorted(result.findings, key=Finding.sort_key)]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(results: Sequence[FileResult]) -> str:
    checked = [r for r in results if r.error is None]
    located = [loc for r in checked for loc in located_findings(r)]
    with_findings = sum(1 for r in checked if r.findings)
    fixed = sum(r.fixed for r in checked)
    lines = []
    if fixed:
        lines.append(f"Fixed {plural(fixed, 'finding')} in {plural(sum(1 for r in checked if r.fixed), 'file')}.")
    if located:
        fixable = sum(1 for loc in located if loc.fixable)
        lines.append(
            f"Found {plural(len(located), 'finding')} ({fixable} fixable with --fix) "
            f"in {plural(with_findings, 'file')} ({len(checked)} checked)."
        )
    else:
        lines.append(f"No findings in {plural(len(checked), 'file')}.")
    return "\n".join(lines)


def _where(path: str, cell: Optional[int], rng: Range) -> str:
    cell_part = f"cell {cell}:" if cell is not None else ""
    return f"{path}:{cell_part}{rng.start.line + 1}:{rng.start.character + 1}"


def report_text(results: Sequence[FileResult], with_summary: bool = True) -> str:
    lines = []
    for result in results:
        for loc in located_findings(result):
            marker = " [*]" if loc.fixable else ""
            lines.append(
                f"{_where(result.path, loc.cell, loc.range)}: {loc.finding.code}{marker} {loc.finding.message}"
            )
    if with_summary:
        lines.append(summary(results))
    return "".join(line + "\n" for line in lines)


def report_statistics(results: Sequence[FileResult]) -> str:
    """`--statistics`: one line per rule that has findings, `count  code  name`, by code."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for result in results:
        for finding in result.findings:
            counts[finding.code] = counts.get(finding.code, 0) + 1
            names[finding.code] = finding.name
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "".join(f"{counts[code]:>{width}}  {code}  {names[code]}\n" for code in sorted(counts))


# GitLab's scale is info, minor, major, critical, blocker
_GITLAB_SEVERITY = {"error": "critical", "warning": "major", "information": "minor", "hint": "info"}


def _gitlab_path(path: str) -> str:
    """Relative to the working directory (the repository root in a CI job), forward slashes."""
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            pass
    return Path(path).as_posix().removeprefix("./")


def report_gitlab(results: Sequence[FileResult]) -> str:
    """GitLab Code Quality report (a JSON list of issues, for `artifacts: reports: codequality`).

    GitLab keys an issue by its fingerprint, across pipelines: it hashes the path, the rule, the
    message and the finding's rank among identical ones, not the line, so an issue keeps its
    identity when lines above it move. A notebook's lines are not lines of the .ipynb file: its
    issues point at line 1 and name the cell and line in the description."""
    issues = []
    for result in results:
        path = _gitlab_path(result.path)
        seen: dict[tuple[str, str], int] = {}
        for loc in located_findings(result):
            f, rng = loc.finding, loc.range
            rank = seen.get((f.code, f.message), 0)
            seen[(f.code, f.message)] = rank + 1
            digest = hashlib.sha256("\0".join((path, f.code, f.message, str(rank))).encode("utf-8")).hexdigest()
            description = f"{f.code} {f.message}"
            line = rng.start.line + 1
            if loc.cell is not None:
                description = f"cell {loc.cell}:{line}:{rng.start.character + 1}: {description}"
                line = 1
            issues.append(
                {
                    "description": description,
                    "check_name": f.code,
                    "fingerprint": digest[:32],
                    "severity": _GITLAB_SEVERITY.get(f.severity, "major"),
                    "location": {"path": path, "lines": {"begin": line}},
                }
            )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _point(line: int, character: int) -> dict:
    return {"row": line + 1, "column": character + 1}


def _with_cell(record: dict, cell: Optional[int]) -> dict:
    if cell is not None:
        record["cell"] = cell
    return record


def report_json(results: Sequence[FileResult]) -> str:
    """A list of findings. Suppression fixes ("Ignore BN00X on this line") are left out of
    `fixes`: everything listed there is a real change to the code."""
    records = []
    for result in results:
        for loc in located_findings(result):
            f = loc.finding
            record = {"filename": result.path}
            _with_cell(record, loc.cell)
            record.update(
                code=f.code,
                name=f.name,
                severity=f.severity,
                message=f.message,
                url=f.url,
                location=_point(loc.range.start.line, loc.range.start.character),
                end_location=_point(loc.range.end.line, loc.range.end.character),
                related=[
                    _with_cell(
                        {
                            **({"filename": related_path(item.path)} if item.path is not None else {}),
                            "message": item.message,
                            "location": _point(item.range.start.line, item.range.start.character),
                            "end_location": _point(item.range.end.line, item.range.end.character),
                        },
                        cell,
                    )
                    for cell, item in loc.related
                ],
                fixes=[
                    {
                        "title": fix.title,
                        "preferred": fix.preferred,
                        "edits": [
                            _with_cell(
                                {
                                    "content": edit.new_text,
                                    "location": _point(edit.range.start.line, edit.range.start.character),
                                    "end_location": _point(edit.range.end.line, edit.range.end.character),
                                },
                                cell,
                            )
                            for cell, edit in edits
                        ],
                    }
                    for fix, edits in loc.fixes
                ],
            )
            records.append(record)
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "information": "notice", "hint": "notice"}


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def report_github(results: Sequence[FileResult]) -> str:
    """GitHub Actions workflow commands. A notebook's lines are not lines of the .ipynb file,
    so notebook findings name the file only and carry `cell N:line:col` in the message."""
    lines = []
    for result in results:
        for loc in located_findings(result):
            f, rng = loc.finding, loc.range
            props = [f"file={_github_property(result.path)}"]
            message = f.message
            if loc.cell is None:
                props += [
                    f"line={rng.start.line + 1}",
                    f"col={rng.start.character + 1}",
                    f"endLine={rng.end.line + 1}",
                    f"endColumn={rng.end.character + 1}",
                ]
            else:
                message = f"cell {loc.cell}:{rng.start.line + 1}:{rng.start.character + 1}: {message}"
            props.append(f"title={_github_property(f'{f.code} {f.name}')}")
            lines.append(f"::{_GITHUB_LEVEL.get(f.severity, 'warning')} {','.join(props)}::{_github_data(message)}")
    return "".join(line + "\n" for line in lines)


SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "information": "note", "hint": "note"}


def related_path(path: str) -> str:
    """A related place's file as shown: relative to the working folder when under it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if relative.startswith("..") else relative


def _sarif_artifact(path: str) -> dict:
    if path in ("-", "<stdin>"):
        return {"uri": "stdin"}
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix()), "uriBaseId": "%SRCROOT%"}


def _sarif_region(rng: Range, cell: Optional[int]) -> dict:
    region = {
        "startLine": rng.start.line + 1,
        "startColumn": rng.start.character + 1,
        "endLine": rng.end.line + 1,
        "endColumn": rng.end.character + 1,
    }
    if cell is not None:
        # SARIF has no notion of notebook cells: lines count within the cell named here
        region["properties"] = {"cell": cell}
    return region


def report_sarif(results: Sequence[FileResult], notifications: Sequence[tuple[str, str]] = ()) -> str:
    """One SARIF 2.1.0 log with one run. `notifications` are (level, text) pairs for files
    that could not be checked and notices, reported as tool execution notifications."""
    catalogue = rules.RULES
    rule_codes = list(catalogue)
    descriptors = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary or rule.name},
            "helpUri": rule.url(),
            "defaultConfiguration": {"level": _SARIF_LEVEL.get(rule.default_severity, "warning")},
        }
        for rule in catalogue.values()
    ]
    sarif_results = []
    for result in results:
        artifact = _sarif_artifact(result.path)
        for loc in located_findings(result):
            f = loc.finding
            item = {
                "ruleId": f.code,
                "level": _SARIF_LEVEL.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": artifact, "region": _sarif_region(loc.range, loc.cell)}}
                ],
            }
            if f.code in rule_codes:
                item["ruleIndex"] = rule_codes.index(f.code)
            if loc.related:
                item["relatedLocations"] = [
                    {
                        "id": number,
                        "message": {"text": related.message},
                        "physicalLocation": {
                            "artifactLocation": artifact if related.path is None else _sarif_artifact(related_path(related.path)),
                            "region": _sarif_region(related.range, cell),
                        },
                    }
                    for number, (cell, related) in enumerate(loc.related, start=1)
                ]
            fixes = [
                {
                    "description": {"text": fix.title},
                    "artifactChanges": [
                        {
                            "artifactLocation": artifact,
                            "replacements": [
                                {
                                    "deletedRegion": _sarif_region(edit.range, cell),
                                    "insertedContent": {"text": edit.new_text},
                                }
                                for cell, edit in edits
                            ],
                        }
                    ],
                }
                for fix, edits in loc.fixes
                if edits
            ]
            if fixes:
                item["fixes"] = fixes
            sarif_results.append(item)
    invocation = {
        "executionSuccessful": not any(level == "error" for level, _ in notifications),
        "toolExecutionNotifications": [{"level": level, "message": {"text": text}} for level, text in notifications],
    }
    log = {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "bnlint",
                        "version": __version__,
                        "informationUri": "https://github.com/bnlint/bnlint",
                        "rules": descriptors,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "invocations": [invocation],
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
