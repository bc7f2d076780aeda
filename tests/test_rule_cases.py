"""Functional rule tests: every tests/cases/BN00X/<case>.py is analysed and checked against its
hand-written <case>.expected (and <case>.fixed.py when fixes are preferred).

A new case is a new pair of files; nothing here changes. For each case this checks:
0. a file that parses gets no notices (a rule that crashed shows up as one); one that does not
   (a half-typed statement, Python 2) gets exactly one, at the first line not read;
1. the findings (code, range) and fix titles equal the .expected file; each finding is complete;
2. each fix applied alone parses (for an input that does not parse: touches no line that was
   not read, and leaves the same lines unread), removes its finding and adds no finding, also
   when the result is analysed incrementally with the block cache of the original, as the
   server does;
3. all preferred fixes together give .fixed.py, and fixing that again changes nothing;
4. the same file with CRLF line endings gives the same findings, a CRLF .fixed.py, and every fix
   (suppression and non-preferred ones too) writes only CRLF line endings.

Kept to Python 3.9 syntax: the project supports 3.9.
"""

from __future__ import annotations

import ast
import difflib
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import pytest

from bnlint.analysis import BlockCache, analyze
from bnlint.blocks import parse_module
from bnlint.config import Config
from bnlint.edits import apply_edits, line_starts, offset_of
from bnlint.findings import SEVERITIES, Finding, Fix, Report, TextEdit
from bnlint.lines import split_lines
from bnlint.rules import RULES

CASES_DIR = Path(__file__).parent / "cases"
CASE_FILES = sorted(p for p in CASES_DIR.glob("BN*/*.py") if not p.name.endswith(".fixed.py"))


