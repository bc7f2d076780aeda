"""The analysis core: source text in, findings out. Knows nothing of LSP or the command line.

    analyze(source, path=None, config=None, cache=None, project=None, cancelled=None) -> Report

The CLI and the language server are thin adapters over this one function. `cache` (a
BlockCache per document) lets the server reuse the astroid trees of the top-level blocks an
edit did not touch. `cancelled() -> bool` lets the server give up an analysis whose text has
been edited meanwhile: once it is true, analyze raises AnalysisCancelled at its next
checkpoint (the cache stays consistent: checkpoints come only after the blocks are stored).
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Callable, Optional

from dataclasses import dataclass, field

from .config import Config
from .findings import Finding, Fix, Notice, Position, Range, Report
from .project import BATCH_NORM_SPELLINGS, names_any

__all__ = ["analyze", "AnalysisCancelled", "BlockCache"]


class AnalysisCancelled(Exception):
    """The caller's `cancelled()` said the result is no longer wanted."""

    dependents: frozenset = frozenset()  # set by the server: files to analyse again all the same


@dataclass
class BlockCache:
    """One document's astroid statements per top-level block, kept between analyses (see blocks.py)."""

    blocks: dict = field(default_factory=dict)
    repairs: dict = field(default_factory=dict)  # block text -> recovery.Repair, for blocks that do not parse

# Every rule is about a batch norm (or, BN011, a dropout) somewhere in the file: without one,
# nothing can fire.
_RULE_WORDS = BATCH_NORM_SPELLINGS + ("Dropout", "dropout")

# Top-level blocks that can matter to a finding: they name an API the rules follow, or bind
# names (imports, assignments) that resolution may go through.
_TRIGGERS = re.compile(
    r"[Bb]atch_?[Nn]orm|normaliz|arg_scope|minimize|apply_gradients|control_dependencies|UPDATE_OPS"
    r"|update_ops|get_collection|group|with_dependencies|\.run\b|create_train_op|optimize_loss"
    r"|[Dd]ropout|Saver|trainable_variables|\.updates\b|get_updates_for"
    r"|import|partial|^[A-Za-z_][\w.\[\]'\" ,]*=",
)
_DEFINES = re.compile(r"^[ \t]*(?:async\s+)?(?:def|class)\s+(\w+)|^(\w+)\s*=", re.MULTILINE)

_DISABLE_FILE = re.compile(r"#\s*bnlint:\s*disable-file\s*=\s*([A-Za-z0-9_, ]+)")


def _relevant_blocks(texts: list[str], names: frozenset = frozenset()) -> list[bool]:
    """Which top-level blocks to build: those naming a trigger or one of `names` (with a
    project: what the file imports from modules that may be the project's)."""
    facts = [_block_facts(text) for text in texts]
    keep = [triggered for triggered, _ in facts]
    # add blocks that use a name a kept block defines (a model function called elsewhere),
    # until nothing changes: helpers can be chained through any number of functions
    seen: set = set()
    wanted = set(names)
    while True:
        for i, (_, defines) in enumerate(facts):
            if keep[i]:
                wanted |= defines
        wanted -= seen
        if not wanted:
            return keep
        seen |= wanted
        uses = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(wanted))) + r")\b")
        keep = [k or bool(uses.search(t)) for k, t in zip(keep, texts)]
        wanted = set()


@functools.lru_cache(maxsize=4096)
def _block_facts(text: str) -> tuple[bool, frozenset]:
    """(names a trigger, the names it defines) of one block: kept across the analyses of an
    edited document, whose unchanged blocks come again (hashing a text costs far less than
    searching it)."""
    defines = frozenset(m.group(1) or m.group(2) for m in _DEFINES.finditer(text)) - {None}
    return bool(_TRIGGERS.search(text)), defines


def project_relevant_blocks(texts: list[str]) -> list[bool]:
    """The blocks to build when the project is read too: besides the ones alone, every block
    that names something imported from a module other than TensorFlow's (it may call another
    module's function, or hand one on), and the blocks using what those define. Every block
    when a star import may bind any name."""
    names: set = set()
    for text in texts:
        imported = _block_imports(text)
        if imported is None:
            return [True] * len(texts)
        names |= imported
    return _relevant_blocks(texts, frozenset(names))


@functools.lru_cache(maxsize=4096)
def _block_imports(text: str) -> Optional[frozenset]:
    from .project import imported_names

    names = imported_names(text)
    return None if names is None else frozenset(names)


def _syntax_notice(problem, skipped: list, document) -> Notice:
    """The one notice of a file that does not parse: at the first line not read, how many were not."""
    count = sum(end - start for start, end in skipped)
    if not skipped:
        at = Position(problem.line, problem.column)
        return Notice(
            f"cannot parse line {problem.line + 1}: {problem.message}; findings come from the parts that parse"
            " (bnlint reads Python 3)",
            Range(at, at),
        )
    first = skipped[0][0]
    at = Position(first, len(document.indentation(first)))
    lines = "1 line" if count == 1 else f"{count} lines"
    return Notice(
        f"cannot parse line {first + 1}: {problem.message}; {lines} not read, the findings come from the rest"
        " of the file (bnlint reads Python 3)",
        Range(at, at),
    )


