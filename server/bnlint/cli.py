"""The `bnlint` command: `check` (CI and terminals), `rules`, `explain`, `serve`.

Exit status of `check`: 0 no findings, 1 findings (or, with --diff, changes to show),
2 usage errors, bad configuration, or files that could not be read or checked.
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import sys
import tokenize
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence, TypeVar

from . import __version__
from .config import Config, ConfigError, find_pyproject, load_config_file, load_pyproject
from .edits import compatible_fixes
from .findings import Finding, Fix, Notice, Report, TextEdit
from .lines import split_lines
from .notebook import NotebookError, NotebookFile, NotebookSource
from .reporters import (
    FORMATS,
    FileResult,
    plural,
    report_github,
    report_gitlab,
    report_json,
    report_sarif,
    report_statistics,
    report_text,
)
from . import rules
from .rules import rule_page

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

MAX_FILE_BYTES = 2 * 1024 * 1024  # larger files are generated or data, not model code
# for a notebook that limit holds for its code cells; images and logs in the outputs often
# weigh far more, and only this bound (against reading anything at all) applies to the file
MAX_NOTEBOOK_FILE_BYTES = 256 * 1024 * 1024
MAX_FIX_PASSES = 4  # a fix can make another finding fixable; fixes that never settle stop here
PARALLEL_MIN_FILES = 48  # measured: below ~40 model files, workers (each warming astroid up) cost more than they save
# tool folders, Jupyter's checkpoint copies (they would repeat every notebook finding), and
# jupyterlab-lsp's .virtual_documents (Python text in files named *.ipynb)
SKIPPED_FOLDERS = frozenset(
    {
        ".venv",
        "venv",
        "node_modules",
        ".git",
        "__pycache__",
        ".hg",
        ".svn",
        ".tox",
        ".mypy_cache",
        ".ipynb_checkpoints",
        ".virtual_documents",
    }
)
CHECKED_SUFFIXES = (".py", ".ipynb")


# ---------------------------------------------------------------------------------------------
# configuration


class ConfigCache:
    """Config per file: the nearest pyproject.toml's (or, with `config_file`, that file's for
    every file), with the command line's options on top. Each file is read once."""

    def __init__(self, overrides: dict, config_file: Optional[Path] = None):
        self.overrides = overrides
        self.config_file = config_file
        self._by_pyproject: dict[Optional[Path], Config] = {}
        self._pyproject_of_folder: dict[Path, Optional[Path]] = {}

    def for_path(self, path: Path) -> Config:
        if self.config_file is not None:
            if None not in self._by_pyproject:
                base = load_config_file(self.config_file)
                self._by_pyproject[None] = base.layered(self.overrides, source="command line") if self.overrides else base
            return self._by_pyproject[None]
        folder = path if path.is_dir() else path.parent
        if folder not in self._pyproject_of_folder:
            self._pyproject_of_folder[folder] = find_pyproject(folder)
        pyproject = self._pyproject_of_folder[folder]
        if pyproject not in self._by_pyproject:
            base = load_pyproject(pyproject) if pyproject else Config(root=Path.cwd())
            self._by_pyproject[pyproject] = (
                base.layered(self.overrides, source="command line") if self.overrides else base
            )
        return self._by_pyproject[pyproject]


def _code_list(text: Optional[str]) -> Optional[list[str]]:
    if text is None:
        return None
    return [part.strip() for part in text.split(",") if part.strip()]


# ---------------------------------------------------------------------------------------------
# finding the files


@dataclass(frozen=True)
class CheckTask:
    path: Optional[str]  # None: the text comes from stdin
    display: str
    config: Config
    mode: str  # "check", "fix" or "diff"
    stdin_bytes: Optional[bytes] = None
    project_root: Optional[str] = None  # the project around the file (None: the file alone)
    first_pass: bool = False  # analyse alone, but record the file's summary for the project index
    cache_folder: Optional[str] = None  # the .bnlint_cache/ to use (None: --no-cache, or not `check`)
    cache_probed: bool = False  # the cache was read for it already (a miss): only write the entry