def case_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def read_exact(path: Path) -> str:
    """File text with its line endings untouched (no universal-newline translation)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def run_report(source: str, path: Path, cache: Optional[BlockCache] = None) -> Report:
    # an explicit default Config: the cases must not depend on any pyproject.toml around them
    return analyze(source, str(path), Config(), cache)


def run_analysis(source: str, path: Path) -> List[Finding]:
    return sorted(run_report(source, path).findings, key=finding_order)


def finding_order(finding: Finding):
    return (finding.range.start, finding.code, finding.range.end)


# ---------------------------------------------------------------- the .expected text


def render_findings(findings: Sequence[Finding]) -> str:
    """Findings in the .expected format: 1-based lines and columns, end exclusive."""
    lines = []
    for finding in sorted(findings, key=finding_order):
        start, end = finding.range.start, finding.range.end
        lines.append(
            f"{start.line + 1}:{start.character + 1}-{end.line + 1}:{end.character + 1} {finding.code}"
        )
        for fix in finding.fixes:
            if not fix.suppression:
                lines.append(f"  fix{'*' if fix.preferred else ''} {fix.title}")
    return "".join(line + "\n" for line in lines)


def read_expected(path: Path) -> str:
    """The .expected file without comments and blank lines, trailing spaces dropped."""
    kept = []
    for line in read_exact(path).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kept.append(line.rstrip())
    return "".join(line + "\n" for line in kept)


def text_diff(expected: str, actual: str, expected_name: str, actual_name: str) -> str:
    diff = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=expected_name,
        tofile=actual_name,
    )
    # show line endings, or a CRLF mismatch would look like no difference at all
    return "".join(line.replace("\r", "\\r") for line in diff)


# ---------------------------------------------------------------- fixes


def preferred_edits(findings: Sequence[Finding]) -> List[TextEdit]:
    """The edits of every preferred fix; an edit offered by two findings is applied once."""
    edits: List[TextEdit] = []
    for finding in findings:
        for fix in finding.fixes:
            if fix.preferred and not fix.suppression:
                for edit in fix.edits:
                    if edit not in edits:
                        edits.append(edit)
    return edits


def edit_spans(text: str, edits: Sequence[TextEdit]) -> List[Tuple[int, int, int]]:
    """(start, end, length change) of each edit, as offsets into `text`."""
    starts = line_starts(text)
    spans = []
    for edit in edits:
        start, end = offset_of(text, starts, edit.range.start), offset_of(text, starts, edit.range.end)
        spans.append((start, end, len(edit.new_text) - (end - start)))
    return sorted(spans)


def map_offset(offset: int, spans: Sequence[Tuple[int, int, int]]) -> Optional[int]:
    """Where an offset of the old text lands after the edits; None when an edit replaced it."""
    shift = 0
    for start, end, delta in spans:
        if end <= offset:  # an insertion right at the offset pushes it along too
            shift += delta
        elif start <= offset < end:
            return None
    return offset + shift


class Located:
    """A finding with where it sits: its offset and the stripped text of its first line."""

    def __init__(self, finding: Finding, text: str, starts: List[int]) -> None:
        self.finding = finding
        self.code = finding.code
        self.offset = offset_of(text, starts, finding.range.start)
        line = finding.range.start.line
        line_end = starts[line + 1] if line + 1 < len(starts) else len(text)
        self.line_text = text[starts[line]:line_end].strip()

    def describe(self) -> str:
        start = self.finding.range.start
        return f"{self.code} at {start.line + 1}:{start.character + 1} ({self.line_text!r})"


def locate(findings: Sequence[Finding], text: str) -> List[Located]:
    starts = line_starts(text)
    return [Located(f, text, starts) for f in findings]


def same_finding(old: Located, new: Located, spans: Sequence[Tuple[int, int, int]]) -> bool:
    """Whether `new` (after the edits) is `old` again: same code, and the same place or the same line text."""
    if old.code != new.code:
        return False
    moved = map_offset(old.offset, spans)
    return moved == new.offset or old.line_text == new.line_text


def unread_lines(text: str) -> List[str]:
    """The lines bnlint does not read in a text that does not parse (its failing statements)."""
    lines = split_lines(text)
    return [lines[i] for start, end in parse_module(text).skipped for i in range(start, end)]


def check_single_fix(
    source: str, path: Path, findings: List[Finding], finding: Finding, fix: Fix, parses: bool
) -> List[str]:
    """Problems with applying one fix alone."""
    label = f"{finding.code} at {finding.range.start.line + 1}:{finding.range.start.character + 1}, fix {fix.title!r}"
    if not fix.edits:
        return [f"{label}: has no edits"]
    try:
        fixed = apply_edits(source, fix.edits)
    except ValueError as exc:
        return [f"{label}: cannot be applied: {exc}"]
    if fixed == source:
        return [f"{label}: changes nothing"]
    if parses:
        try:
            ast.parse(fixed)
        except SyntaxError as exc:
            return [f"{label}: result does not parse ({exc.msg}, line {exc.lineno}):\n{fixed}"]
    else:
        # the input is being typed (or is Python 2): the fix must leave its broken statements
        # as they are, and break nothing else
        skipped = parse_module(source).skipped
        touched = [
            edit for edit in fix.edits
            if any(start <= edit.range.end.line and edit.range.start.line < end for start, end in skipped)
        ]
        if touched:
            return [f"{label}: edits a line that was not read: {touched}"]
        if unread_lines(fixed) != unread_lines(source):
            return [
                f"{label}: the lines not read change with the fix: {unread_lines(source)} -> {unread_lines(fixed)}"
            ]
    spans = edit_spans(source, fix.edits)
    before = locate(findings, source)
    fixed_findings = run_analysis(fixed, path)
    after = locate(fixed_findings, fixed)
    problems = []
    # the server analyses the edited text reusing the blocks of the previous version: same answer
    cache = BlockCache()
    run_report(source, path, cache)
    incremental = sorted(run_report(fixed, path, cache).findings, key=finding_order)
    if render_findings(incremental) != render_findings(fixed_findings):
        problems.append(
            f"{label}: analysing the result with the cache of the original gives other findings:\n"
            + text_diff(render_findings(fixed_findings), render_findings(incremental), "fresh", "with cache")
        )
    target = next(old for old in before if old.finding is finding)
    # the fixed finding is gone: judged by its place when the fix left that place alone,
    # by its line text when the fix rewrote it (BN001 re-indents the whole statement)
    moved = map_offset(target.offset, spans)
    still_there = [
        new
        for new in after
        if new.code == target.code
        and ((moved is not None and new.offset == moved) or (moved is None and new.line_text == target.line_text))
    ]
    for new in still_there:
        problems.append(f"{label}: the finding is still there after the fix: {new.describe()}")
    for new in after:
        if new in still_there:
            continue
        if not any(same_finding(old, new, spans) for old in before if old is not target):
            problems.append(f"{label}: adds a finding that was not there before: {new.describe()}")
    # and no finding got counted twice (e.g. a fix that duplicates a call)
    grew = Counter(n.code for n in after) - Counter(o.code for o in before)
    if grew:
        problems.append(f"{label}: more findings after the fix than before: {dict(grew)}")
    return problems


# ---------------------------------------------------------------- the test


def expected_finding_fields(finding: Finding, source_line: str) -> List[str]:
    problems = []
    rule = RULES.get(finding.code)
    where = f"{finding.code} at {finding.range.start.line + 1}:{finding.range.start.character + 1}"
    if rule is None:
        return [f"{where}: unknown rule code"]
    if not finding.message.strip():
        problems.append(f"{where}: empty message")
    if finding.name != rule.name:
        problems.append(f"{where}: name {finding.name!r}, rule says {rule.name!r}")
    if finding.url != rule.url() or not finding.url:
        problems.append(f"{where}: url {finding.url!r}, rule says {rule.url()!r}")
    if finding.severity not in SEVERITIES:
        problems.append(f"{where}: severity {finding.severity!r} is not one of {SEVERITIES}")
    if finding.range.end < finding.range.start:
        problems.append(f"{where}: range ends before it starts")
    suppressions = [fix for fix in finding.fixes if fix.suppression]
    # a line continued with a backslash cannot take a comment: there the fix may be missing
    wanted = 0 if source_line.rstrip().endswith("\\") else 1
    if len(suppressions) not in (wanted, 1) or any(
        fix.title != f"Ignore {finding.code} on this line" for fix in suppressions
    ):
        problems.append(f"{where}: expected one fix 'Ignore {finding.code} on this line', got {suppressions}")
    if any(fix.preferred for fix in suppressions):
        problems.append(f"{where}: the suppression fix must not be preferred")
    if finding.code == "BN001" and not finding.related:
        problems.append(f"{where}: BN001 must point at the batch norm sites (related information)")
    return problems


def fix_all(source: str, findings: Sequence[Finding]) -> str:
    return apply_edits(source, preferred_edits(findings))


@pytest.mark.parametrize("case", CASE_FILES, ids=[case_id(p) for p in CASE_FILES])
def test_rule_case(case: Path) -> None:
    source = read_exact(case)
    assert "\r" not in source, f"{case}: write cases with LF endings; the CRLF variant is made here"
    expected_path = case.with_suffix(".expected")
    fixed_path = case.with_name(case.stem + ".fixed.py")
    assert expected_path.is_file(), f"{case}: missing {expected_path.name} (empty file = no findings)"
    try:
        ast.parse(source)
        parses = True
    except SyntaxError:
        parses = False  # a mid-typing case: fixes need not make it parse

    problems: List[str] = []
    report = run_report(source, case)
    findings = sorted(report.findings, key=finding_order)

    # 0. notices: one for a file that does not parse; none otherwise (the core reports a rule
    # that crashed as a notice, which would make a VALID case pass for the wrong reason)
    if parses and report.notices:
        problems.append(f"notices for a file that parses: {[n.message for n in report.notices]}")
    if not parses and len(report.notices) != 1:
        problems.append(f"one notice must say that the file does not parse, got {[n.message for n in report.notices]}")

    # 1. findings and fix titles as written by hand
    expected_text = read_expected(expected_path)
    actual_text = render_findings(findings)
    if actual_text != expected_text:
        problems.append(
            "findings differ from the .expected file:\n"
            + text_diff(expected_text, actual_text, expected_path.name, "actual")
        )
    source_lines = source.split("\n")
    for finding in findings:
        problems.extend(expected_finding_fields(finding, source_lines[finding.range.start.line]))

    # 2. each fix alone
    for finding in findings:
        for fix in finding.fixes:
            problems.extend(check_single_fix(source, case, findings, finding, fix, parses))

    # 3. all preferred fixes at once, and fixing the result again
    has_preferred = bool(preferred_edits(findings))
    fixed_text: Optional[str] = None
    if has_preferred != fixed_path.is_file():
        problems.append(
            f"{fixed_path.name} must exist exactly when a finding has a preferred fix "
            f"(preferred fixes: {has_preferred}, file exists: {fixed_path.is_file()})"
        )
    if has_preferred:
        try:
            fixed_text = fix_all(source, findings)
        except ValueError as exc:
            problems.append(f"fix-all cannot be applied: {exc}")
    if fixed_text is not None and fixed_path.is_file():
        wanted = read_exact(fixed_path)
        if fixed_text != wanted:
            problems.append(
                "fix-all differs from the .fixed.py file:\n" + text_diff(wanted, fixed_text, fixed_path.name, "fix-all")
            )
    if fixed_text is not None:
        again_findings = run_analysis(fixed_text, case)
        try:
            again = fix_all(fixed_text, again_findings)
        except ValueError as exc:
            again = None
            problems.append(f"fix-all of the fixed text cannot be applied: {exc}")
        if again is not None and again != fixed_text:
            problems.append(
                "fix-all is not idempotent; fixing the fixed text again changes it:\n"
                + text_diff(fixed_text, again, "fixed once", "fixed twice")
            )

    # 4. CRLF line endings: same findings, CRLF result
    crlf_source = source.replace("\n", "\r\n")
    crlf_findings = run_analysis(crlf_source, case)
    crlf_text = render_findings(crlf_findings)
    if crlf_text != actual_text:
        problems.append("with CRLF endings the findings change:\n" + text_diff(actual_text, crlf_text, "LF", "CRLF"))
    if fixed_path.is_file() and preferred_edits(crlf_findings):
        wanted_crlf = read_exact(fixed_path).replace("\n", "\r\n")
        try:
            crlf_fixed: Optional[str] = fix_all(crlf_source, crlf_findings)
        except ValueError as exc:
            crlf_fixed = None
            problems.append(f"CRLF fix-all cannot be applied: {exc}")
        if crlf_fixed is not None and crlf_fixed != wanted_crlf:
            problems.append(
                "CRLF fix-all differs from .fixed.py with CRLF endings:\n"
                + text_diff(wanted_crlf, crlf_fixed, fixed_path.name + " (CRLF)", "fix-all")
            )

    for finding in crlf_findings:
        for fix in finding.fixes:
            try:
                result = apply_edits(crlf_source, fix.edits)
            except ValueError:
                continue  # reported above for the LF text
            if "\n" in result.replace("\r\n", "") or "\r" in result.replace("\r\n", ""):
                problems.append(
                    f"with CRLF endings, {finding.code} fix {fix.title!r} writes a line ending that is not CRLF"
                )

    if problems:
        pytest.fail(f"{case_id(case)}:\n\n" + "\n\n".join(problems), pytrace=False)


def test_cases_exist_for_every_rule() -> None:
    """At least a dozen cases per rule, and no stray files in the case folders."""
    per_rule: Dict[str, int] = Counter(p.parent.name for p in CASE_FILES)
    thin = {code: per_rule.get(code, 0) for code in RULES if per_rule.get(code, 0) < 12}
    assert not thin, f"rules with fewer than 12 cases: {thin}"
    stray = []
    for path in CASES_DIR.glob("*/*"):
        name = path.name
        if name.endswith(".fixed.py"):
            owner = path.with_name(name[: -len(".fixed.py")] + ".py")
        elif name.endswith(".expected"):
            owner = path.with_suffix(".py")
        elif name.endswith(".py"):
            continue
        else:
            owner = None
        if owner is None or not owner.is_file():
            stray.append(path.relative_to(CASES_DIR).as_posix())
    assert not stray, f"files in tests/cases that belong to no case: {stray}"
    unknown_folders = sorted({p.parent.name for p in CASE_FILES} - set(RULES))
    assert not unknown_folders, f"case folders that name no rule: {unknown_folders}"
