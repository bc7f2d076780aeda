"""The language server: open documents and notebooks in, diagnostics, code actions and hovers out.

Analysis runs on one worker thread, debounced per document; the event loop keeps answering
code actions and hovers meanwhile from the last result. Every scheduled analysis takes a
ticket, and only the holder of a unit's newest ticket may store or publish: a result for a
superseded text is dropped, and its analysis, if it is running, gives up at its next
checkpoint (bnlint.analysis), so that a burst of edits costs one analysis of the newest. Clients that pull diagnostics (`textDocument/diagnostic`) get no
pushes; the others get `publishDiagnostics` with the document version.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.exceptions import JsonRpcMethodNotFound
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..analysis import AnalysisCancelled, BlockCache
from ..project import Project, find_root
from ..rules import RULES, rule_page
from .actions import FIX_ALL_KIND, ActionBuilder
from .diagnostics import ClientFeatures, Snapshot, Target, UnitResult, analyse, empty_result
from .documents import OpenDocument, OpenNotebook
from .protocol import BnlintProtocol, PreparedJSON
from .settings import ConfigResolver, Settings, parse_settings, unwrap_section

logger = logging.getLogger(__name__)

# Above this many characters a document is not analysed (one log line says so).
MAX_SOURCE_CHARS = 2_000_000
PARENT_CHECK_SECONDS = 2.0
SUMMARY_PAUSE_SECONDS = 0.3  # typing paused this long: the file's project facts are brought up to date
PYTHON = "python"
NOTEBOOK_TYPE = "jupyter-notebook"


@dataclass(eq=False)
class Unit:
    """What is analysed as one module: an open document, or an open notebook's code cells."""

    uri: str
    is_notebook: bool
    cache: Any = None
    result: Optional[UnitResult] = None
    task: Optional[asyncio.Task] = None
    ticket: int = 0
    waiters: list = field(default_factory=list)
    logged: set = field(default_factory=set)  # notices already logged for this unit
    too_large: bool = False
    # (targets, version) run=onSave analyses: as of the open or the last save (None: the
    # current ones). Re-analyses for other reasons (the index finishing, another module,
    # settings) must not show unsaved text either.
    held: Optional[tuple] = None


def _asks_fix_all(only) -> bool:
    """Does a code-action request's `only` include source.fixAll.bnlint (kinds are hierarchical)?"""
    return bool(only) and any(FIX_ALL_KIND == kind or FIX_ALL_KIND.startswith(kind + ".") for kind in only)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed parent nobody has reaped yet is a zombie: as good as gone
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


class BnlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "bnlint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=types.NotebookDocumentSyncOptions(
                notebook_selector=[
                    types.NotebookDocumentFilterWithCells(
                        notebook=NOTEBOOK_TYPE, cells=[types.NotebookCellLanguage(language=PYTHON)]
                    )
                ],
                save=True,
            ),
            protocol_cls=BnlintProtocol,
        )
        self.documents: dict[str, OpenDocument] = {}
        self.notebooks: dict[str, OpenNotebook] = {}
        self.units: dict[str, Unit] = {}
        self.folders: list[str] = []
        self.init_options: Any = None
        self.pushed_settings: Any = None  # from didChangeConfiguration, for clients without workspace/configuration
        self.global_settings = Settings()
        self.folder_settings: dict[str, Settings] = {}
        self.generation = 0  # bumped whenever settings or a pyproject.toml change
        self.resolver = ConfigResolver()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bnlint-analysis")
        self.settings_ready: Optional[asyncio.Event] = None
        self.shown: set[str] = set()
        self.last_settings_message: Optional[str] = None
        self._reporting = False
        self.background: set[asyncio.Task] = set()
        self.shutdown_requested = False
        self.closed_since_workspace_pull: set[str] = set()
        # uri -> (generation, version, diagnostics JSON) last pushed: an analysis run again
        # for the same text and settings (its summary reached the project once typing paused)
        # that finds the same is not sent again
        self.pushed: dict[str, tuple] = {}
        # the projects around the open files, by root folder (workspace folders first); used on
        # the analysis thread only, so every change to them is sent there too
        self.projects: dict[str, Project] = {}
        self.indexing: Optional[asyncio.Task] = None
        self.index_runs = 0

    # ---- client capabilities ---------------------------------------------------------------

    def can(self, path: str, default: Any = False) -> Any:
        return get_capability(self.client_capabilities, path, default)

    @property
    def pulls(self) -> bool:
        """Does the client pull diagnostics? Then it gets no pushes."""
        return self.can("text_document.diagnostic", None) is not None

    @property
    def encoding(self) -> str:
        return self.server_capabilities.position_encoding or types.PositionEncodingKind.Utf16

    def client_features(self) -> ClientFeatures:
        prefix = "text_document.diagnostic" if self.pulls else "text_document.publish_diagnostics"
        return ClientFeatures(
            encoding=self.encoding,
            related_information=bool(self.can(f"{prefix}.related_information", True)),
            code_description=bool(self.can(f"{prefix}.code_description_support", True)),
        )

    # ---- messages to the user ----------------------------------------------------------------

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def show_once(self, message: str, kind: types.MessageType = types.MessageType.Warning) -> None:
        """Show (and log) a message the first time it occurs; it recurs on every analysis."""
        if message not in self.shown:
            self.shown.add(message)
            self.log(message, kind)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def report_problem(self, message: str) -> None:
        self.log(message, types.MessageType.Warning)

    def report_server_error(self, error: Exception, source) -> None:
        # An unknown method already got its MethodNotFound answer; nothing more to say.
        if isinstance(error, JsonRpcMethodNotFound) or self._reporting:
            return
        self._reporting = True  # logging itself can fail (client gone): do not recurse
        try:
            self.log(f"bnlint server error ({source.__name__}): {error}", types.MessageType.Error)
        finally:
            self._reporting = False

    # ---- settings ----------------------------------------------------------------------------

    def settings_for(self, uri: str) -> Settings:
        best = None
        for folder in self.folder_settings:
            prefix = folder.rstrip("/") + "/"
            if (uri == folder or uri.startswith(prefix)) and (best is None or len(folder) > len(best)):
                best = folder
        return self.folder_settings[best] if best is not None else self.global_settings

    async def refresh_settings(self) -> None:
        """Read the settings again: initializationOptions, then what workspace/configuration
        (or the last didChangeConfiguration) says on top."""

        def on_top(base: Any, answer: Any) -> Any:
            base = unwrap_section(base)
            answer = unwrap_section(answer)
            if not isinstance(answer, dict):
                return base
            merged = dict(base) if isinstance(base, dict) else {}
            merged.update({k: v for k, v in answer.items() if v is not None})
            return merged

        raw_global = on_top(self.init_options, self.pushed_settings)
        raw_folders: dict[str, Any] = {}
        if self.can("workspace.configuration"):
            items = [types.ConfigurationItem(section="bnlint")]
            items += [types.ConfigurationItem(scope_uri=folder, section="bnlint") for folder in self.folders]
            try:
                answers = await self.workspace_configuration_async(types.ConfigurationParams(items=items))
            except Exception as exc:  # a client that fails this request still gets linting
                self.log(f"workspace/configuration failed, using initializationOptions: {exc}", types.MessageType.Warning)
                answers = []
            answers = list(answers or []) + [None] * (len(items) - len(answers or []))
            raw_global = on_top(self.init_options, answers[0])
            raw_folders = {folder: on_top(self.init_options, a) for folder, a in zip(self.folders, answers[1:])}

        problems: list[str] = []
        self.global_settings, found = parse_settings(raw_global, "bnlint settings")
        problems += found
        folder_settings = {}
        for folder, raw in raw_folders.items():
            folder_settings[folder], found = parse_settings(raw, "bnlint settings")
            problems += [p for p in found if p not in problems]
        self.folder_settings = folder_settings
        if problems:
            message = "Invalid bnlint settings, the defaults are used instead: " + "; ".join(problems)
            if message != self.last_settings_message:
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=message))
            self.log(message, types.MessageType.Warning)
        self.last_settings_message = message if problems else None
        if self.settings_ready is not None:
            self.settings_ready.set()

    def configuration_changed(self, reread_settings: bool = False) -> None:
        """Settings or a pyproject.toml changed: every result is out of date from now on. With
        `reread_settings`, analyses and pulls wait until the settings have been fetched again."""
        self.generation += 1
        if reread_settings and self.settings_ready is not None:
            self.settings_ready.clear()
            self.in_background(self._reread_then_reanalyse())
        else:
            self._reanalyse_all()

    async def _reread_then_reanalyse(self) -> None:
        await self.refresh_settings()
        self._reanalyse_all()

    def _reanalyse_all(self) -> None:
        if self.pulls:
            if self.can("workspace.diagnostics.refresh_support"):
                self.workspace_diagnostic_refresh(None)
            return
        for unit in list(self.units.values()):
            self.schedule(unit, 0)

    def in_background(self, coroutine) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.background.add(task)  # keep a reference until it is done
        task.add_done_callback(self.background.discard)

    # ---- the project around each file ---------------------------------------------------------

    def project_for(self, path: Optional[Path]) -> Optional[Project]:
        """The project a file belongs to: the innermost workspace folder holding it, else the
        folder tree under its nearest pyproject.toml / setup.py / setup.cfg / .git."""
        if path is None:
            return None
        absolute = os.path.abspath(path)
        best = None
        for folder in self.folders:
            root = to_fs_path(folder)
            if root and (absolute == root or absolute.startswith(root.rstrip(os.sep) + os.sep)):
                if best is None or len(root) > len(best):
                    best = root
        root = best or str(find_root(Path(absolute)))
        project = self.projects.get(root)
        if project is None:
            project = self.projects[root] = Project(Path(root))
        return project

    async def on_analysis_thread(self, function, *args):
        """Run `function(*args)` on the analysis thread, after the analyses queued before it
        (None once the server is shutting down)."""
        try:
            future = asyncio.get_running_loop().run_in_executor(self.executor, function, *args)
        except RuntimeError:  # the executor is shut down
            return None
        return await future

    def document_text_changed(self, unit: Optional["Unit"]) -> None:
        """Open documents override disk: tell the project the unit's current text."""
        if unit is None:
            return
        path = to_fs_path(unit.uri) if unit.uri.startswith("file:") else None
        project = self.project_for(Path(path)) if path else None
        if project is None:
            return
        text = self.unit_text(unit) if self.units.get(unit.uri) is unit else None
        self.in_background(self.on_analysis_thread(project.set_document, path, text))

    def unit_text(self, unit: "Unit") -> Optional[str]:
        targets, _ = self.analysed_text(unit)
        if not targets:
            return None
        if unit.is_notebook:
            from ..notebook import NotebookSource

            return NotebookSource.from_cells([t.text for t in targets]).source
        return targets[0].text

    def reanalyse_dependents(self, paths) -> None:
        """Analyse again the open units whose file is among `paths` (another module changed)."""
        wanted = {os.path.abspath(p) for p in paths}
        scheduled = False
        for unit in list(self.units.values()):
            path = to_fs_path(unit.uri) if unit.uri.startswith("file:") else None
            if path and os.path.abspath(path) in wanted:
                self.schedule(unit, 0)
                scheduled = True
        if scheduled and self.pulls and self.can("workspace.diagnostics.refresh_support"):
            self.workspace_diagnostic_refresh(None)  # a pulling client asks again (and waits for them)

    async def refresh_summary(self, unit: "Unit", ticket: int, pending, snapshot) -> None:
        """Once typing pauses, record the unit's new summary in its project; if that changes what
        the project knows (a batch norm added to model.py), analyse the files depending on it,
        and the unit itself, again. So typing in a file costs its analysis only."""
        await asyncio.sleep(SUMMARY_PAUSE_SECONDS)
        if unit.ticket != ticket or self.units.get(unit.uri) is not unit:
            return  # edited again meanwhile: that analysis brings its own summary

        def record():
            # on the analysis thread: no analysis of this unit ran since (its trees are as read)
            if unit.ticket != ticket or snapshot.path is None:
                return None
            project = snapshot.project
            # the text this summary is of becomes the project's copy of the open document now,
            # with it (see edited)
            project.set_document(str(snapshot.path), _snapshot_text(snapshot))
            if not project.add(str(snapshot.path), pending()):
                return None
            return project.dependents(str(snapshot.path)) | {str(snapshot.path)}

        changed = await self.on_analysis_thread(record)
        if changed:
            self.reanalyse_dependents(changed)

    async def files_changed(self, paths: list) -> None:
        """Python files changed on disk (saved by another program, created, deleted)."""
        dependents: set = set()
        for path in paths:
            project = self.project_for(Path(path))
            if project is None:
                continue

            def changed(project=project, path=path):
                project.file_changed(path)
                return project.dependents(path)

            dependents |= await self.on_analysis_thread(changed) or set()
        self.reanalyse_dependents(dependents)

    async def index_workspace(self) -> None:
        """Index the workspace folders in the background, one module per step on the analysis
        thread: an open document's analysis waits for one step at most, never for the index.
        Reports $/progress when the client supports it; then analyses the open units again."""
        previous = self.indexing
        self.indexing = asyncio.current_task()
        if previous is not None and not previous.done():
            await asyncio.wait([previous])  # one index at a time; what it did is not done again
        if self.settings_ready is not None:
            await self.settings_ready.wait()
        self.index_runs += 1
        token = f"bnlint-index-{os.getpid()}-{self.index_runs}"
        progress = bool(self.can("window.work_done_progress"))
        if progress:
            try:
                await self.work_done_progress.create_async(token)
            except Exception:  # a client that refuses still gets the index, without a bar
                progress = False
        if progress:
            self.work_done_progress.begin(
                token, types.WorkDoneProgressBegin(title="bnlint: indexing the project", percentage=0)
            )
        loop = asyncio.get_running_loop()
        indexed = 0
        try:
            for folder in list(self.folders):
                root = to_fs_path(folder)
                if not root or not os.path.isdir(root):
                    continue
                steps = self.project_for(Path(root)).index_steps()
                last = 0.0
                while not self.shutdown_requested:
                    step = await self.on_analysis_thread(next, steps, None)
                    if step is None:
                        break
                    indexed = step[0]
                    if progress and loop.time() - last > 0.2:
                        last = loop.time()
                        self.work_done_progress.report(
                            token,
                            types.WorkDoneProgressReport(
                                message=f"{step[0]}/{step[1]} modules", percentage=int(100 * step[0] / max(step[1], 1))
                            ),
                        )
        finally:
            if progress:
                self.work_done_progress.end(token, types.WorkDoneProgressEnd(message=f"{indexed} modules"))
        self.log(f"bnlint: project index ready ({indexed} modules in {len(self.folders)} workspace folder(s))")
        if self.shutdown_requested:
            return
        # the open files analysed before the index learnt something new: analyse them again
        for unit in list(self.units.values()):
            result = unit.result
            path = to_fs_path(unit.uri) if unit.uri.startswith("file:") else None
            project = self.project_for(Path(path)) if path else None
            if project is not None and (result is None or result.project_changes != project.changes):
                self.schedule(unit, 0)

    # ---- units and their analysis ------------------------------------------------------------

    def unit_of(self, uri: str) -> Optional[Unit]:
        """The unit a document belongs to (a notebook cell belongs to its notebook)."""
        doc = self.documents.get(uri)
        if doc is not None and doc.notebook_uri is not None:
            return self.units.get(doc.notebook_uri)
        return self.units.get(uri)

    def version_of(self, uri: str) -> Optional[int]:
        doc = self.documents.get(uri)
        return doc.version if doc is not None else None

    def unit_version(self, unit: Unit) -> Optional[int]:
        if unit.is_notebook:
            notebook = self.notebooks.get(unit.uri)
            return notebook.version if notebook else None
        return self.version_of(unit.uri)

    def targets_of(self, unit: Unit) -> tuple[Target, ...]:
        if not unit.is_notebook:
            doc = self.documents[unit.uri]
            return (Target(doc.uri, doc.version, doc.text),) if doc.language_id == PYTHON else ()
        notebook = self.notebooks[unit.uri]
        targets = []
        for cell_uri in notebook.cells:
            doc = self.documents.get(cell_uri)
            if cell_uri in notebook.code_cells and doc is not None and doc.language_id == PYTHON:
                targets.append(Target(doc.uri, doc.version, doc.text))
        return tuple(targets)

    def analysed_text(self, unit: Unit) -> tuple[tuple[Target, ...], int]:
        """The unit's targets and version as analysed: the current ones, or with run=onSave
        the ones held since the open or the last save."""
        if unit.held is None or self.settings_for(unit.uri).run != "onSave":
            unit.held = (self.targets_of(unit), self.unit_version(unit) or 0)
        return unit.held

    def saved(self, unit: Unit) -> None:
        """The unit was saved (or is about to be: fix-all on save): analyse its current text."""
        unit.held = None
        self.schedule(unit, 0)

    def schedule(self, unit: Unit, delay_ms: int) -> None:
        if unit.task is not None and not unit.task.done():
            unit.task.cancel()
        unit.ticket += 1
        unit.task = asyncio.get_running_loop().create_task(self._run(unit, unit.ticket, delay_ms))

    def _snapshot(self, unit: Unit) -> tuple[Optional[Snapshot], tuple[Target, ...], int]:
        """The snapshot to analyse, or None when there is nothing to analyse (then the result is empty)."""
        targets, version = self.analysed_text(unit)
        settings = self.settings_for(unit.uri)
        if not settings.enable or not targets:
            return None, targets, version
        too_large = sum(len(t.text) for t in targets) > MAX_SOURCE_CHARS
        if too_large and not unit.too_large:  # one line when it crosses the limit, not per keystroke
            self.log(f"{unit.uri}: more than {MAX_SOURCE_CHARS} characters; not analysed", types.MessageType.Warning)
        unit.too_large = too_large
        if too_large:
            return None, targets, version
        fs_path = to_fs_path(unit.uri)
        path = Path(fs_path) if fs_path else None
        config, problem = self.resolver.config_for(path, settings)
        if problem:
            self.show_once(problem)
        if path is not None and config.is_excluded(path):
            return None, targets, version
        snapshot = Snapshot(
            version=version,
            targets=targets,
            is_notebook=unit.is_notebook,
            path=path,
            config=config,
            features=self.client_features(),
            cache=unit.cache,
            project=self.project_for(path) if unit.uri.startswith("file:") else None,
        )
        return snapshot, targets, version

    async def _run(self, unit: Unit, ticket: int, delay_ms: int) -> None:
        try:
            if delay_ms > 0:
                await asyncio.sleep(delay_ms / 1000)
            if self.settings_ready is not None:
                await self.settings_ready.wait()
            generation = self.generation

            def superseded() -> bool:
                # read on the analysis thread: a newer edit, settings or a close make this
                # result one that would be dropped, so the analysis stops at its next checkpoint
                return unit.ticket != ticket or generation != self.generation or self.units.get(unit.uri) is not unit

            try:
                snapshot, targets, version = self._snapshot(unit)
                if snapshot is None:
                    result = empty_result(targets, version, generation)
                else:
                    result = await asyncio.get_running_loop().run_in_executor(
                        self.executor, analyse, snapshot, generation, superseded
                    )
            except AnalysisCancelled as stopped:
                if stopped.dependents:
                    self.reanalyse_dependents(stopped.dependents)
                return
            except Exception:  # a bug must cost this result, not the server (or a pull loop)
                self.log(f"analysis of {unit.uri} failed:\n{traceback.format_exc()}", types.MessageType.Error)
                result = UnitResult(self.unit_version(unit) or 0, generation)
            if superseded():
                return  # superseded while it ran: never published
            self._store(unit, result)
            if result.dependents:
                # this edit changed what other modules see of this one (editing model.py
                # changes train.py's BN001): analyse the open ones again
                self.reanalyse_dependents(result.dependents)
            if result.pending_summary is not None:
                self.in_background(self.refresh_summary(unit, ticket, result.pending_summary, snapshot))
            else:  # no new summary to wait for (or nothing analysed): the project takes the text now
                self.document_text_changed(unit)
        finally:
            if unit.ticket == ticket:
                self._wake(unit)

    def _store(self, unit: Unit, result: UnitResult) -> None:
        previous = unit.result
        unit.result = result
        for uri, notice in result.notices:
            line = f"{uri or unit.uri}: {notice}"
            if line not in unit.logged:
                unit.logged.add(line)
                self.log(line)
        if self.pulls:
            return
        for uri, payload in result.payloads.items():
            sent = (result.generation, result.versions.get(uri), payload)
            if self.pushed.get(uri) == sent:
                continue
            self.pushed[uri] = sent
            self.protocol.notify_prepared(
                types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                f'{{"uri":{json.dumps(uri)},"version":{json.dumps(result.versions.get(uri))},"diagnostics":{payload}}}',
            )
        if previous is not None:  # cells that left the notebook (or turned into markdown)
            for uri in previous.diagnostics.keys() - result.diagnostics.keys():
                self.clear_pushed(uri)

    def clear_pushed(self, uri: str) -> None:
        self.pushed.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def _wake(self, unit: Unit) -> None:
        waiters, unit.waiters = unit.waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    def _fresh(self, unit: Unit) -> bool:
        """Is the stored result the one to answer a pull with? Not while an analysis is due."""
        result = unit.result
        if result is None or result.generation != self.generation:
            return False
        if unit.task is not None and not unit.task.done():
            return False
        return self.settings_for(unit.uri).run == "onSave" or result.version == self.unit_version(unit)

    def _current(self, unit: Unit) -> bool:
        """Is the stored result the one of the unit's current text, whatever the run setting?"""
        return self._fresh(unit) and unit.result.version == self.unit_version(unit)

    async def current_result(self, unit: Unit) -> Optional[UnitResult]:
        """The unit's result for its current text (waiting for the analysis); None once closed."""
        loop = asyncio.get_running_loop()
        while self.units.get(unit.uri) is unit:
            if self.settings_ready is not None and not self.settings_ready.is_set():
                await self.settings_ready.wait()
                continue
            if self._fresh(unit):
                return unit.result
            if unit.task is None or unit.task.done():
                self.schedule(unit, 0)
            waiter = loop.create_future()
            unit.waiters.append(waiter)
            try:
                await waiter
            finally:
                if waiter in unit.waiters:
                    unit.waiters.remove(waiter)
        return None

    def open_unit(self, uri: str, is_notebook: bool) -> None:
        self.close_unit(uri)
        unit = Unit(uri, is_notebook, cache=BlockCache())
        self.units[uri] = unit
        self.document_text_changed(unit)
        self.schedule(unit, 0)

    def close_unit(self, uri: str) -> None:
        unit = self.units.pop(uri, None)
        if unit is None:
            return
        self.document_text_changed(unit)  # closed: the file on disk counts again
        if unit.task is not None:
            unit.task.cancel()
        self._wake(unit)
        if unit.result is None:
            return
        for target_uri in unit.result.diagnostics:
            if self.pulls:
                # the next workspace/diagnostic clears it (VS Code keeps a closed document's
                # diagnostics until the workspace report says otherwise)
                self.closed_since_workspace_pull.add(target_uri)
            else:
                self.clear_pushed(target_uri)

    def edited(self, unit: Optional[Unit]) -> None:
        """The text of a unit changed: analyse after the debounce, or wait for a save.

        While typing, the project keeps the unit's previous text and summary: its analysis
        brings the new summary (analyze's defer_summary), recorded with the text once typing
        pauses (refresh_summary). Handing the project each keystroke's text marked the file's
        summary stale, and the analysis then summarised the whole file again from that text
        (BN001 asks the project about the file's own functions): as costly as the analysis."""
        if unit is None:
            return
        settings = self.settings_for(unit.uri)
        if settings.run == "onType":
            self.schedule(unit, settings.debounce_ms)
        # run=onSave: the project keeps the saved text too, until the save

    # ---- process lifetime --------------------------------------------------------------------

    async def watch_parent(self, pid: int) -> None:
        """Exit when the editor that started us is gone, even if nobody closes our stdin."""
        while True:
            await asyncio.sleep(PARENT_CHECK_SECONDS)
            if not _alive(pid):
                logger.error("client process %s is gone; exiting", pid)
                os._exit(1)  # no shutdown request came: status 1, as after an exit without one


