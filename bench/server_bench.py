"""`bnlint serve` measurements over real stdio. A measurement, not a test: it asserts nothing.

1. Edit-to-diagnostics latency on a generated 2,500-line TF1 file: the time from sending a
   didChange (debounceMs 0, so the debounce is not counted) to receiving publishDiagnostics
   for that version, as a ratio to `ast.parse` of the same text timed in the same process run.
   Two kinds of edit, reported separately: typing one character in the middle of a line in the
   middle of the file, and inserting a newline there (which moves every line below it).
2. Server memory: RSS (VmRSS in /proc/<pid>/status) after opening and closing 20 distinct
   documents, and after 200; the ratio of the two.

    .venv/bin/python bench/server_bench.py [--edits 30] [--documents 200]
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


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Client:
    def __init__(self) -> None:
        self.lsp = LanguageClient("bnlint-bench", "1")
        self.published: dict[tuple[str, int], float] = {}
        self.arrived = asyncio.Event()

        @self.lsp.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_publish(ls, params: types.PublishDiagnosticsParams):  # pygls passes the client as `ls`
            self.published[(params.uri, params.version)] = time.perf_counter()
            self.arrived.set()

    async def start(self) -> None:
        await self.lsp.start_io(*SERVER)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=30, help="timed edits of each kind (default 30)")
    parser.add_argument("--documents", type=int, default=200, help="documents opened and closed (default 200)")
    args = parser.parse_args()
    lat = asyncio.run(latency(args.edits))
    print(f"file: {lat['lines']} lines, {lat['characters']} characters")
    print(f"ast.parse: {lat['ast_parse_ms']:.1f} ms (median)")
    print(
        f"type a character: median {lat['typing_ms']:.1f} ms (min {lat['typing_min_ms']:.1f}), "
        f"{lat['typing_ratio']:.2f}x ast.parse"
    )
    print(
        f"insert a newline: median {lat['newline_ms']:.1f} ms (min {lat['newline_min_ms']:.1f}), "
        f"{lat['newline_ratio']:.2f}x ast.parse"
    )
    core = core_alone(args.edits)
    print(
        f"analyze() alone, same edits in this process: type a character {core['typing_ms']:.1f} ms, "
        f"insert a newline {core['newline_ms']:.1f} ms (median)"
    )
    mem = asyncio.run(memory(args.documents))
    for count, kib in mem["rss_kib"].items():
        print(f"RSS after opening and closing {count} documents: {kib / 1024:.1f} MiB")
    print(f"memory ratio: {mem['ratio']:.2f}")


if __name__ == "__main__":
    main()
