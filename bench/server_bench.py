"""`bnlint serve` measurements over real stdio. A measurement, not a test: it asserts nothing.

1. latency: edit-to-diagnostics on a generated 2,500-line TF1 file (two findings): the time from
   sending a didChange (debounceMs 0, so the debounce is not counted) to receiving
   publishDiagnostics for that version, as a ratio to `ast.parse` of the same text timed in the
   same run. Two kinds of edit, reported separately: typing one character in the middle of a
   line in the middle of the file, and inserting a newline there (which moves every line below).
2. dense: the same edit-to-publish time on batch-norm-dense files where every function yields
   findings (230 findings in 2,530 lines; 5,000 findings), as a ratio to `analyze()` of the
   same edits in this process: what the server adds beyond the analysis.
3. burst: five didChange 10 ms apart (debounceMs 0) on the 230-finding file, from the last one
   sent to its publishDiagnostics, as a ratio to one edit; and whether any older version of the
   burst was published.
4. memory: RSS (VmRSS in /proc/<pid>/status) after opening and closing 20 distinct documents,
   and after 200; the ratio of the two.

Times are taken when the client has read and JSON-decoded a message, before pygls turns it
into lsprotocol objects (the bench's own client cost, which an editor does not have).

    .venv/bin/python bench/server_bench.py [--only latency,dense,burst,memory] [--edits 30]
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import statistics
import sys
import time

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.protocol import LanguageServerProtocol as LanguageClientProtocol

SERVER = [sys.executable, "-m", "bnlint.server"]

BLOCK = '''
def block_{i}(x, is_training, trainable=True):
    """Conv, batch norm and activation; {i} of many."""
    h = tf.contrib.layers.conv2d(x, {width}, 3, normalizer_fn=tf.contrib.layers.batch_norm,
                                 normalizer_params={{'is_training': is_training}})
    h = tf.layers.batch_normalization(h, training=is_training, name='bn_{i}')
    return tf.nn.relu(h)

'''
HEADER = "import tensorflow as tf\n\n\n"
FOOTER = (
    "loss = tf.reduce_mean(block_0(tf.placeholder(tf.float32, [None, 8, 8, 3]), True))\n"
    "train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)\n"
)


def generate(lines: int) -> str:
    """A TF1 module of about `lines` lines (blocks of 8 lines, two findings at the end)."""
    blocks = [BLOCK.format(i=i, width=16 * (1 + i % 8)) for i in range(max(1, (lines - 5) // 8))]
    return HEADER + "".join(blocks) + FOOTER


# batch-norm-dense code: every function has a batch norm and builds its own train op outside
# tf.control_dependencies(UPDATE_OPS), so each yields a BN001 finding with related locations
# (the batch norms) and two fixes, as in real TF1 repositories full of model variants
DENSE_FUNCTION = '''
def train_{i}(x, labels, is_training):
    """Model {i}: a layer, its batch norm, and a train op outside the update ops."""
    h = tf.layers.dense(x, {width}, use_bias=False)
    h = tf.layers.batch_normalization(h, training=is_training, name="bn_{i}")
    h = tf.nn.relu(h)
    logits = tf.layers.dense(h, 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    optimizer = tf.train.AdamOptimizer(1e-3)
    train_op = optimizer.minimize(loss)
    return train_op
'''
# and towers of contrib batch norms without is_training (BN002, three fixes each)
TOWER_FUNCTION = '''
def tower_{i}(x, labels):
    h = tf.contrib.layers.batch_norm(x)
    h = tf.contrib.layers.batch_norm(tf.layers.dense(h, {width}))
    h = tf.contrib.layers.batch_norm(tf.layers.dense(h, {width}))
    h = tf.contrib.layers.batch_norm(tf.layers.dense(h, {width}))
    loss = tf.losses.sparse_softmax_cross_entropy(labels, h)
    return tf.train.GradientDescentOptimizer(0.1).minimize(loss)
'''


def generate_dense(functions: int) -> str:
    """230 functions: 2,533 lines and 230 BN001 findings."""
    return HEADER + "".join(DENSE_FUNCTION.format(i=i, width=16 * (1 + i % 8)) for i in range(functions))


def generate_towers(functions: int) -> str:
    """1,000 functions: 5,000 findings (4,000 BN002, 1,000 BN001)."""
    return HEADER + "".join(TOWER_FUNCTION.format(i=i, width=16 * (1 + i % 8)) for i in range(functions))


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class _TimingProtocol(LanguageClientProtocol):
    """Notes when each publishDiagnostics has been read whole, and skips turning it into
    lsprotocol objects: decoding is this client's cost, not the server's (pygls decodes with a
    Python hook per JSON object; an editor decodes JSON natively, many times faster)."""

    received_at = 0.0  # when the body of the message being decoded was read

    def structure_message(self, data):
        if data.get("method") == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS and "jsonrpc" in data:
            params = data["params"]
            self._server.on_publish(params["uri"], params.get("version"), len(params["diagnostics"]), self.received_at)
            return _SKIPPED
        return super().structure_message(data)

    def handle_message(self, message):
        if message is not _SKIPPED:
            super().handle_message(message)


_SKIPPED = object()


class Client:
    def __init__(self) -> None:
        self.lsp = LanguageClient("bnlint-bench", "1", protocol_cls=_TimingProtocol)
        self.lsp.on_publish = self.on_publish
        self.published: dict[tuple[str, int], float] = {}
        self.counts: dict[tuple[str, int], int] = {}
        self.arrived = asyncio.Event()

    def on_publish(self, uri: str, version, count: int, received_at: float) -> None:
        self.published[(uri, version)] = received_at
        self.counts[(uri, version)] = count
        self.arrived.set()

    async def start(self) -> None:
        await self.lsp.start_io(*SERVER)
        # pygls reads each message body with one readexactly(): note when it returns
        stdout = self.lsp._server.stdout
        read_body = stdout.readexactly
        protocol = self.lsp.protocol

        async def timed_read(n: int) -> bytes:
            body = await read_body(n)
            protocol.received_at = time.perf_counter()
            return body

        stdout.readexactly = timed_read
        await self.lsp.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                initialization_options={"bnlint": {"debounceMs": 0}},
            )
        )
        self.lsp.initialized(types.InitializedParams())

    @property
    def pid(self) -> int:
        return self.lsp._server.pid

    async def published_at(self, uri: str, version: int) -> float:
        while (uri, version) not in self.published:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), 120)
        return self.published[(uri, version)]

    def open(self, uri: str, text: str) -> None:
        self.lsp.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text))
        )

    def change(self, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> float:
        """Send one incremental change; returns when it was sent."""
        rng = types.Range(types.Position(*start), types.Position(*end))
        self.lsp.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangePartial(range=rng, text=text)],
            )
        )
        return time.perf_counter()

    def close(self, uri: str) -> None:
        self.lsp.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri=uri)))

    async def stop(self) -> None:
        await self.lsp.shutdown_async(None)
        self.lsp.exit(None)
        await self.lsp.stop()


def ast_parse_seconds(text: str, repeat: int) -> float:
    """The fastest of `repeat` parses (the rest saw a cold cache or a busy machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        ast.parse(text)
        times.append(time.perf_counter() - start)
    return min(times)


async def latency(edits: int) -> dict:
    text = generate(2500)
    lines = text.count("\n")
    uri = "file:///bench/model.py"
    client = Client()
    await client.start()
    client.open(uri, text)
    await client.published_at(uri, 1)
    middle = lines // 2
    # a line inside a function body: `    h = tf.layers...`
    while not text.splitlines()[middle].startswith("    h = tf.layers"):
        middle += 1
    end_of_line = len(text.splitlines()[middle])
    version = 1
    typing, newline, parses = [], [], []

    async def timed(start, end, new_text) -> float:
        nonlocal version
        version += 1
        sent = client.change(uri, version, start, end, new_text)
        return await client.published_at(uri, version) - sent

    for round_ in range(edits + 2):  # the first two rounds warm up
        typed = await timed((middle, 8), (middle, 8), "x")  # a character into a name
        await timed((middle, 8), (middle, 9), "")  # and deleted again
        broken = await timed((middle, end_of_line), (middle, end_of_line), "\n")  # a new line
        await timed((middle, end_of_line), (middle + 1, 0), "")  # and joined again
        if round_ >= 2:
            typing.append(typed)
            newline.append(broken)
            # timed between the edits, so that both see the same machine load
            parses.append(ast_parse_seconds(text, 2))
    await client.stop()
    parse = statistics.median(parses)
    return {
        "lines": lines,
        "characters": len(text),
        "ast_parse_ms": parse * 1000,
        "typing_ms": statistics.median(typing) * 1000,
        "typing_min_ms": min(typing) * 1000,
        "newline_ms": statistics.median(newline) * 1000,
        "newline_min_ms": min(newline) * 1000,
        "typing_ratio": statistics.median(typing) / parse,
        "newline_ratio": statistics.median(newline) / parse,
    }


def core_alone(edits: int) -> dict:
    """The same edits through `analyze(cache=...)` in this process: the server's share is the rest."""
    from bnlint.analysis import BlockCache, analyze

    text = generate(2500)
    lines = text.splitlines(keepends=True)
    middle = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("    h = tf.layers"))
    typed_text = "".join(lines[:middle] + [lines[middle][:8] + "x" + lines[middle][8:]] + lines[middle + 1 :])
    broken_text = "".join(lines[: middle + 1] + ["\n"] + lines[middle + 1 :])
    cache = BlockCache()
    analyze(text, cache=cache)
    typing, newline = [], []
    for round_ in range(edits + 2):
        for edited, times in ((typed_text, typing), (broken_text, newline)):
            start = time.perf_counter()
            analyze(edited, cache=cache)
            elapsed = time.perf_counter() - start
            analyze(text, cache=cache)  # back to the original, as the editor does
            if round_ >= 2:
                times.append(elapsed)
    return {"typing_ms": statistics.median(typing) * 1000, "newline_ms": statistics.median(newline) * 1000}


