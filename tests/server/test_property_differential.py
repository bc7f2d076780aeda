"""Property: whatever the edit history, the server shows what `analyze()` finds from scratch.

A seeded, randomized test (hypothesis) drives the real `bnlint serve` over stdio, the way
editors do: it opens a real TF1 file (examples/ and tests/cases/, as LF, CRLF or CR-only
text, indented with spaces or tabs) and sends incremental range edits:
statements typed character by character inside functions, characters and lines deleted,
top-level blocks duplicated and moved, chunks pasted from other files, brackets broken and
restored, `with tf.control_dependencies(update_ops):` inserted with the statement
re-indented under it, non-ASCII and astral characters before findings, form feeds and the
other characters `str.splitlines` (not Python) takes for line ends; then undo.

After each settled version it asserts that the server's diagnostics equal `analyze()` of the
same text from scratch (codes, ranges in the client's units, messages, severities, related
locations), and that every preferred quick fix, applied to that text, parses (when the text
did) and removes its finding.

The normal run has a small fixed budget. BNLINT_PROPERTY_LONG=1 runs thousands of sequences
(BNLINT_PROPERTY_SEQUENCES sets how many per client profile, BNLINT_PROPERTY_SEED the seed);
with `-s` it prints how many sequences, edits and comparisons it ran. BNLINT_PROPERTY_SHRINK=1
lets hypothesis shrink a failure (slow: each example is a server session).
"""

from __future__ import annotations

import ast
import asyncio
import os
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, note, seed, settings
from hypothesis import strategies as st
from lsprotocol import types

from bnlint.analysis import analyze
from bnlint.config import Config
from bnlint.findings import Finding
from bnlint.project import Project
from lsp_session import PROFILES, Session, apply_text_edits, edits_by_uri, make_client, stop_server, units

REPO = Path(__file__).resolve().parents[2]
LONG = os.environ.get("BNLINT_PROPERTY_LONG") == "1"
SEQUENCES = int(os.environ.get("BNLINT_PROPERTY_SEQUENCES", "2000" if LONG else "3"))  # per profile
SEED = int(os.environ.get("BNLINT_PROPERTY_SEED", "8"))
OPERATIONS_PER_SEQUENCE = (4, 14) if LONG else (6, 9)
# shrinking re-runs whole server sessions (minutes); the failure report (every draw, every
# operation, and a reproduce_failure blob) is readable without it
PHASES = [Phase.explicit, Phase.generate] + ([Phase.shrink] if os.environ.get("BNLINT_PROPERTY_SHRINK") == "1" else [])
STEP_SECONDS = 120  # a deadline against a hung server, not a performance assertion

CORPUS = [
    path.read_text(encoding="utf-8").replace("\r\n", "\n")
    for path in sorted([*(REPO / "examples").glob("*.py"), *(REPO / "tests" / "cases").glob("*/*.py")])
]
STATEMENTS = [
    "h = tf.contrib.layers.batch_norm(h)",
    "h = slim.batch_norm(h, is_training=is_training)",
    "x = tf.layers.batch_normalization(x)",
    "net = slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm)",
    "net = slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'decay': 0.9})",
    "train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)",
    "update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)",
    "return optimizer.minimize(loss, global_step=global_step)",
    "y = tf.contrib.layers.batch_norm(y, data_format='NCHW')  # noqa: BN007",
    "s = 'ü𝔘🎉'; z = tf.compat.v1.layers.batch_normalization(z)",
    "with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):",
]
ODD_CHARACTERS = ["é", "ü", "€", "𝔘", "🎉", "\u200b", "\x0c", "\x0b", "\x1c", "\x85", "\u2028", "\u2029"]
BRACKETS = "()[]{}"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


# ---- a server on its own event loop, so that hypothesis can drive it from a plain test --------


class LoopThread:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(STEP_SECONDS)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@dataclass
class Stats:
    sequences: int = 0
    edits: int = 0  # incremental range edits sent (content changes)
    versions: int = 0
    comparisons: int = 0
    quick_fixes: int = 0
    per_operation: dict = field(default_factory=dict)


STATS = Stats()


@pytest.fixture(scope="module", params=PROFILES)
def server(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"differential-{request.param}")
    # stops the search for a pyproject.toml above: the configuration is the default one
    (root / "pyproject.toml").write_text('[project]\nname = "differential"\n')
    loop = LoopThread()

    async def start() -> Session:
        client = make_client()
        await client.start_io(sys.executable, "-m", "bnlint.server")
        session = Session(client, request.param, root)
        await session.start(settings={"debounceMs": 0})
        return session

    session = loop.run(start())
    yield loop, session

    async def stop() -> None:
        await stop_server(session.client)
        await session.client.stop()

    loop.run(stop())
    loop.close()