def collect_files(
    paths: Sequence[str], configs: ConfigCache, force_exclude: bool = False
) -> tuple[list[tuple[str, Config]], list[str]]:
    """(files to check with their config, error messages). Folders are walked for *.py and
    *.ipynb, minus excluded paths and tool folders; a file named explicitly is checked unless
    `force_exclude` (pre-commit names every staged file, excluded or not)."""
    found: list[tuple[str, Config]] = []
    errors: list[str] = []
    seen: set[str] = set()

    def add(display: str, config: Config) -> None:
        key = os.path.realpath(display)
        if key not in seen:
            seen.add(key)
            found.append((display, config))

    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            for folder, dirnames, filenames in os.walk(arg):
                dirnames[:] = sorted(
                    d
                    for d in dirnames
                    if d not in SKIPPED_FOLDERS and not configs.for_path(Path(folder, d)).is_excluded(Path(folder, d))
                )
                for name in sorted(filenames):
                    if not name.endswith(CHECKED_SUFFIXES):
                        continue
                    file_path = os.path.normpath(os.path.join(folder, name))
                    config = configs.for_path(Path(file_path))
                    if not config.is_excluded(Path(file_path)):
                        add(file_path, config)
        elif path.exists() or path.is_symlink():
            config = configs.for_path(path)
            if not (force_exclude and config.is_excluded(path)):
                add(os.path.normpath(arg), config)
        else:
            errors.append(f"{arg}: no such file or folder")
    return found, errors


# ---------------------------------------------------------------------------------------------
# checking one file (runs in worker processes: module-level functions, picklable arguments)


class FileProblem(Exception):
    """The file cannot be checked or written; the message says why in a few words."""


def _size_limit(display: str) -> int:
    return MAX_NOTEBOOK_FILE_BYTES if display.endswith(".ipynb") else MAX_FILE_BYTES


def _too_large(size: int, limit: int, what: str = "") -> FileProblem:
    return FileProblem(f"too large ({size} bytes{what}; the limit is {limit} bytes)")