async def memory(documents: int, early: int = 20) -> dict:
    client = Client()
    await client.start()
    readings = {}
    for i in range(documents):
        uri = f"file:///bench/doc_{i}.py"
        # distinct texts, so nothing is shared between documents by accident
        text = generate(200).replace("block_", f"b{i}_")
        client.open(uri, text)
        await client.published_at(uri, 1)
        client.close(uri)
        if i + 1 in (early, documents):
            await asyncio.sleep(0.5)  # let the close be processed
            readings[i + 1] = rss_kib(client.pid)
    await client.stop()
    return {"rss_kib": readings, "ratio": readings[documents] / readings[early]}


def _body_line(text: str, marker: str) -> int:
    """A line in the middle of the file that starts with `marker` (inside a function body)."""
    lines = text.split("\n")
    return next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith(marker))


def _typed(text: str, line: int, column: int, typed: str) -> str:
    lines = text.split("\n")
    lines[line] = lines[line][:column] + typed + lines[line][column:]
    return "\n".join(lines)


class ServerLikeAnalysis:
    """`analyze()` called as the server calls it for a file: with the document's BlockCache and
    the project around the file (for a file:///bench/ URI, the folder alone: nothing indexed)."""

    def __init__(self, uri: str):
        from pathlib import Path

        from bnlint.analysis import BlockCache
        from bnlint.project import Project, find_root
        from pygls.uris import to_fs_path

        self.path = to_fs_path(uri)
        self.cache = BlockCache()
        self.project = Project(find_root(Path(self.path)))

    def seconds(self, texts: list[str]) -> list[float]:
        """The time of each analysis, one text after the other."""
        from bnlint.analysis import analyze

        times = []
        for text in texts:
            start = time.perf_counter()
            analyze(text, path=self.path, cache=self.cache, project=self.project)
            times.append(time.perf_counter() - start)
        return times