def _snapshot_text(snapshot: Snapshot) -> str:
    """The module text a snapshot analyses (a notebook's code cells joined)."""
    if snapshot.is_notebook:
        from ..notebook import NotebookSource

        return NotebookSource.from_cells([t.text for t in snapshot.targets]).source
    return snapshot.targets[0].text


def _python_item(language_id: str) -> str:
    return PYTHON if language_id.lower() in (PYTHON, "py") else language_id


def create_server() -> BnlintServer:
    server = BnlintServer()

    # ---- lifecycle ---------------------------------------------------------------------------

    @server.feature(types.INITIALIZE)
    def initialize(ls: BnlintServer, params: types.InitializeParams) -> None:
        ls.settings_ready = asyncio.Event()
        ls.init_options = params.initialization_options
        if params.workspace_folders:
            ls.folders = [folder.uri for folder in params.workspace_folders]
        elif params.root_uri:
            ls.folders = [params.root_uri]
        if params.process_id:
            ls.in_background(ls.watch_parent(params.process_id))

    @server.feature(types.INITIALIZED)
    def initialized(ls: BnlintServer, params: types.InitializedParams) -> None:
        ls.in_background(ls.refresh_settings())
        ls.in_background(register_watchers(ls))
        ls.in_background(ls.index_workspace())

    async def register_watchers(ls: BnlintServer) -> None:
        registrations = []
        if ls.can("workspace.did_change_watched_files.dynamic_registration"):
            registrations.append(
                types.Registration(
                    id="bnlint-pyproject",
                    method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(
                        watchers=[
                            types.FileSystemWatcher(glob_pattern="**/pyproject.toml"),
                            # project modules: a change re-analyses the open files that import them
                            types.FileSystemWatcher(glob_pattern="**/*.py"),
                        ]
                    ),
                )
            )
        if ls.can("workspace.did_change_configuration.dynamic_registration"):
            registrations.append(
                types.Registration(id="bnlint-configuration", method=types.WORKSPACE_DID_CHANGE_CONFIGURATION)
            )
        if not registrations:
            return
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=registrations))
        except Exception as exc:
            ls.log(f"client/registerCapability failed (pyproject.toml changes need a restart): {exc}", types.MessageType.Warning)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: BnlintServer, params: None) -> None:
        ls.shutdown_requested = True
        for unit in ls.units.values():
            if unit.task is not None:
                unit.task.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    # ---- text documents ----------------------------------------------------------------------

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BnlintServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        ls.documents[item.uri] = OpenDocument(item.uri, item.version, item.text, _python_item(item.language_id))
        ls.open_unit(item.uri, is_notebook=False)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BnlintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = ls.documents.get(uri)
        if doc is None:
            ls.report_problem(f"didChange for {uri}, which is not open: ignored")
            return
        for change in params.content_changes:
            doc.apply_change(change, ls.encoding)
        doc.version = params.text_document.version
        ls.edited(ls.unit_of(uri))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: BnlintServer, params: types.DidSaveTextDocumentParams) -> None:
        unit = ls.unit_of(params.text_document.uri)
        if unit is not None:
            ls.saved(unit)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BnlintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        doc = ls.documents.get(uri)
        if doc is None or doc.notebook_uri is not None:
            return  # unknown, or a cell (cells close with their notebook)
        del ls.documents[uri]
        ls.close_unit(uri)

    # ---- notebooks ---------------------------------------------------------------------------

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def notebook_did_open(ls: BnlintServer, params: types.DidOpenNotebookDocumentParams) -> None:
        notebook = params.notebook_document
        ls.notebooks[notebook.uri] = OpenNotebook(
            notebook.uri,
            notebook.version,
            notebook.notebook_type,
            [cell.document for cell in notebook.cells],
            {cell.document for cell in notebook.cells if cell.kind == types.NotebookCellKind.Code},
        )
        for item in params.cell_text_documents:
            ls.documents[item.uri] = OpenDocument(
                item.uri, item.version, item.text, _python_item(item.language_id), notebook_uri=notebook.uri
            )
        ls.open_unit(notebook.uri, is_notebook=True)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def notebook_did_change(ls: BnlintServer, params: types.DidChangeNotebookDocumentParams) -> None:
        uri = params.notebook_document.uri
        notebook = ls.notebooks.get(uri)
        if notebook is None:
            ls.report_problem(f"notebookDocument/didChange for {uri}, which is not open: ignored")
            return
        notebook.version = params.notebook_document.version
        cells = params.change.cells
        if cells is not None:
            if cells.structure is not None:
                array = cells.structure.array
                new = [cell.document for cell in array.cells or []]
                notebook.cells[array.start : array.start + array.delete_count] = new
                for cell in array.cells or []:
                    if cell.kind == types.NotebookCellKind.Code:
                        notebook.code_cells.add(cell.document)
                for item in cells.structure.did_open or []:
                    ls.documents[item.uri] = OpenDocument(
                        item.uri, item.version, item.text, _python_item(item.language_id), notebook_uri=uri
                    )
                for closed in cells.structure.did_close or []:
                    ls.documents.pop(closed.uri, None)
                    notebook.code_cells.discard(closed.uri)
            for cell in cells.data or []:
                if cell.kind == types.NotebookCellKind.Code:
                    notebook.code_cells.add(cell.document)
                else:
                    notebook.code_cells.discard(cell.document)
            for content in cells.text_content or []:
                doc = ls.documents.get(content.document.uri)
                if doc is None:
                    ls.report_problem(f"change to cell {content.document.uri}, which is not open: ignored")
                    continue
                for change in content.changes:
                    doc.apply_change(change, ls.encoding)
                doc.version = content.document.version
        ls.edited(ls.units.get(uri))

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    def notebook_did_save(ls: BnlintServer, params: types.DidSaveNotebookDocumentParams) -> None:
        unit = ls.units.get(params.notebook_document.uri)
        if unit is not None:
            ls.saved(unit)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_did_close(ls: BnlintServer, params: types.DidCloseNotebookDocumentParams) -> None:
        uri = params.notebook_document.uri
        notebook = ls.notebooks.pop(uri, None)
        if notebook is None:
            return
        for cell_uri in notebook.cells:
            ls.documents.pop(cell_uri, None)
        for item in params.cell_text_documents:
            ls.documents.pop(item.uri, None)
        ls.close_unit(uri)

    # ---- settings and pyproject.toml ---------------------------------------------------------

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: BnlintServer, params: types.DidChangeConfigurationParams) -> None:
        if not ls.can("workspace.configuration"):
            ls.pushed_settings = params.settings
        ls.configuration_changed(reread_settings=True)

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_folders(ls: BnlintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        removed = {folder.uri for folder in params.event.removed}
        ls.folders = [f for f in ls.folders if f not in removed] + [f.uri for f in params.event.added]
        ls.configuration_changed(reread_settings=True)
        if params.event.added:
            ls.in_background(ls.index_workspace())  # modules already indexed are skipped

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: BnlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith("pyproject.toml") for change in params.changes):
            ls.resolver.forget()
            ls.configuration_changed()
        modules = [to_fs_path(c.uri) for c in params.changes if c.uri.endswith(".py") and c.uri.startswith("file:")]
        modules = [m for m in modules if m]
        if modules:
            ls.in_background(ls.files_changed(modules))

    # ---- diagnostics (pull) ------------------------------------------------------------------

    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier="bnlint", inter_file_dependencies=False, workspace_diagnostics=True),
    )
    async def document_diagnostic(ls: BnlintServer, params: types.DocumentDiagnosticParams):
        uri = params.text_document.uri
        unit = ls.unit_of(uri)
        result = await ls.current_result(unit) if unit is not None else None
        if result is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        result_id = result.result_ids.get(uri)
        if result_id is not None and params.previous_result_id == result_id:
            return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        if result_id is None:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        return PreparedJSON(f'{{"kind":"full","resultId":{json.dumps(result_id)},"items":{result.payloads[uri]}}}')

    @server.feature(types.WORKSPACE_DIAGNOSTIC)
    async def workspace_diagnostic(ls: BnlintServer, params: types.WorkspaceDiagnosticParams):
        previous = {item.uri: item.value for item in params.previous_result_ids}
        reports: list[str] = []  # as JSON text: the diagnostics are serialised already
        closed, ls.closed_since_workspace_pull = ls.closed_since_workspace_pull, set()
        for uri in sorted(closed):
            if ls.unit_of(uri) is None:
                reports.append(f'{{"kind":"full","uri":{json.dumps(uri)},"version":null,"items":[]}}')
        for unit in list(ls.units.values()):
            result = await ls.current_result(unit)
            if result is None:
                continue
            for uri, payload in result.payloads.items():
                result_id = result.result_ids[uri]
                where = f'"uri":{json.dumps(uri)},"version":{json.dumps(result.versions.get(uri))},"resultId":{json.dumps(result_id)}'
                if previous.get(uri) == result_id:
                    reports.append(f'{{"kind":"unchanged",{where}}}')
                else:
                    reports.append(f'{{"kind":"full",{where},"items":{payload}}}')
        return PreparedJSON(f'{{"items":[{",".join(reports)}]}}')

    # ---- code actions and hover --------------------------------------------------------------

    def builder(ls: BnlintServer) -> ActionBuilder:
        return ActionBuilder(
            version_of=ls.version_of,
            document_changes=bool(ls.can("workspace.workspace_edit.document_changes")),
            lazy="edit" in (ls.can("text_document.code_action.resolve_support.properties", []) or []),
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=True),
    )
    async def code_action(ls: BnlintServer, params: types.CodeActionParams):
        uri = params.text_document.uri
        if uri not in ls.documents:
            return None
        unit = ls.unit_of(uri)
        if unit is not None and _asks_fix_all(params.context.only) and not ls._current(unit):
            # fix-all on save comes right after the last keystrokes: analyse the text being
            # saved now (skipping the debounce; with run=onSave, before the save itself)
            # rather than answer with nothing
            ls.saved(unit)
            await ls.current_result(unit)
            if uri not in ls.documents:
                return None
        stored = unit.result.diagnostics.get(uri) if unit is not None and unit.result is not None else None
        return builder(ls).actions(params.context.diagnostics, stored, params.context.only, params.range) or None

    @server.feature(types.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: BnlintServer, action: types.CodeAction) -> types.CodeAction:
        resolved = builder(ls).resolve(action)
        if resolved.edit is None:
            ls.report_problem(f"code action {action.title!r} is out of date (the document changed); not resolved")
        return resolved

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: BnlintServer, params: types.HoverParams) -> Optional[types.Hover]:
        uri = params.text_document.uri
        unit = ls.unit_of(uri)
        if unit is None or unit.result is None:
            return None
        where = (params.position.line, params.position.character)
        stored = unit.result.diagnostics.get(uri)
        hits = [i for i in range(len(stored or ())) if stored.spans[i][0] <= where <= stored.spans[i][1]]
        codes = list(dict.fromkeys(str(stored.codes[i]) for i in hits))
        if not codes:
            return None
        pages = []
        for code in codes:
            page = rule_page(code)
            if page is None:
                rule = RULES.get(code)
                page = f"**{code}** {rule.summary}\n\n{rule.url()}" if rule else code
            pages.append(page.strip())
        markdown = types.MarkupKind.Markdown in (ls.can("text_document.hover.content_format", []) or [])
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText,
                value="\n\n---\n\n".join(pages),
            ),
            range=types.Range(types.Position(*stored.spans[hits[0]][0]), types.Position(*stored.spans[hits[0]][1])),
        )

    return server