def teardown_module(module) -> None:
    s = STATS
    operations = ", ".join(f"{name} {count}" for name, count in sorted(s.per_operation.items()))
    print(
        f"\ndifferential (seed {SEED}): {s.sequences} sequences, {s.edits} incremental edits in "
        f"{s.versions} versions, {s.comparisons} comparisons with analyze(), {s.quick_fixes} preferred"
        f" quick fixes applied; operations: {operations}"
    )


# ---- texts and positions (code point offsets; nothing of the server's) -----------------------


def line_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end without the break, end with it) of each line."""
    spans, start = [], 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((start, match.start(), match.end()))
        start = match.end()
    spans.append((start, len(text), len(text)))
    return spans


def safe(text: str, offset: int) -> int:
    """An offset that does not fall between the \\r and \\n of a CRLF."""
    offset = max(0, min(offset, len(text)))
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        return offset - 1
    return offset


def newline_of(text: str) -> str:
    match = _LINE_BREAK.search(text)
    return match.group(0) if match else "\n"


def indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" \t"))]


def client_position(text: str, line: int, character: int, encoding: str) -> types.Position:
    """A core position (line, code point column) in the client's units."""
    start, end, _ = line_spans(text)[line]
    return types.Position(line=line, character=units(text[start : start + min(character, end - start)], encoding))


def client_range(text: str, rng, encoding: str) -> types.Range:
    return types.Range(
        client_position(text, rng.start.line, rng.start.character, encoding),
        client_position(text, rng.end.line, rng.end.character, encoding),
    )


def parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


def from_scratch(text: str, path: Path):
    """What `bnlint check` says of this text as the only file of its folder: analyze() with a
    new project around it (the server analyses with the workspace's project too)."""
    project = Project(path.parent)
    project.set_document(str(path), text)
    return analyze(text, path=str(path), config=Config(root=path.parent), project=project)


def count_of(text: str, code: str, path: Path) -> int:
    return sum(1 for f in from_scratch(text, path).findings if f.code == code)


# ---- the document under edit ------------------------------------------------------------------