async def dense(name: str, text: str, edits: int) -> dict:
    """Typing a character into a function body and deleting it again: edit to publish in the
    server, against analyze() of the same two texts in this process, interleaved."""
    uri = f"file:///bench/{name}.py"
    line = _body_line(text, "    h = ")
    typed_text = _typed(text, line, 8, "x")
    client = Client()
    await client.start()
    client.open(uri, text)
    await client.published_at(uri, 1)
    findings = client.counts[(uri, 1)]
    reference = ServerLikeAnalysis(uri)
    reference.seconds([text])
    version = 1
    served, analysed = [], []
    for round_ in range(edits + 2):  # two rounds warm up
        version += 1
        sent = client.change(uri, version, (line, 8), (line, 8), "x")
        typed = await client.published_at(uri, version) - sent
        version += 1
        sent = client.change(uri, version, (line, 8), (line, 9), "")
        deleted = await client.published_at(uri, version) - sent
        core = reference.seconds([typed_text, text])
        if round_ >= 2:
            served += [typed, deleted]
            analysed += core
    await client.stop()
    return {
        "lines": text.count("\n"),
        "findings": findings,
        "server_ms": statistics.median(served) * 1000,
        "analyze_ms": statistics.median(analysed) * 1000,
        "ratio": statistics.median(served) / statistics.median(analysed),
    }


