"""Typing replay: how many findings survive while a statement is half typed. A measurement,
not a test: it asserts nothing.

For every bundled example (examples/*.py) and every rule case (tests/cases/BN*/*.py) that
parses, each function that holds batch-norm code gets new statements typed into it, one
character at a time, as a user does: a new line is opened after a statement of the function
(at that statement's indentation) and a statement is typed into it. Two modes:

- autoclose: brackets and quotes are closed as VS Code does (typing `(` inserts `()`, typing
  the closing character over an inserted one steps over it);
- plain: every character as typed, nothing inserted (other editors, or pasting slowly).

At each intermediate text the findings outside the edited line are compared with those of
the text before the edit (moved one line down below the new line): the share of the old
findings still there is "retained"; findings that were not there before are "spurious".
The analysis runs with a BlockCache, as the language server does; every 25th text is also
analysed from scratch, and a difference between the two is counted ("cache mismatches").

Then `--latency` times what a half-typed statement costs on the 2,500-line file of
bench/server_bench.py, against typing a character into a name there (which keeps the file
parsing), as ratios in one run: through `analyze()` with a BlockCache in this process, and
through `bnlint serve` over stdio (didChange to publishDiagnostics, debounceMs 0). The edits are
made in a function in the middle of the file: append `.` to `return tf.nn.relu(h)` (a
half-typed attribute), append `(` to it (an unclosed call, as typed without an editor closing
it), and undo each.

    .venv/bin/python bench/typing_replay.py [--per-function 2] [--files N] [--latency] [--edits 20]
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

from bnlint.analysis import BlockCache, analyze
from bnlint.config import Config

ROOT = Path(__file__).resolve().parent.parent
BATCH_NORM = re.compile(r"[Bb]atch_?[Nn]orm")

# What gets typed: TF1 statements of the kinds a model function holds, and two headers whose
# body is not typed yet. None of them names a batch norm, so the finished statement changes
# no finding outside its line either.
STATEMENTS = (
    "net = slim.conv2d(net, 64, [3, 3], stride=2, padding='SAME', scope='conv_extra')",
    "net = tf.nn.relu(net, name='relu_extra')",
    "tf.summary.histogram('activations', net)",
    "shape = net.get_shape().as_list()[1:3]",
    "net = tf.reshape(net, [-1, shape[0] * shape[1] * 64])",
    "logits = tf.layers.dense(net, units=10, activation=None, name='logits_extra')",
    "end_points['extra'] = {'net': net, 'scale': 0.5}",
    "net = tf.concat([net, tf.zeros_like(net)], axis=-1)",
    "for i in range(num_layers):",
    "with tf.variable_scope('extra', reuse=tf.AUTO_REUSE):",
)

OPENERS = {"(": ")", "[": "]", "{": "}"}
QUOTES = "'\""


def typed_states(statement: str, autoclose: bool) -> list[str]:
    """The line's text after each keystroke of `statement` (the cursor's right side included)."""
    before, after = "", ""
    states = []
    in_string = None
    for char in statement:
        if autoclose and after and after[0] == char and (char in ")]}" or char == in_string):
            before, after = before + char, after[1:]  # type over the inserted closer
            if char == in_string:
                in_string = None
        elif autoclose and in_string is None and char in OPENERS:
            before, after = before + char, OPENERS[char] + after
        elif autoclose and in_string is None and char in QUOTES and not (before and before[-1].isalnum()):
            before, after = before + char, char + after
            in_string = char
        else:
            before += char
        states.append(before + after)
    return states


def functions_with_batch_norm(tree: ast.Module, source: str):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            segment = ast.get_source_segment(source, node) or ""
            if BATCH_NORM.search(segment):
                yield node


def insertion_points(tree: ast.Module, source: str, per_function: int) -> list[int]:
    """0-based lines after which a new statement is typed, at the indentation of the statement
    above it: statements of batch-norm functions (nested blocks too), spread over each body."""
    points = []
    for function in functions_with_batch_norm(tree, source):
        statements = [
            node
            for node in ast.walk(function)
            if isinstance(node, ast.stmt) and node is not function and _directly_in(node, function)
        ]
        statements.sort(key=lambda n: n.lineno)
        if not statements:
            continue
        step = max(1, len(statements) // per_function)
        chosen = statements[step // 2 :: step][:per_function]
        points.extend((s.lineno - 1, s.end_lineno - 1) for s in chosen)
    return sorted(set(points))


def _directly_in(node: ast.stmt, function) -> bool:
    """Whether `node` belongs to `function` and not to a function or class nested in it."""
    for inner in ast.walk(function):
        if inner is not function and isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if inner is node:
                return True
            if inner.lineno < node.lineno <= inner.end_lineno:
                return False
    return True


def finding_keys(report, skip_line: int, shift_from: int = None) -> set:
    keys = set()
    for f in report.findings:
        start, end = f.range.start, f.range.end
        if start.line == skip_line:
            continue
        if shift_from is not None:
            start_line = start.line + (1 if start.line >= shift_from else 0)
            end_line = end.line + (1 if end.line >= shift_from else 0)
        else:
            start_line, end_line = start.line, end.line
        keys.add((f.code, start_line, start.character, end_line, end.character))
    return keys


def replay(path: Path, per_function: int, totals: dict, config: Config) -> None:
    source = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    lines = source.splitlines(keepends=True)
    if not lines or not lines[-1].endswith("\n"):
        return
    points = insertion_points(tree, source, per_function)
    if not points:
        return
    baseline = analyze(source, str(path), config)
    totals["files"] += 1
    for number, (first, last) in enumerate(points):
        indentation = lines[first][: len(lines[first]) - len(lines[first].lstrip(" \t"))]
        new_line = last + 1  # the typed line's 0-based number in the edited text
        expected = finding_keys(baseline, -1, shift_from=new_line)
        statement = STATEMENTS[(totals["points"] + number) % len(STATEMENTS)]
        for mode in ("autoclose", "plain"):
            cache = BlockCache()
            analyze(source, str(path), config, cache)
            for index, typed in enumerate([""] + typed_states(statement, mode == "autoclose")):
                text = "".join(lines[: last + 1] + [indentation + typed + "\n"] + lines[last + 1 :])
                report = analyze(text, str(path), config, cache)
                got = finding_keys(report, new_line)
                tally = totals[mode]
                tally["states"] += 1
                try:
                    ast.parse(text)
                except SyntaxError:
                    tally["not_parsing"] += 1
                tally["expected"] += len(expected)
                tally["retained"] += len(expected & got)
                tally["spurious"] += len(got - expected)
                if expected - got:
                    tally["states_with_loss"] += 1
                if totals["checked"] % 25 == 0:
                    fresh = finding_keys(analyze(text, str(path), config), new_line)
                    if fresh != got:
                        totals["cache_mismatches"] += 1
                totals["checked"] += 1
    totals["points"] += len(points)


# ------------------------------------------------------------------ latency


def latency_edits(text: str) -> list:
    """[(name, line index, edited line)] for the edits, in a function in the middle of `text`."""
    lines = text.split("\n")
    middle = next(i for i in range(len(lines) // 2, len(lines)) if lines[i] == "    return tf.nn.relu(h)")
    name_line = next(i for i in range(middle, 0, -1) if lines[i].startswith("    h = tf.layers"))
    original = lines[middle]
    typed_name = lines[name_line][:8] + "x" + lines[name_line][8:]
    return [
        ("type a character into a name (parses)", name_line, typed_name),
        ("half-typed attribute `relu(h).`", middle, original + "."),
        ("unclosed call `relu(h)(`", middle, original + "("),
    ]


def with_line(text: str, index: int, new_line: str) -> str:
    lines = text.split("\n")
    lines[index] = new_line
    return "\n".join(lines)


def latency_in_process(text: str, edits: int) -> dict:
    kinds = latency_edits(text)
    cache = BlockCache()
    analyze(text, cache=cache)
    times: dict = {name: [] for name, _, _ in kinds}
    undo: dict = {name: [] for name, _, _ in kinds}
    for round_ in range(edits + 2):
        for name, index, new_line in kinds:
            edited = with_line(text, index, new_line)
            for target, bucket in ((edited, times), (text, undo)):
                start = time.perf_counter()
                analyze(target, cache=cache)
                if round_ >= 2:
                    bucket[name].append(time.perf_counter() - start)
    return {name: (statistics.median(times[name]), statistics.median(undo[name])) for name in times}


async def latency_in_server(text: str, edits: int) -> dict:
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bnlint-typing-replay", "1")
    published: dict = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(ls, params):
        published[params.version] = time.perf_counter()
        arrived.set()

    async def wait_for(version: int) -> float:
        while version not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 120)
        return published[version]

    await client.start_io(sys.executable, "-m", "bnlint.server")
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(), initialization_options={"bnlint": {"debounceMs": 0}}
        )
    )
    client.initialized(types.InitializedParams())
    uri = "file:///bench/typing_replay.py"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text))
    )
    await wait_for(1)
    version = 1
    lines = text.split("\n")
    kinds = latency_edits(text)

    async def replace_line(index: int, new_line: str) -> float:
        nonlocal version
        version += 1
        rng = types.Range(types.Position(index, 0), types.Position(index, len(lines[index]) + 1))
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=rng, text=new_line + "\n")],
            )
        )
        return await wait_for(version) - sent

    times: dict = {name: [] for name, _, _ in kinds}
    undo: dict = {name: [] for name, _, _ in kinds}
    for round_ in range(edits + 2):
        for name, index, new_line in kinds:
            edited = await replace_line(index, new_line)
            restored = await replace_line(index, lines[index])
            if round_ >= 2:
                times[name].append(edited)
                undo[name].append(restored)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {name: (statistics.median(times[name]), statistics.median(undo[name])) for name in times}


def report_latency(edits: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from server_bench import generate

    text = generate(2500)
    print(f"\nlatency on bench/server_bench.py's file ({text.count(chr(10))} lines), medians of {edits}:")
    for label, result in (
        ("analyze() with a BlockCache", latency_in_process(text, edits)),
        ("bnlint serve, didChange to publishDiagnostics", asyncio.run(latency_in_server(text, edits))),
    ):
        base = next(iter(result.values()))[0]
        print(f"  {label}:")
        for name, (edited, restored) in result.items():
            print(
                f"    {name:40} {edited * 1000:6.1f} ms ({edited / base:.2f}x), "
                f"undoing it {restored * 1000:6.1f} ms ({restored / base:.2f}x)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-function", type=int, default=2, help="statements typed per function (default 2)")
    parser.add_argument("--files", type=int, default=None, help="only the first N files (default all)")
    parser.add_argument("--latency", action="store_true", help="also time half-typed statements (see above)")
    parser.add_argument("--only-latency", action="store_true", help="time them, skip the replay")
    parser.add_argument("--edits", type=int, default=20, help="timed rounds of each latency edit (default 20)")
    args = parser.parse_args()
    if args.only_latency:
        report_latency(args.edits)
        return
    files = sorted((ROOT / "examples").glob("*.py")) + sorted(
        p for p in (ROOT / "tests" / "cases").glob("BN*/*.py") if not p.name.endswith(".fixed.py")
    )
    if args.files is not None:
        files = files[: args.files]
    totals = {
        "files": 0,
        "points": 0,
        "checked": 0,
        "cache_mismatches": 0,
        "autoclose": dict(states=0, not_parsing=0, expected=0, retained=0, spurious=0, states_with_loss=0),
        "plain": dict(states=0, not_parsing=0, expected=0, retained=0, spurious=0, states_with_loss=0),
    }
    config = Config()
    started = time.perf_counter()
    for path in files:
        replay(path, args.per_function, totals, config)
    elapsed = time.perf_counter() - started
    print(
        f"{totals['files']} files with batch-norm functions, {totals['points']} statements typed, "
        f"{totals['checked']} texts analysed in {elapsed:.0f} s"
    )
    for mode in ("autoclose", "plain"):
        t = totals[mode]
        share = 100.0 * t["retained"] / t["expected"] if t["expected"] else 100.0
        print(
            f"{mode:9}: {t['retained']}/{t['expected']} findings retained = {share:.1f}% over {t['states']} "
            f"intermediate texts ({t['not_parsing']} do not parse); {t['states_with_loss']} texts lost at least "
            f"one; {t['spurious']} spurious"
        )
    print(f"cache mismatches (incremental vs from scratch, every 25th text): {totals['cache_mismatches']}")
    if args.latency:
        report_latency(args.edits)


if __name__ == "__main__":
    main()
