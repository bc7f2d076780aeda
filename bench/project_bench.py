"""What does project-wide analysis cost?

Generates one project (a pyproject.toml at its root) of `--files` Python files: packages whose
model imports its ops module (relative import) and whose training script imports the model
and builds a train op, plus the standalone files of cli_bench.py's templates (input
pipelines, utilities, evaluation scripts, slim nets, ...) in between. Then measures, in one
run:

  ratio   a whole-project run (`bnlint check` with the project: its two passes and the index)
          against the sum of per-file runs (each file analysed alone, as before projects), in
          one process, warm, --jobs 1 so that worker start-up is no part of either (CPU time
          also as the median of each repeat's two runs' ratio: drift between repeats moves it
          less than it moves the least of each arm); also as
          whole processes, `bnlint check -j1 code` against `bnlint check -j1 --no-project code`
  index   Project(root).index() on the project in a fresh process: time, modules summarised,
          resident memory added (VmRSS after minus before) and Python memory the index keeps
          (tracemalloc, after a gc)
  edit    typing in a module no other file imports (server_bench.py's 2,500-line module put in
          the indexed project): analyze() with the project (as the server runs it) against
          analyze() alone, CPU time per edit
  server  the language server's resident memory once it has indexed the project as its
          workspace folder, against the same server on an empty folder

Targets: ratio <= 1.3; memory added by indexing 2,000 files <= 100 MiB.

    .venv/bin/python bench/project_bench.py [--files 2000] [--repeat 3] [--seed 1]

This is a measurement, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import cli_bench  # noqa: E402  (the standalone-file templates)

PYTHON = sys.executable
BNLINT = str(Path(PYTHON).parent / "bnlint")
LINKED_SHARE = 0.4  # of the files: packages whose modules import each other

OPS = '''\
import tensorflow as tf

slim = tf.contrib.slim


def conv_bn(net, depth, is_training, scope):
    net = slim.conv2d(net, depth, [3, 3], activation_fn=None, scope=scope)
    return slim.batch_norm(net, is_training=is_training, scope=scope + "_bn")


def dense_bn(net, units, is_training):
    net = tf.layers.dense(net, units)
    return tf.layers.batch_normalization(net, training=is_training)
'''

MODEL = '''\
import tensorflow as tf

from . import ops
from .ops import dense_bn

slim = tf.contrib.slim


def block(net, depth, scope):
    # is_training comes from the arg_scope that network() opens
    return slim.batch_norm(slim.conv2d(net, depth, [3, 3], scope=scope), activation_fn=tf.nn.relu)


def network(images, is_training, classes={classes}):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = ops.conv_bn(images, {depth}, is_training, "conv0")
{blocks}
        net = dense_bn(slim.flatten(net), 256, is_training)
    return slim.fully_connected(net, classes, activation_fn=None)
'''

TRAIN = '''\
import tensorflow as tf

from {package} import model
from {package}.utils import learning_rate


def train(images, labels, steps={steps}):
    logits = model.network(images, is_training=True)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    optimizer = tf.train.MomentumOptimizer(learning_rate(steps), 0.9)
{train_op}
    return train_op
'''

WIRED = '''\
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = optimizer.minimize(loss)'''
UNWIRED = "    train_op = optimizer.minimize(loss)"

UTILS = '''\
import tensorflow as tf


def learning_rate(steps, base={base}):
    step = tf.train.get_or_create_global_step()
    return tf.train.exponential_decay(base, step, steps, 0.96)
'''


def generate(root: Path, count: int, seed: int) -> list:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text('[project]\nname = "generated"\n')
    paths = []
    packages = int(count * LINKED_SHARE) // 5
    for k in range(packages):
        folder = root / "code" / f"pkg{k:03d}"
        folder.mkdir(parents=True)
        blocks = "\n".join(
            f"        net = block(net, {rng.choice([32, 64, 128])}, 'block{i}')" for i in range(rng.randint(2, 6))
        )
        files = {
            "__init__.py": "",
            "ops.py": OPS,
            "model.py": MODEL.format(classes=rng.choice([10, 100, 1000]), depth=rng.choice([32, 64]), blocks=blocks),
            "utils.py": UTILS.format(base=rng.choice([0.1, 0.01])),
            "train.py": TRAIN.format(
                package=f"pkg{k:03d}", steps=rng.choice([1000, 5000]), train_op=WIRED if k % 2 else UNWIRED
            ),
        }
        for name, text in files.items():
            ast.parse(text)
            (folder / name).write_text(text)
            paths.append(folder / name)
    paths += _standalone(root / "code" / "standalone", count - len(paths), rng)
    return paths


def _standalone(folder: Path, count: int, rng: random.Random) -> list:
    """Files of one cli_bench.py template output each (a third of them name batch norm)."""
    kinds = [t for t, weight in cli_bench.MODEL_TEMPLATES + cli_bench.OTHER_TEMPLATES for _ in range(weight)]
    paths = []
    for i in range(count):
        template = kinds[rng.randrange(len(kinds))]
        path = folder / f"project{i % 10}" / f"{template.__name__}_{i:04d}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        source = template(rng)
        ast.parse(source, str(path))
        path.write_text(source, encoding="utf-8")
        paths.append(path)
    return paths


# -- the whole-project run against per-file runs ------------------------------------------------

RATIO_PROGRAM = textwrap.dedent(
    """
    import gc, json, sys, time
    from dataclasses import replace
    from bnlint import cli
    from bnlint.config import Config

    root, repeat = sys.argv[1], int(sys.argv[2])
    files = [line for line in open(sys.argv[3]).read().split("\\n") if line]
    config = Config()
    alone = [cli.CheckTask(p, p, config, "check") for p in files]
    project = [replace(t, project_root=root) for t in alone]
    cli.collect_per_file()  # as `bnlint check` does (both arms)

    def per_file():
        start, cpu = time.perf_counter(), time.process_time()
        results = [cli.check_file(t) for t in alone]
        return time.perf_counter() - start, time.process_time() - cpu, sum(len(r.findings) for r in results)

    def whole():
        start, cpu = time.perf_counter(), time.process_time()
        results = cli.run_project_tasks(project, 1)
        return time.perf_counter() - start, time.process_time() - cpu, sum(len(r.findings) for r in results)

    per_file(); whole()  # warm: imports, astroid, the file cache
    times = {"per_file": [], "whole": [], "per_file_cpu": [], "whole_cpu": []}
    for _ in range(repeat):
        for name, run in (("per_file", per_file), ("whole", whole)):
            gc.collect()  # untimed: what the last run left (`bnlint check` exits, leaving it)
            seconds, cpu, findings = run()
            times[name].append(seconds)
            times[name + "_cpu"].append(cpu)
            times[name + "_findings"] = findings
    print(json.dumps(times))
    """
)

INDEX_PROGRAM = textwrap.dedent(
    """
    import gc, json, sys, time, tracemalloc
    from pathlib import Path
    from bnlint.analysis import analyze
    from bnlint.project import Project

    def rss_kib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

    analyze("import tensorflow as tf\\nx = tf.layers.batch_normalization(y)\\n")  # astroid imported and warm
    gc.collect()
    before = rss_kib()
    start = time.perf_counter()
    project = Project(Path(sys.argv[1]))
    done = project.index()
    seconds = time.perf_counter() - start
    gc.collect()
    rss_added = rss_kib() - before
    # what the index keeps, traced on a second index (tracemalloc slows Python down: not timed)
    del project
    gc.collect()
    tracemalloc.start()
    project = Project(Path(sys.argv[1]))
    project.index()
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(json.dumps({"seconds": seconds, "modules": done, "rss_added_kib": rss_added,
                      "kept_bytes": kept, "peak_bytes": peak}))
    """
)


EDIT_PROGRAM = textwrap.dedent(
    """
    import json, os, statistics, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[2])
    import server_bench
    from bnlint.analysis import BlockCache, analyze
    from bnlint.project import Project

    folder = sys.argv[1]
    text = server_bench.generate(2500)
    lines = text.splitlines(keepends=True)
    middle = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("    h = tf.layers"))
    typed = "".join(lines[:middle] + [lines[middle][:8] + "x" + lines[middle][8:]] + lines[middle + 1:])
    path = os.path.join(folder, "standalone_edit.py")
    with open(path, "w") as handle:
        handle.write(text)

    def edits(project):
        cache = BlockCache()
        analyze(text, path, None, cache, project)
        times = []
        for _ in range(15):
            for version in (typed, text):
                start = time.process_time()
                analyze(version, path, None, cache, project, defer_summary=True)
                times.append(time.process_time() - start)
        return statistics.median(times)

    project = Project(Path(folder))
    project.index()
    alone, with_project = [], []
    for _ in range(3):
        alone.append(edits(None))
        with_project.append(edits(project))
    os.remove(path)
    print(json.dumps({"alone": min(alone), "project": min(with_project)}))
    """
)


def server_rss_kib(folder: Path) -> tuple:
    """(VmRSS in KiB, seconds) of a language server once it has indexed `folder` as its workspace."""
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    async def run():
        client = LanguageClient("bnlint-bench", "1")
        ready = asyncio.Event()

        @client.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(ls, params):
            if "project index ready" in params.message:
                ready.set()

        await client.start_io(PYTHON, "-m", "bnlint.server")
        start = time.perf_counter()
        await client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)],
                root_uri=folder.as_uri(),
            )
        )
        client.initialized(types.InitializedParams())
        await asyncio.wait_for(ready.wait(), 600)
        seconds = time.perf_counter() - start
        await asyncio.sleep(0.5)
        with open(f"/proc/{client._server.pid}/status") as handle:
            rss = next(int(line.split()[1]) for line in handle if line.startswith("VmRSS:"))
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
        return rss, seconds

    return asyncio.run(run())


def wall(command: list, cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        command, cwd=cwd, env=cli_bench.BYTECODE_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{command} failed: {proc.stderr.decode()[-2000:]}")
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-server", action="store_true", help="skip the language server's memory")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bnlint-project-bench-") as tmp:
        root = Path(tmp) / "project"
        paths = generate(root, args.files, args.seed)
        lines = sum(p.read_text().count("\n") for p in paths)
        print(f"{len(paths)} files, {lines} lines; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(str(p) for p in paths))

        out = subprocess.run(
            [PYTHON, "-c", RATIO_PROGRAM, str(root), str(args.repeat), str(listing)],
            capture_output=True, text=True, check=True,
        ).stdout
        times = json.loads(out)
        per_file, whole = statistics.median(times["per_file"]), statistics.median(times["whole"])
        per_file_cpu, whole_cpu = min(times["per_file_cpu"]), min(times["whole_cpu"])
        print(
            f"in one process, -j1, median of {args.repeat}: per-file sum {per_file:.2f} s"
            f" ({times['per_file_findings']} findings), whole project {whole:.2f} s"
            f" ({times['whole_findings']} findings): ratio {whole / per_file:.2f} (target <= 1.3);"
            f" CPU time, least of {args.repeat}: {per_file_cpu:.2f} s and {whole_cpu:.2f} s,"
            f" ratio {whole_cpu / per_file_cpu:.2f}; median of the {args.repeat} ratios of runs side by side"
            f" {statistics.median(w / p for p, w in zip(times['per_file_cpu'], times['whole_cpu'])):.2f}"
        )
        alone = [wall([BNLINT, "check", "-j1", "--no-project", "code"], root) for _ in range(args.repeat)]
        project = [wall([BNLINT, "check", "-j1", "code"], root) for _ in range(args.repeat)]
        print(
            f"whole processes, median of {args.repeat}: --no-project {statistics.median(alone):.2f} s,"
            f" with the project {statistics.median(project):.2f} s:"
            f" ratio {statistics.median(project) / statistics.median(alone):.2f}"
        )

        index = json.loads(
            subprocess.run([PYTHON, "-c", INDEX_PROGRAM, str(root)], capture_output=True, text=True, check=True).stdout
        )
        print(
            f"index of {len(paths)} files: {index['seconds']:.2f} s, {index['modules']} modules summarised;"
            f" resident memory added {index['rss_added_kib'] / 1024:.1f} MiB,"
            f" kept by the index {index['kept_bytes'] / 2**20:.1f} MiB (peak while indexing"
            f" {index['peak_bytes'] / 2**20:.1f} MiB); target <= 100 MiB"
        )
        edit = json.loads(
            subprocess.run(
                [PYTHON, "-c", EDIT_PROGRAM, str(root), str(Path(__file__).parent)],
                capture_output=True, text=True, check=True,
            ).stdout
        )
        print(
            f"an edit in a file no other file imports (server_bench's 2,500-line module, in the indexed"
            f" project), CPU per analysis: alone {edit['alone'] * 1000:.1f} ms, with the project"
            f" {edit['project'] * 1000:.1f} ms: ratio {edit['project'] / edit['alone']:.2f}"
        )
        if not args.no_server:
            empty = Path(tmp) / "empty"
            empty.mkdir()
            (empty / "pyproject.toml").write_text("")
            base, _ = server_rss_kib(empty)
            indexed, seconds = server_rss_kib(root)
            print(
                f"language server: {base / 1024:.1f} MiB on an empty folder, {indexed / 1024:.1f} MiB after indexing"
                f" the project ({seconds:.1f} s from initialize): {(indexed - base) / 1024:.1f} MiB added"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