async def burst(text: str, rounds: int, size: int = 5, gap: float = 0.010) -> dict:
    """`size` didChange `gap` apart, each typing one more character, against one edit: both
    from the last didChange sent to its publishDiagnostics. Counts publishes of older versions."""
    uri = "file:///bench/burst.py"
    line = _body_line(text, "    h = ")
    client = Client()
    await client.start()
    client.open(uri, text)
    await client.published_at(uri, 1)
    version = 1
    single, bursts, stale = [], [], 0
    for round_ in range(rounds + 2):  # two rounds warm up
        version += 1
        sent = client.change(uri, version, (line, 8), (line, 8), "x")
        one = await client.published_at(uri, version) - sent
        version += 1
        client.change(uri, version, (line, 8), (line, 9), "")
        await client.published_at(uri, version)
        first = version + 1
        for i in range(size):
            version += 1
            sent = client.change(uri, version, (line, 8 + i), (line, 8 + i), "x")
            if i < size - 1:
                await asyncio.sleep(gap)
        last = await client.published_at(uri, version) - sent
        stale += sum(1 for v in range(first, version) if (uri, v) in client.published)
        version += 1
        client.change(uri, version, (line, 8), (line, 8 + size), "")
        await client.published_at(uri, version)
        if round_ >= 2:
            single.append(one)
            bursts.append(last)
    await client.stop()
    return {
        "single_ms": statistics.median(single) * 1000,
        "burst_ms": statistics.median(bursts) * 1000,
        "ratio": statistics.median(bursts) / statistics.median(single),
        "stale": stale,
        "bursts": rounds + 2,
    }


MODES = ("latency", "dense", "burst", "memory")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(MODES), help=f"comma list of {', '.join(MODES)} (default: all)")
    parser.add_argument("--edits", type=int, default=30, help="timed edits of each kind (default 30)")
    parser.add_argument("--dense-edits", type=int, default=10, help="timed rounds on the dense files (default 10)")
    parser.add_argument("--bursts", type=int, default=10, help="timed bursts (default 10)")
    parser.add_argument("--documents", type=int, default=200, help="documents opened and closed (default 200)")
    args = parser.parse_args()
    modes = {m.strip() for m in args.only.split(",") if m.strip()}
    if modes - set(MODES):
        parser.error(f"unknown mode(s): {', '.join(sorted(modes - set(MODES)))}")
    if "latency" in modes:
        latency_mode(args.edits)
    if "dense" in modes:
        for name, text in (("dense-230", generate_dense(230)), ("towers-5000", generate_towers(1000))):
            result = asyncio.run(dense(name, text, args.dense_edits))
            print(
                f"{name}: {result['lines']} lines, {result['findings']} findings: edit to publish median "
                f"{result['server_ms']:.1f} ms, analyze() {result['analyze_ms']:.1f} ms: "
                f"{result['ratio']:.2f}x analyze()  (target <= 1.5)"
            )
    if "burst" in modes:
        result = asyncio.run(burst(generate_dense(230), args.bursts))
        print(
            f"burst of 5 didChange 10 ms apart (230-finding file): median {result['burst_ms']:.1f} ms from the "
            f"last one sent, one edit {result['single_ms']:.1f} ms: {result['ratio']:.2f}x one edit  "
            f"(target <= 1.1); older versions published: {result['stale']} in {result['bursts']} bursts"
        )
    if "memory" in modes:
        mem = asyncio.run(memory(args.documents))
        for count, kib in mem["rss_kib"].items():
            print(f"RSS after opening and closing {count} documents: {kib / 1024:.1f} MiB")
        print(f"memory ratio: {mem['ratio']:.2f}  (target <= 1.3)")


def latency_mode(edits: int) -> None:
    lat = asyncio.run(latency(edits))
    print(f"file: {lat['lines']} lines, {lat['characters']} characters")
    print(f"ast.parse: {lat['ast_parse_ms']:.1f} ms (median)")
    print(
        f"type a character: median {lat['typing_ms']:.1f} ms (min {lat['typing_min_ms']:.1f}), "
        f"{lat['typing_ratio']:.2f}x ast.parse  (target <= 3)"
    )
    print(
        f"insert a newline: median {lat['newline_ms']:.1f} ms (min {lat['newline_min_ms']:.1f}), "
        f"{lat['newline_ratio']:.2f}x ast.parse  (target <= 3)"
    )
    core = core_alone(edits)
    print(
        f"analyze() alone, same edits in this process: type a character {core['typing_ms']:.1f} ms, "
        f"insert a newline {core['newline_ms']:.1f} ms (median)"
    )


if __name__ == "__main__":
    main()