def _decode(raw: bytes, is_python: bool) -> tuple[str, str]:
    """(text, encoding to write it back with). Python files may declare an encoding (PEP 263)."""
    limit = MAX_FILE_BYTES if is_python else MAX_NOTEBOOK_FILE_BYTES
    if len(raw) > limit:
        raise _too_large(len(raw), limit)
    if b"\0" in raw:
        raise FileProblem("binary file (contains NUL bytes)")
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    if is_python:
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        except SyntaxError as exc:
            if "unknown encoding" in str(exc):
                raise FileProblem(f"cannot decode: {exc}") from None
            # no usable declaration and the first lines are not UTF-8: say where below
            encoding = "utf-8"
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise FileProblem(
            f"not valid {encoding.upper().replace('-SIG', '')} text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None


def _read(task: CheckTask) -> bytes:
    if task.stdin_bytes is not None:
        return task.stdin_bytes
    try:
        size = os.stat(task.path).st_size
        if size > _size_limit(task.display):
            raise _too_large(size, _size_limit(task.display))
        with open(task.path, "rb") as handle:
            return handle.read()
    except IsADirectoryError:
        raise FileProblem("is a folder, not a file") from None
    except OSError as exc:
        raise FileProblem(f"cannot read: {exc.strerror or exc}") from None


def choose_fix_edits(findings: Iterable[Finding], usable: Callable[[Fix], bool] = lambda fix: True) -> list[TextEdit]:
    """The edits of every finding's preferred fixes that can be applied together (see
    edits.compatible_fixes); a fix left out is tried again in the next pass."""
    fixes = [
        fix
        for finding in sorted(findings, key=Finding.sort_key)
        for fix in finding.fixes
        if fix.preferred and not fix.suppression and usable(fix)
    ]
    picked = compatible_fixes(fixes, lambda fix: fix.edits, _span)
    return [edit for _, edits in picked for edit in edits]


def _span(edit: TextEdit) -> tuple:
    return (None, edit.range.start, edit.range.end, edit.new_text)


State = TypeVar("State")


def fix_until_stable(
    state: State,
    analyse: Callable[[State], Report],
    apply: Callable[[State, list[TextEdit]], State],
    usable: Callable[[State, Fix], bool] = lambda state, fix: True,
) -> tuple[State, Report, Report]:
    """Apply preferred fixes pass after pass until none is left. (final state, first report, final report)."""
    first = report = analyse(state)
    for _ in range(MAX_FIX_PASSES):
        edits = choose_fix_edits(report.findings, lambda fix, state=state: usable(state, fix))
        if not edits:
            break
        new_state = apply(state, edits)
        if new_state == state:
            break
        state = new_state
        report = analyse(state)
    return state, first, report


def unified_diff(old: str, new: str, name: str) -> str:
    import difflib

    lines = []
    for line in difflib.unified_diff(split_lines(old, keepends=True), split_lines(new, keepends=True), name, name):
        lines.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def _cached_result(task: CheckTask) -> Optional[FileResult]:
    """The task's result from the cache, or None (not cached, or the file cannot be read)."""
    result = FileResult(task.display)
    try:
        entry = _cache_entry(task, _read(task))
    except FileProblem:
        return None
    return result if entry is not None and _from_cache(entry, task, result) else None


# Garbage collection during `check` (see collect_per_file): astroid trees are full of cycles
# (every node points to its parent), so only the cycle collector frees them. Its automatic
# runs traverse everything alive, bnlint's and astroid's modules included, over and over:
# about a third of a cold run's CPU. Instead: what is alive after start-up is frozen (never
# traversed again), automatic collection is off, and after each file the youngest generation
# (that file's objects) is collected once; the survivors are traversed again every
# _OLDER_EVERY files only.
_COLLECT_PER_FILE = False
_OLDER_EVERY = 256
_checked_since_older = 0


def collect_per_file() -> None:
    """Switch this process (and the worker processes it forks) to collecting per file."""
    global _COLLECT_PER_FILE
    gc.collect()
    gc.freeze()
    gc.disable()
    _COLLECT_PER_FILE = True


def _collect() -> None:
    global _checked_since_older
    _checked_since_older += 1
    if _checked_since_older >= _OLDER_EVERY:
        _checked_since_older = 0
        gc.collect(1)
    else:
        gc.collect(0)


def check_file(task: CheckTask) -> FileResult:
    """Check (and with mode fix/diff, fix) one file. Never raises: problems become `error`."""
    try:
        return _check_file(task)
    finally:
        if _COLLECT_PER_FILE:
            _collect()


def _check_file(task: CheckTask) -> FileResult:
    result = FileResult(task.display)
    try:
        raw = _read(task)
        entry = _cache_entry(task, raw)
        if entry is not None and not task.cache_probed and _from_cache(entry, task, result):
            return result
        if task.display.endswith(".ipynb"):
            _check_notebook(task, raw, result)
        else:
            _check_python(task, raw, result)
        if entry is not None:
            _to_cache(entry, task, result)
    except FileProblem as exc:
        result.error = str(exc)
    except NotebookError as exc:
        result.error = str(exc)
    except Exception as exc:  # an analysis bug must not hide the other files' results
        result.error = f"internal error while checking this file: {type(exc).__name__}: {exc} (please report it)"
    return result


def _cache_entry(task: CheckTask, raw: bytes) -> Optional[tuple[Path, str]]:
    """(cache folder, entry name) for a file `check` may take from the cache, else None."""
    if task.cache_folder is None or task.mode != "check" or task.path is None:
        return None
    from . import cache

    if task.project_root is None:
        project_inputs = "alone"
    elif task.first_pass:
        project_inputs = "first pass"  # analysed alone, the summary for the project recorded
    else:
        project = _PROJECTS.get(task.project_root)
        if project is None:
            return None
        project_inputs = "project " + project.fingerprint(os.path.abspath(task.path))
    return Path(task.cache_folder), cache.key(task.path, raw, task.config, project_inputs)


def _from_cache(entry: tuple[Path, str], task: CheckTask, result: FileResult) -> bool:
    from . import cache

    value = cache.load(*entry)
    if value is None:
        return False
    try:
        findings, notices = list(value["findings"]), list(value["notices"])
        cells = value["cells"]
        notebook = NotebookSource(cells) if cells is not None else None
        cell_numbers, summary = tuple(value["cell_numbers"]), value["summary"]
        questions = frozenset(value["questions"])
        recorded = value["recorded"]
    except (KeyError, TypeError, ValueError):
        return False  # a foreign entry
    project = _PROJECTS.get(task.project_root) if task.project_root is not None and not task.first_pass else None
    if project is not None and recorded is not None:
        # what analyze() would have done: the later files of this run may ask for it
        known = project.known(task.path)
        if known is None or known.digest != recorded.digest or (recorded.full and not known.full):
            project.add(task.path, recorded)
    result.findings, result.notices, result.notebook = findings, notices, notebook
    result.cell_numbers, result.summary, result.questions = cell_numbers, summary, questions
    return True


def _to_cache(entry: tuple[Path, str], task: CheckTask, result: FileResult) -> None:
    from . import cache

    cache.store(
        *entry,
        {
            "findings": result.findings,
            "notices": result.notices,
            "cells": list(result.notebook.cells) if result.notebook is not None else None,
            "cell_numbers": list(result.cell_numbers),
            "summary": result.summary,
            "questions": result.questions,  # a first pass: they decide whether a second is needed
            "recorded": _RECORDED.pop(task.path, None),
        },
    )


def _write(path: str, data: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise FileProblem(f"cannot write the fixes: {exc.strerror or exc}") from None


def _source_path(task: CheckTask) -> Optional[str]:
    if task.path is not None:
        return task.path
    return None if task.display == "<stdin>" else task.display


# The projects of a run by root folder; set before the worker processes fork, so that each
# worker reads them instead of indexing again.
_PROJECTS: dict = {}
_FIRST_PASS_LOOKUPS: dict = {}  # root -> (absolute root, the Project lookups its run shares)


def _project_of(task: CheckTask, path: Optional[str]):
    if task.project_root is None or path is None:
        return None
    if task.first_pass:
        from .project import Project

        # this file's facts only; where its imports lead on disk is looked up once per run
        root, lookups = _FIRST_PASS_LOOKUPS[task.project_root]
        return Project(root, load=False, lookups=lookups)
    return _PROJECTS.get(task.project_root)


# A project run that stays in one process keeps (by absolute path) the syntax trees of the
# modules the project had to read in full while indexing (training scripts whose callers'
# facts it needed): the second pass analyses just those, and reuses their trees (as the
# language server does between edits) instead of building them again. The first pass keeps
# none: few of its files are checked again, and keeping their trees cost more than it saved
# (bench/project_bench.py).
_KEPT_TREES: dict = {}
_KEEP_TREES = False
# The summary an analysis with the project recorded in it (analyze() adds the file's summary
# to the project as a by-product), per path: a cached result must record it the same way.
_RECORDED: dict = {}


def _analyse(config: Config, path: Optional[str], project=None, record=None) -> Callable[[str], Report]:
    from .analysis import analyze

    def run(text: str) -> Report:
        cache = None
        if _KEEP_TREES and record is None and path is not None and project is not None:
            cache = _KEPT_TREES.pop(os.path.abspath(path), None)
        report = analyze(text, path=path, config=config, cache=cache, project=project)
        if record is None and project is not None and path is not None:
            _RECORDED[path] = report.summary
        if record is not None:
            record.summary = report.summary
            record.questions = record.questions | report.questions
        return report

    return run


def _check_python(task: CheckTask, raw: bytes, result: FileResult) -> None:
    text, encoding = _decode(raw, is_python=True)
    path = _source_path(task)
    project = _project_of(task, path)
    if project is not None and task.path is None:
        project.set_document(path, text)  # stdin stands for the file it names
    analyse = _analyse(task.config, path, project, result if task.first_pass else None)
    if task.mode == "check":
        report = analyse(text)
    else:
        from .edits import apply_edits

        new_text, first, report = fix_until_stable(text, analyse, apply_edits)
        result.fixed = max(0, len(first.findings) - len(report.findings))
        if new_text != text:
            if task.mode == "diff":
                result.diff = unified_diff(text, new_text, task.display)
            elif task.path is None:
                result.fixed_text = new_text
            else:
                _write(task.path, new_text.encode(encoding))
        elif task.mode == "fix" and task.path is None:
            result.fixed_text = text
    result.findings = list(report.findings)
    result.notices = list(report.notices)


def _check_notebook(task: CheckTask, raw: bytes, result: FileResult) -> None:
    text, _ = _decode(raw, is_python=False)
    notebook = NotebookFile(text)
    language = notebook.language
    if language is not None and "python" not in language:
        # like a file of another language in the folder: nothing to check, nothing wrong
        result.notices.append(Notice(f"not a Python notebook (its language is {language!r}): skipped"))
        return
    code_bytes = len(notebook.source.source.encode("utf-8", "surrogatepass"))
    if code_bytes > MAX_FILE_BYTES:
        raise _too_large(code_bytes, MAX_FILE_BYTES, " of code in its code cells")
    result.cell_numbers = tuple(index + 1 for index in notebook.code_cells)
    if not notebook.code_cells:
        return
    path = _source_path(task)
    analyse_text = _analyse(task.config, path, _project_of(task, path), result if task.first_pass else None)
    state = notebook.source
    if task.mode == "check":
        report = analyse_text(state.source)
    else:
        state, first, report = fix_until_stable(
            state,
            lambda nb: analyse_text(nb.source),
            lambda nb, edits: NotebookSource.from_cells(nb.apply_edits(edits)),
            lambda nb, fix: nb.fix_to_cells(fix) is not None,
        )
        result.fixed = max(0, len(first.findings) - len(report.findings))
        if state.cells != notebook.source.cells:
            if task.mode == "diff":
                result.diff = "".join(
                    unified_diff(old, new, f"{task.display}:cell {number}")
                    for old, new, number in zip(notebook.source.cells, state.cells, result.cell_numbers)
                    if old != new
                )
            else:
                new_json = notebook.with_cells(state.cells)
                if task.path is None:
                    result.fixed_text = new_json
                else:
                    _write(task.path, new_json.encode("utf-8"))
        elif task.mode == "fix" and task.path is None:
            result.fixed_text = text
    result.notebook = state
    result.findings = list(report.findings)
    result.notices = list(report.notices)


def run_project_tasks(tasks: list[CheckTask], jobs: Optional[int]) -> list[FileResult]:
    """Check files with the projects around them.

    Checking runs in two passes so that no file is built twice without need: the first
    checks every file alone and records its summary; the projects are then indexed (the
    files not checked here, the modules they import); the second pass checks again, with
    the project, only the files whose findings can depend on other modules.
    """
    from .project import Project

    roots = {t.project_root for t in tasks if t.project_root is not None}
    _PROJECTS.clear()
    _FIRST_PASS_LOOKUPS.clear()
    for root in roots:
        # the first pass's files and the project look up where the same imports lead: once
        lookups = _FIRST_PASS_LOOKUPS[root] = (Path(os.path.abspath(root)), ({}, {}))
        _PROJECTS[root] = Project(Path(root), lookups=lookups[1])
    single = all(t.mode == "check" and t.path is not None for t in tasks)
    if not single:  # fixes change files between analyses: index first, then one pass
        for project in _PROJECTS.values():
            project.index()
        return run_tasks(tasks, jobs)
    global _KEEP_TREES
    _KEEP_TREES = _sequential(tasks, jobs)
    _KEPT_TREES.clear()
    first = run_tasks([replace(t, first_pass=True) for t in tasks], jobs)
    for task, result in zip(tasks, first):
        summary = getattr(result, "summary", None)
        if task.project_root is not None and summary is not None:
            _PROJECTS[task.project_root].add(os.path.abspath(task.path), summary)
    for project in _PROJECTS.values():
        project.index()
        if _KEEP_TREES:
            project.kept_trees = _KEPT_TREES  # modules it reads in full: analysed next

    def differs(i: int, only_unsummarised: bool) -> bool:
        task, result = tasks[i], first[i]
        if task.project_root is None or result.error is not None:
            return False
        if only_unsummarised and result.summary is not None and result.summary.full:
            return False
        return _PROJECTS[task.project_root].answers_differ(task.path, result.questions)

    # first the files that name no batch norm but reach one (training scripts): checking them
    # records their full summaries, which the other files' arg_scope questions may need
    done: set = set()
    for only_unsummarised in (True, False):
        again = [i for i in range(len(tasks)) if i not in done and differs(i, only_unsummarised)]
        for i, result in zip(again, run_tasks([tasks[i] for i in again], jobs)):
            first[i] = result
        done.update(again)
    _KEPT_TREES.clear()
    _KEEP_TREES = False
    for project in _PROJECTS.values():
        project.kept_trees = None
    # no full collection for the trees kept between the passes: the run ends with this, and
    # one cost 0.13-0.15 s on a 2,000-file project (bench/project_bench.py)
    for result in first:
        result.summary = None
        result.questions = frozenset()
    return first


def _sequential(tasks: list, jobs: Optional[int]) -> bool:
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    return workers <= 1 or len(tasks) < PARALLEL_MIN_FILES or bool(_PROJECTS and sys.platform != "linux")


def run_tasks(tasks: list[CheckTask], jobs: Optional[int]) -> list[FileResult]:
    """Results in the order of `tasks`, whether checked here or in worker processes."""
    if _sequential(tasks, jobs):
        return [check_file(task) for task in tasks]
    if any(task.cache_folder is not None for task in tasks):
        # take what the cache has here: worker processes cost more than reading entries, and
        # a warm run over unchanged files then starts none
        results: list[Optional[FileResult]] = [_cached_result(task) for task in tasks]
        misses = [i for i, result in enumerate(results) if result is None]
        if len(misses) < len(tasks):
            for i, result in zip(misses, run_tasks([replace(tasks[i], cache_probed=True) for i in misses], jobs)):
                results[i] = result
            return results  # type: ignore[return-value]
    workers = min(jobs or os.cpu_count() or 1, len(tasks))
    # imported here: a run that stays in one process should not pay for them
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork: workers start with bnlint already imported (only where fork is safe and cheap)
    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    chunk = max(1, len(tasks) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(check_file, tasks, chunksize=chunk))


# ---------------------------------------------------------------------------------------------
# the commands


def _error(message: str) -> None:
    print(f"bnlint: error: {message}", file=sys.stderr)


def _notice_line(result: FileResult, notice) -> str:
    if notice.range is None:
        return f"{result.path}: note: {notice.message}"
    if result.notebook is not None:
        cell, notice = result.notebook.notice_to_cell(notice)
        pos = notice.range.start
        return (
            f"{result.path}:cell {result.cell_numbers[cell]}:{pos.line + 1}:{pos.character + 1}: note: {notice.message}"
        )
    start = notice.range.start
    return f"{result.path}:{start.line + 1}:{start.character + 1}: note: {notice.message}"


def _cache_folder(config: Config) -> Path:
    from .cache import folder_for

    return folder_for(config.root)


def command_check(args: argparse.Namespace) -> int:
    overrides = {}
    if args.select is not None:
        overrides["select"] = _code_list(args.select)
    if args.ignore is not None:
        overrides["ignore"] = _code_list(args.ignore)
    if overrides.get("select") == []:
        _error("--select selects no rule: give codes like --select BN001,BN002, or leave it out for every rule")
        return EXIT_ERROR
    configs = ConfigCache(overrides, Path(args.config) if args.config else None)
    mode = "fix" if args.fix else "diff" if args.diff else "check"
    paths = list(args.paths) or (["-"] if args.stdin_filename else ["."])
    uses_stdin = "-" in paths
    if uses_stdin and len(paths) > 1:
        _error("'-' (stdin) cannot be combined with other paths")
        return EXIT_ERROR

    errors: list[str] = []
    try:
        if uses_stdin:
            display = args.stdin_filename or "<stdin>"
            config = configs.for_path(Path(args.stdin_filename) if args.stdin_filename else Path.cwd())
            root = _root_of(args.stdin_filename) if args.stdin_filename and not args.no_project else None
            tasks = [CheckTask(None, display, config, mode, stdin_bytes=sys.stdin.buffer.read(), project_root=root)]
        else:
            files, errors = collect_files(paths, configs, force_exclude=args.force_exclude)
            roots: dict = {}
            tasks = [
                CheckTask(
                    path,
                    path,
                    config,
                    mode,
                    project_root=None if args.no_project else _root_of(path, roots),
                    cache_folder=None if args.no_cache or mode != "check" else str(_cache_folder(config)),
                )
                for path, config in files
            ]
    except ConfigError as exc:
        _error(str(exc))
        return EXIT_ERROR

    collect_per_file()
    results = run_project_tasks(tasks, args.jobs) if not args.no_project else run_tasks(tasks, args.jobs)

    notifications: list[tuple[str, str]] = []
    for message in errors:
        notifications.append(("error", message))
    for result in results:
        if result.error is not None:
            notifications.append(("error", f"{result.path}: {result.error}"))
        for notice in result.notices:
            notifications.append(("note", _notice_line(result, notice)))
    for level, text in notifications:
        if level == "error" or not args.quiet:
            print(f"bnlint: error: {text}" if level == "error" else text, file=sys.stderr)

    output_file = None
    if args.output_file:
        try:
            output_file = open(args.output_file, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            _error(f"{args.output_file}: cannot write the report: {exc.strerror or exc}")
            return EXIT_ERROR
    report_stream = output_file or sys.stdout

    checked = [r for r in results if r.error is None]
    if mode == "diff":
        report_stream.write("".join(r.diff for r in checked))
        would_fix = sum(r.fixed for r in checked)
        changed = sum(1 for r in checked if r.diff)
        if not args.quiet:
            print(f"Would fix {plural(would_fix, 'finding')} in {plural(changed, 'file')}.", file=sys.stderr)
        status = EXIT_FINDINGS if changed else EXIT_CLEAN
    else:
        if args.format == "sarif":
            output = report_sarif(checked, notifications)
        elif args.format == "text":
            output = report_text(checked, with_summary=not args.quiet)
        else:
            output = {"json": report_json, "github": report_github, "gitlab": report_gitlab}[args.format](checked)
        if args.statistics:
            # after a text report, like flake8's; beside a machine-read one, so it stays valid
            if args.format == "text":
                output += report_statistics(checked)
            else:
                sys.stderr.write(report_statistics(checked))
        if mode == "fix" and uses_stdin and results and results[0].fixed_text is not None:
            # the fixed source is the output; the report goes beside it (or to --output-file)
            sys.stdout.write(results[0].fixed_text)
            (output_file or sys.stderr).write(output)
        else:
            report_stream.write(output)
        status = EXIT_FINDINGS if any(r.findings for r in checked) else EXIT_CLEAN
    if output_file is not None:
        output_file.close()
    if args.exit_zero:
        status = EXIT_CLEAN
    if notifications and any(level == "error" for level, _ in notifications):
        status = EXIT_ERROR
    return status


def _root_of(path: str, known: Optional[dict] = None) -> str:
    from .project import find_root

    folder = os.path.dirname(os.path.abspath(path))
    if known is not None and folder in known:
        return known[folder]
    root = str(find_root(Path(path)))
    if known is not None:
        known[folder] = root
    return root


def command_rules(args: argparse.Namespace) -> int:
    rows = [("code", "name", "severity", "summary")] + [
        (rule.code, rule.name, rule.default_severity, rule.summary) for rule in rules.RULES.values()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[3])
    return EXIT_CLEAN


def command_explain(args: argparse.Namespace) -> int:
    code = args.code.strip().upper()
    rule = rules.RULES.get(code)
    if rule is None:
        _error(f"unknown rule {args.code!r} (known: {', '.join(rules.RULES)})")
        return EXIT_ERROR
    page = rule_page(code)
    if page is None:
        # the rule pages are not shipped in this build: say what the catalogue knows
        page = (
            f"# {rule.code} {rule.name}\n\n{rule.summary}\n\n"
            f"Default severity: {rule.default_severity}\nMore: {rule.url()}\n"
        )
    sys.stdout.write(page if page.endswith("\n") else page + "\n")
    return EXIT_CLEAN


def command_serve(argv: list[str]) -> int:
    # imported only here: the other commands must not pay for pygls
    try:
        from .server import main as serve_main
    except ImportError as exc:
        _error(f"the language server cannot start: {exc}")
        return EXIT_ERROR
    status = serve_main(argv)
    return status if isinstance(status, int) else EXIT_CLEAN


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bnlint", description="Finds TensorFlow batch-normalization pitfalls in TF1-style code, and fixes them."
    )
    parser.add_argument("--version", action="version", version=f"bnlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check files and folders (*.py, *.ipynb)")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders; '-' reads stdin (default: .)")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--statistics", action="store_true", help="count the findings of each rule")
    check.add_argument(
        "--quiet", "-q", action="store_true", help="findings and errors only: no summary line, no notes"
    )
    check.add_argument(
        "--config",
        metavar="PATH",
        help="use this TOML file ([tool.bnlint] of a pyproject.toml, or top-level keys) for every file,"
        " instead of the nearest pyproject.toml",
    )
    changes = check.add_mutually_exclusive_group()
    changes.add_argument("--fix", action="store_true", help="apply the preferred fixes in place")
    changes.add_argument("--diff", action="store_true", help="show what --fix would change, change nothing")
    check.add_argument("--select", metavar="CODES", help="comma list of rule codes to run (over the config's)")
    check.add_argument("--ignore", metavar="CODES", help="comma list of rule codes to skip (over the config's)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--stdin-filename", metavar="NAME", help="name of the file read from stdin (config, output)")
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply [tool.bnlint] exclude to files named on the command line too (for pre-commit)",
    )
    check.add_argument(
        "--no-project", action="store_true", help="check each file alone, without the project around it"
    )
    check.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="worker processes (default: all cores)")
    check.add_argument(
        "--no-cache", action="store_true", help="neither read nor write .bnlint_cache/ (results of unchanged files)"
    )
    check.set_defaults(handler=command_check)

    list_rules = commands.add_parser("rules", help="list the rules")
    list_rules.set_defaults(handler=command_rules)

    explain = commands.add_parser("explain", help="show a rule's documentation")
    explain.add_argument("code", metavar="CODE", help="a rule code such as BN004")
    explain.set_defaults(handler=command_explain)

    # listed for --help; its arguments belong to the server and are passed through untouched
    commands.add_parser("serve", help="run the language server (see `bnlint serve --help`)", add_help=False)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "serve":
        return command_serve(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        return args.handler(args)
    except BrokenPipeError:
        # the reader went away (`bnlint check | head`): nothing more to say, and nothing
        # left to flush into the closed pipe at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