class Editor:
    """One open document: sends edits like an editor and checks each settled version."""

    def __init__(self, loop: LoopThread, session: Session, uri: str, path: Path, text: str):
        self.loop, self.session, self.uri, self.path = loop, session, uri, path
        self.text = text
        self.history: list[str] = []
        loop.run(self._call(session.open, uri, text))

    async def _call(self, function, *args):
        return function(*args)

    def edit(self, spans: list[tuple[int, int, str]]) -> None:
        """One didChange with one content change per span (offsets in the current text)."""
        encoding = self.session.encoding
        text = self.text
        edits = []
        for start, end, new in spans:
            start_line, start_col = self._line_col(text, start)
            end_line, end_col = self._line_col(text, end)
            rng = types.Range(
                types.Position(start_line, units(text[line_spans(text)[start_line][0] : start], encoding)),
                types.Position(end_line, units(text[line_spans(text)[end_line][0] : end], encoding)),
            )
            edits.append(types.TextEdit(rng, new))
        expected = text
        for start, end, new in sorted(spans, reverse=True):
            expected = expected[:start] + new + expected[end:]
        self.loop.run(self._call(self.session.edit, self.uri, edits))
        assert self.session.texts[self.uri] == expected
        self.text = expected
        STATS.edits += len(spans)
        STATS.versions += 1

    @staticmethod
    def _line_col(text: str, offset: int) -> tuple[int, int]:
        line = len(_LINE_BREAK.findall(text[:offset]))
        return line, offset - line_spans(text)[line][0]

    def replace(self, new_text: str) -> None:
        self.loop.run(self._call(self.session.replace, self.uri, new_text))
        self.text = new_text
        STATS.edits += 1
        STATS.versions += 1

    def close(self) -> None:
        self.loop.run(self._call(self.session.close_document, self.uri))

    # ---- the property ----------------------------------------------------------------------

    def check(self) -> None:
        self.loop.run(self._check())
        STATS.comparisons += 1

    async def _check(self) -> None:
        session, text, uri = self.session, self.text, self.uri
        encoding = session.encoding
        version = session.versions[uri]
        shown = await session.diagnostics(uri, version)
        assert session.texts[uri] == text
        report = from_scratch(text, self.path)
        findings = sorted(report.findings, key=Finding.sort_key)
        expected = [self._expected(finding, text, encoding) for finding in findings]
        got = [self._got(d) for d in shown]
        assert got == expected, f"server != analyze() on this text:\n{text!r}"
        source_parses = parses(text)
        for diagnostic, finding in zip(shown, findings):
            actions = await session.code_actions(uri, [diagnostic], only=[types.CodeActionKind.QuickFix])
            preferred = [fix for fix in finding.fixes if fix.preferred and not fix.suppression]
            assert [a.title for a in actions if a.is_preferred] == [fix.title for fix in preferred]
            for action, fix in zip([a for a in actions if a.is_preferred], preferred):
                action = await session.resolved(action)
                fix_version, edits = edits_by_uri(action.edit)[uri]
                assert fix_version in (None, version)
                # the very edits analyze() from scratch proposes
                assert sorted((e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.new_text) for e in edits) == sorted(
                    (r.start.line, r.start.character, r.end.line, r.end.character, edit.new_text)
                    for edit in fix.edits
                    for r in [client_range(text, edit.range, encoding)]
                ), f"{action.title!r}: the server's edits are not analyze()'s on this text:\n{text!r}"
                fixed = apply_text_edits(text, edits, encoding)
                STATS.quick_fixes += 1
                if source_parses:
                    assert parses(fixed), f"{action.title!r} breaks the code:\n{fixed!r}"
                code = diagnostic.code
                assert count_of(fixed, code, self.path) < count_of(text, code, self.path), (
                    f"{action.title!r} does not remove its {code}:\n{fixed!r}"
                )

    def _related_supported(self) -> bool:
        document = self.session.capabilities.text_document
        holder = document.diagnostic if self.session.pulls else document.publish_diagnostics
        value = getattr(holder, "related_information", None) if holder is not None else None
        return value is None or bool(value)

    def _expected(self, finding: Finding, text: str, encoding: str) -> tuple:
        related = []
        if self._related_supported():
            related = [(self.uri, client_range(text, r.range, encoding), r.message) for r in finding.related]
        return (finding.code, client_range(text, finding.range, encoding), finding.message, finding.severity, related)

    def _got(self, diagnostic: types.Diagnostic) -> tuple:
        severity = {1: "error", 2: "warning", 3: "information", 4: "hint"}[diagnostic.severity]
        related = [(r.location.uri, r.location.range, r.message) for r in diagnostic.related_information or []]
        return (diagnostic.code, diagnostic.range, diagnostic.message, severity, related)


# ---- the operations ---------------------------------------------------------------------------


def _lines(editor: Editor) -> list[tuple[int, int, int]]:
    return line_spans(editor.text)