def _touches(fix: Fix, skipped: list) -> bool:
    """Whether a fix edits (or inserts on) a line that was not read."""
    for edit in fix.edits:
        first, last = edit.range.start.line, edit.range.end.line
        if last > first and edit.range.end.character == 0:
            last -= 1  # an edit that ends where a line begins does not touch that line
        if any(start <= last and first < end for start, end in skipped):
            return True
    return False


def _disabled_codes(source: str) -> set:
    codes: set = set()
    for match in _DISABLE_FILE.finditer(source):
        codes |= {c.strip().upper() for c in match.group(1).split(",") if c.strip()}
    return codes


def analyze(
    source: str,
    path: Optional[str] = None,
    config: Optional[Config] = None,
    cache: Optional[BlockCache] = None,
    project=None,
    cancelled: Optional[Callable[[], bool]] = None,
    defer_summary: bool = False,
) -> Report:
    """Findings for one file. With `project` (a project.Project), the file is analysed with the
    project around it: batch norms built in modules it imports count for its train ops, and
    calls of its functions in other modules count for arg_scope coverage. The file's own
    summary (report.summary) is recorded in the project as a by-product; with `defer_summary`
    (an editor, while typing) the project keeps the file's previous summary and
    report.pending_summary() computes the new one later, off the keystroke's path. It must be
    called before the next analysis with the same `cache` (that may move the trees it reads)."""
    config = config or Config()
    report = Report()
    view = project.view(path) if project is not None and path is not None else None
    names_batch_norm = names_any(source, _RULE_WORDS)
    if not names_batch_norm:
        # a train op or arg_scope here may still meet batch norms built in an imported module
        from .project import mentions_project_api, summarize_source

        names_api = view is not None and mentions_project_api(source, names_batch_norm=False)
        if view is not None and not project.load:
            # a first pass over a whole project (see cli.run_project_tasks): the file's
            # imports-only summary, so that the index need not read it again; whether it
            # reaches batch norm is known only once every module is summarised: say what it
            # depends on
            summary = summarize_source(source, path, mentions=names_api, names_batch_norm=False)
            return Report(summary=summary, questions=frozenset({("reaches",)} if names_api else ()))
        if not names_api:
            if cache is not None:
                cache.blocks, cache.repairs = {}, {}
            return report
    # imported here: a run over files that never name batch norm does not pay for astroid
    from .blocks import parse_module
    from .context import Context
    from .document import Document
    from .fixes import add_noqa, noqa_codes
    from .rules import RULES

    if cancelled is not None and cancelled():
        raise AnalysisCancelled()
    try:
        relevant = _relevant_blocks if view is None else project_relevant_blocks
        parsed = parse_module(source, cache, relevant)
    except (RecursionError, MemoryError) as exc:  # absurdly nested code: say so, never crash the editor
        if cache is not None:
            cache.blocks, cache.repairs = {}, {}
        report.notices.append(Notice(f"cannot analyse this file: {type(exc).__name__} while building its syntax tree"))
        return report
    checkpoint = None
    if cancelled is not None:

        def checkpoint() -> None:
            if cancelled():
                raise AnalysisCancelled()

        checkpoint()
    document = Document(source)
    if parsed.problem is not None:
        report.notices.append(_syntax_notice(parsed.problem, parsed.skipped, document))
    context = Context(parsed.module, document, parsed.index, view, checkpoint)
    if view is not None:
        from .project import digest_of, summarize

        digest = digest_of(source)
        known = project.known(path)
        if known is not None and known.digest != digest and defer_summary:
            report.pending_summary = lambda: summarize(context, path, digest)
        elif known is None or known.digest != digest or not known.full:
            # (an imports-only summary of this text is completed from this tree: the project
            # need not read the file again, see Project.complete_partial)
            known = summarize(context, path, digest)
            project.add(path, known)
        if known is not None and known.digest == digest:
            context.current_summary = known  # what the text itself says, for the rules' questions
        report.summary = known
        if not names_batch_norm and not view.reaches_batch_norm:
            # no batch norm here nor in what it imports: nothing can fire
            return Report(summary=known, questions=frozenset(view.questions))
    disabled = _disabled_codes(source)
    findings: list[Finding] = []
    for code, rule_class in RULES.items():
        if code in disabled or not config.enabled(code):
            continue
        context.checkpoint()
        try:
            produced = []
            for finding in rule_class().check(context):
                produced.append(finding)
                context.checkpoint()
        except AnalysisCancelled:
            raise
        except Exception as exc:  # a rule bug must not take the other rules (or the editor) down
            report.notices.append(Notice(f"internal error in {code}: {type(exc).__name__}: {exc}"))
            continue
        for finding in produced:
            line_index = finding.range.start.line
            silenced = noqa_codes(document.line(line_index))
            if silenced is not None and (not silenced or code in silenced):
                continue
            fixes = finding.fixes
            if parsed.skipped:
                fixes = tuple(fix for fix in fixes if not _touches(fix, parsed.skipped))
            suppress = add_noqa(document, line_index, code)
            if suppress is not None:
                fixes = fixes + (Fix(f"Ignore {code} on this line", (suppress,), False, True),)
            findings.append(
                replace(finding, fixes=fixes, severity=config.severity_of(code, rule_class.default_severity))
            )
    findings.sort(key=Finding.sort_key)
    report.findings = findings
    if view is not None:
        report.questions = frozenset(view.questions)
    return report