def _top_level_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of top-level blocks: from a column-0 code line to the next one."""
    spans = line_spans(text)
    heads = [
        i
        for i, (a, b, _) in enumerate(spans)
        if b > a and text[a] not in " \t#\x0c)]}" and not text[a:b].startswith(("else", "elif", "except", "finally"))
    ]
    blocks = []
    for n, head in enumerate(heads):
        end_line = heads[n + 1] if n + 1 < len(heads) else len(spans)
        blocks.append((spans[head][0], spans[end_line - 1][2] if end_line - 1 >= head else spans[head][2]))
    return [(a, b) for a, b in blocks if b > a]


def op_type_statement(editor: Editor, data) -> None:
    """Enter at the end of a line inside a function, then a statement typed key by key."""
    text = editor.text
    spans = _lines(editor)
    inside = [i for i, (a, b, _) in enumerate(spans) if b > a and text[a] in " \t" and text[a:b].strip()]
    line = data.draw(st.sampled_from(inside or list(range(len(spans)))), label="after line")
    start, end, _ = spans[line]
    indent = indentation(text[start:end])
    if text[start:end].rstrip().endswith(":"):
        indent += "\t" if "\t" in indent else "    "
    statement = data.draw(st.sampled_from(STATEMENTS), label="statement")
    settle_every = data.draw(st.sampled_from([0, 1, 5, 13]), label="compare every n keys (0: at the end)")
    editor.edit([(end, end, newline_of(text) + indent)])
    at = end + len(newline_of(text)) + len(indent)
    for typed, ch in enumerate(statement, 1):
        editor.edit([(at, at, ch)])
        at += 1
        if settle_every and typed % settle_every == 0:
            editor.check()


def op_delete_characters(editor: Editor, data) -> None:
    text = editor.text
    if not text:
        return
    start = safe(text, data.draw(st.integers(0, len(text) - 1), label="at"))
    count = data.draw(st.integers(1, 8), label="characters")
    if data.draw(st.booleans(), label="backspace key by key"):
        for _ in range(count):
            end = safe(editor.text, start + 1)
            if end <= start:
                end = safe(editor.text, start + 2)
            if end <= start or start >= len(editor.text):
                break
            editor.edit([(start, end, "")])
    else:
        end = safe(text, start + count)
        if end > start:
            editor.edit([(start, end, "")])


def op_delete_lines(editor: Editor, data) -> None:
    spans = _lines(editor)
    first = data.draw(st.integers(0, len(spans) - 1), label="first line")
    last = min(len(spans) - 1, first + data.draw(st.integers(0, 3), label="more lines"))
    if spans[first][0] < spans[last][2]:
        editor.edit([(spans[first][0], spans[last][2], "")])


def op_duplicate_block(editor: Editor, data) -> None:
    """A top-level block pasted again right after itself or at the end: identical text twice."""
    text = editor.text
    blocks = _top_level_blocks(text)
    if not blocks:
        return
    start, end = data.draw(st.sampled_from(blocks), label="block")
    block = text[start:end]
    if not _LINE_BREAK.search(block[-2:] or "x"):
        block = newline_of(text) + block
    at = end if data.draw(st.booleans(), label="right after it") else len(text)
    if at == len(text) and text and not text.endswith(("\n", "\r")):
        block = newline_of(text) + block
    editor.edit([(at, at, block)])


def op_move_block(editor: Editor, data) -> None:
    """Cut a top-level block, then paste it at another block boundary (two versions)."""
    text = editor.text
    blocks = _top_level_blocks(text)
    if len(blocks) < 2:
        return
    start, end = data.draw(st.sampled_from(blocks), label="block")
    block = text[start:end]
    editor.edit([(start, end, "")])
    if data.draw(st.booleans(), label="compare while cut"):
        editor.check()
    boundaries = sorted({a for a, _ in _top_level_blocks(editor.text)} | {len(editor.text)})
    at = data.draw(st.sampled_from(boundaries), label="paste at")
    if at == len(editor.text) and editor.text and not editor.text.endswith(("\n", "\r")):
        block = newline_of(editor.text) + block
    editor.edit([(at, at, block)])


def op_paste_chunk(editor: Editor, data) -> None:
    """Some lines of another corpus file pasted at a line start, in this file's line ends or not."""
    other = data.draw(st.sampled_from(CORPUS), label="from file")
    other_lines = other.split("\n")
    first = data.draw(st.integers(0, max(0, len(other_lines) - 1)), label="from line")
    chunk = "\n".join(other_lines[first : first + data.draw(st.integers(1, 12), label="lines")]) + "\n"
    if data.draw(st.booleans(), label="in this file's line ends"):
        chunk = chunk.replace("\n", newline_of(editor.text))
    spans = _lines(editor)
    at = spans[data.draw(st.integers(0, len(spans) - 1), label="at line")][0]
    editor.edit([(at, at, chunk)])


def op_break_bracket(editor: Editor, data) -> None:
    """A bracket deleted (or an extra one typed), the state compared, then restored."""
    text = editor.text
    positions = [i for i, ch in enumerate(text) if ch in BRACKETS]
    if positions and data.draw(st.booleans(), label="delete one (else type one)"):
        at = data.draw(st.sampled_from(positions), label="bracket at")
        removed = text[at]
        editor.edit([(at, at + 1, "")])
        editor.check()
        at = safe(editor.text, at)
        editor.edit([(at, at, removed)])
    else:
        at = safe(text, data.draw(st.integers(0, len(text)), label="type at"))
        editor.edit([(at, at, data.draw(st.sampled_from("([{"), label="bracket"))])
        editor.check()
        editor.edit([(at, at + 1, "")])


def op_wrap_control_dependencies(editor: Editor, data) -> None:
    """`with tf.control_dependencies(update_ops):` above a statement, which moves under it (one
    didChange with an edit per line, as a refactoring does)."""
    text = editor.text
    spans = _lines(editor)
    code_lines = [i for i, (a, b, _) in enumerate(spans) if text[a:b].strip() and not text[a:b].lstrip().startswith("#")]
    if not code_lines:
        return
    train = [i for i in code_lines if "minimize(" in text[spans[i][0] : spans[i][1]]]
    line = data.draw(st.sampled_from(train or code_lines), label="statement line")
    start, end, _ = spans[line]
    indent = indentation(text[start:end])
    unit = "\t" if "\t" in indent or "\n\t" in text or "\r\t" in text else "    "
    nl = newline_of(text)
    # the statement's continuation lines are indented deeper: they move with it
    last = line
    while last + 1 < len(spans):
        a, b, _ = spans[last + 1]
        body = text[a:b]
        if body.strip() and len(indentation(body)) <= len(indent):
            break
        last += 1
    edits = [(start, start, f"{indent}with tf.control_dependencies(update_ops):{nl}{unit}")]
    edits += [(spans[i][0], spans[i][0], unit) for i in range(line + 1, last + 1) if spans[i][1] > spans[i][0]]
    if data.draw(st.booleans(), label="fetch the update ops first"):
        edits[0] = (start, start, f"{indent}update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS){nl}" + edits[0][2])
    editor.edit(edits)


def op_odd_characters(editor: Editor, data) -> None:
    """Non-ASCII, astral, zero-width and not-a-line-end characters in a comment or string before
    findings, or a form feed at a line start (Python takes it as whitespace there)."""
    text = editor.text
    spans = _lines(editor)
    line = data.draw(st.integers(0, len(spans) - 1), label="line")
    start, end, _ = spans[line]
    chars = "".join(data.draw(st.lists(st.sampled_from(ODD_CHARACTERS), min_size=1, max_size=4), label="characters"))
    where = data.draw(st.sampled_from(["comment line", "end comment", "string statement", "form feed"]), label="where")
    indent = indentation(text[start:end])
    if where == "comment line":
        editor.edit([(start, start, f"{indent}# {chars}{newline_of(text)}")])
    elif where == "end comment":
        editor.edit([(end, end, f"  # {chars}")])
    elif where == "string statement":
        # on the same line as the code after it: that code's columns now count the characters
        editor.edit([(start + len(indent), start + len(indent), f"_ = '{chars}'; ")])
    else:
        editor.edit([(start, start, "\x0c")])


def op_undo(editor: Editor, data) -> None:
    """Back to an earlier version, as one change around what differs."""
    if not editor.history:
        return
    steps = data.draw(st.integers(1, len(editor.history)), label="undo steps")
    target = editor.history[-steps]
    del editor.history[-steps:]
    editor.replace(target)


OPERATIONS = {
    "type statement": op_type_statement,
    "delete characters": op_delete_characters,
    "delete lines": op_delete_lines,
    "duplicate block": op_duplicate_block,
    "move block": op_move_block,
    "paste chunk": op_paste_chunk,
    "break bracket": op_break_bracket,
    "wrap control_dependencies": op_wrap_control_dependencies,
    "odd characters": op_odd_characters,
    "undo": op_undo,
}


def initial_text(data) -> str:
    text = data.draw(st.sampled_from(CORPUS), label="file")
    if data.draw(st.booleans(), label="tabs for indentation"):
        text = re.sub(r"(?m)^(?:    )+", lambda m: "\t" * (len(m.group(0)) // 4), text)
    newline = data.draw(st.sampled_from(["\n", "\r\n", "\r"]), label="line ends")
    text = text.replace("\n", newline)
    if data.draw(st.booleans(), label="no final line end"):
        text = text.rstrip("\r\n")
    return text


_counter = iter(range(10**9))


@settings(
    max_examples=SEQUENCES,
    deadline=None,
    database=None,
    print_blob=True,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@seed(SEED)
@given(data=st.data())
def test_server_diagnostics_equal_analysis_from_scratch(server, data):
    loop, session = server
    path = session.root / f"doc{next(_counter)}.py"
    text = initial_text(data)
    editor = Editor(loop, session, path.as_uri(), path, text)
    STATS.sequences += 1
    try:
        editor.check()
        count = data.draw(st.integers(*OPERATIONS_PER_SEQUENCE), label="operations")
        for _ in range(count):
            operation = data.draw(st.sampled_from(sorted(OPERATIONS)), label="operation")
            note(f"operation: {operation}")
            STATS.per_operation[operation] = STATS.per_operation.get(operation, 0) + 1
            before = editor.text
            OPERATIONS[operation](editor, data)
            if operation != "undo" and editor.text != before:
                editor.history.append(before)
            if operation == "undo" or data.draw(st.integers(0, 2), label="compare now (0: no)"):
                editor.check()
        editor.check()
    finally:
        editor.close()
