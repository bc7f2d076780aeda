"""How fast is `bnlint check` on TF1-style code, in CPU, against `ast.parse` and pylint?

Generates TF1 files from varied templates (slim nets under arg_scope, DCGAN-style models,
estimator model_fns; and training scripts, input pipelines, utilities and evaluation scripts
that name no batch norm) in two shapes measured on real code:

  dense  73 files, 17k lines, every one naming batch norm (a folder of model variants)
  mix    1,848 files, 416k lines, 12% of the files naming batch norm, holding 21% of the
         lines (a real repository); scaled to a quarter by default (--mix-scale) so that the
         bench runs in minutes, with the same proportions

and times, per shape, the CPU (user + sys, worker processes included) and wall clock of:

  floor        a Python process that reads every file and runs ast.parse on it
  bnlint       `bnlint check --no-cache FOLDER` (cold: no cache read or written)
  bnlint -j1   the same in one process
  bnlint warm  `bnlint check FOLDER` over unchanged files, its cache written by a warm-up run
  startup      `bnlint rules`: interpreter start and imports, no file read
  pylint       (dense only) `pylint --disable=all --enable=syntax-error FILES`: astroid
               parses every file, nothing else is checked

Targets: bnlint/floor <= 2.5 on dense and <= 1.5 on the mix, warm/floor <= 0.5,
pylint/bnlint >= 5 on dense.

    .venv/bin/python bench/cli_bench.py [--shape dense|mix|both] [--repeat 5] [--mix-scale 0.25]

This is a measurement, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

PYTHON = sys.executable
BIN = Path(PYTHON).parent

# ---------------------------------------------------------------------------------------------
# templates: each takes a random generator and returns one file's source

NAMES = ["features", "inputs", "images", "net", "x", "hidden", "tower", "block", "feats"]


def _pick(rng: random.Random, options):
    return options[rng.randrange(len(options))]


def slim_net(rng: random.Random) -> str:
    depth = rng.randint(3, 8)
    lines = []
    for i in range(depth):
        lines.append(f"net = slim.conv2d(net, {_pick(rng, [32, 64, 128, 256])}, [3, 3], scope='conv{i}')")
        if i % 2:
            lines.append(f"net = slim.max_pool2d(net, [2, 2], scope='pool{i}')")
    layers = ("\n" + " " * 20).join(lines)  # the indentation of `{layers}` below
    bn_params = _pick(
        rng,
        [
            "{'is_training': is_training, 'decay': 0.997, 'epsilon': 1e-5}",
            "{'decay': 0.9}",  # BN005
            "batch_norm_params",
        ],
    )
    return textwrap.dedent(
        f'''\
        """A VGG-style classifier written with TF-slim."""
        import tensorflow as tf

        slim = tf.contrib.slim


        def net_arg_scope(weight_decay=0.0005, is_training=True):
            batch_norm_params = {{'is_training': is_training, 'decay': 0.997}}
            with slim.arg_scope([slim.conv2d, slim.fully_connected],
                                activation_fn=tf.nn.relu,
                                weights_regularizer=slim.l2_regularizer(weight_decay),
                                normalizer_fn=slim.batch_norm,
                                normalizer_params={bn_params}) as sc:
                return sc


        def classifier(inputs, num_classes=1000, is_training=True, scope='classifier'):
            with tf.variable_scope(scope, 'classifier', [inputs]):
                with slim.arg_scope(net_arg_scope(is_training=is_training)):
                    net = inputs
                    {layers}
                    net = slim.flatten(net)
                    net = slim.fully_connected(net, 1024, scope='fc1')
                    net = slim.dropout(net, 0.5, is_training=is_training, scope='dropout1')
                    logits = slim.fully_connected(net, num_classes, activation_fn=None,
                                                  normalizer_fn=None, scope='logits')
            return logits
        '''
    )


def dcgan(rng: random.Random) -> str:
    size = _pick(rng, [32, 64, 128])
    pass_training = _pick(rng, ["is_training=is_training, ", "", "is_training=True, "])
    return textwrap.dedent(
        f'''\
        """DCGAN generator and discriminator."""
        import tensorflow as tf


        def lrelu(x, leak=0.2):
            return tf.maximum(x, leak * x)


        def generator(z, is_training=True, reuse=False):
            with tf.variable_scope("generator", reuse=reuse):
                net = tf.layers.dense(z, 4 * 4 * {size * 8})
                net = tf.reshape(net, [-1, 4, 4, {size * 8}])
                net = tf.contrib.layers.batch_norm(net, {pass_training}decay=0.9, updates_collections=None)
                net = tf.nn.relu(net)
                for i, filters in enumerate([{size * 4}, {size * 2}, {size}]):
                    net = tf.layers.conv2d_transpose(net, filters, 5, strides=2, padding="same", name="deconv%d" % i)
                    net = tf.contrib.layers.batch_norm(net, {pass_training}scope="bn%d" % i)
                    net = tf.nn.relu(net)
                return tf.nn.tanh(tf.layers.conv2d_transpose(net, 3, 5, strides=2, padding="same"))


        def discriminator(images, is_training=True, reuse=False):
            with tf.variable_scope("discriminator", reuse=reuse):
                net = lrelu(tf.layers.conv2d(images, {size}, 5, strides=2, padding="same"))
                for i, filters in enumerate([{size * 2}, {size * 4}, {size * 8}]):
                    net = tf.layers.conv2d(net, filters, 5, strides=2, padding="same", name="conv%d" % i)
                    net = lrelu(tf.layers.batch_normalization(net, training=is_training, name="bn%d" % i))
                net = tf.layers.flatten(net)
                return tf.layers.dense(net, 1)


        def losses(real, fake):
            d_real = discriminator(real)
            d_fake = discriminator(fake, reuse=True)
            d_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones_like(d_real), logits=d_real))
            d_loss += tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.zeros_like(d_fake), logits=d_fake))
            g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones_like(d_fake), logits=d_fake))
            return d_loss, g_loss
        '''
    )


def estimator(rng: random.Random) -> str:
    guarded = rng.random() < 0.6
    minimize = "optimizer.minimize(loss, global_step=tf.train.get_global_step())"
    train = (
        f"update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)\n"
        f"        with tf.control_dependencies(update_ops):\n"
        f"            train_op = {minimize}"
        if guarded
        else f"train_op = {minimize}"
    )
    units = _pick(rng, [128, 256, 512])
    return textwrap.dedent(
        f'''\
        """An Estimator model_fn with batch normalization."""
        import tensorflow as tf


        def model_fn(features, labels, mode, params):
            training = mode == tf.estimator.ModeKeys.TRAIN
            net = tf.feature_column.input_layer(features, params["feature_columns"])
            for units in [{units}, {units // 2}]:
                net = tf.layers.dense(net, units, use_bias=False)
                net = tf.layers.batch_normalization(net, training=training)
                net = tf.nn.relu(net)
            logits = tf.layers.dense(net, params["n_classes"])
            predictions = tf.argmax(logits, 1)
            if mode == tf.estimator.ModeKeys.PREDICT:
                return tf.estimator.EstimatorSpec(mode, predictions={{"class": predictions}})
            loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
            accuracy = tf.metrics.accuracy(labels=labels, predictions=predictions)
            if mode == tf.estimator.ModeKeys.EVAL:
                return tf.estimator.EstimatorSpec(mode, loss=loss, eval_metric_ops={{"accuracy": accuracy}})
            optimizer = tf.train.AdamOptimizer(params.get("learning_rate", 1e-3))
            {train}
            return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)
        '''
    )


def training_script(rng: random.Random) -> str:
    steps = rng.randint(1000, 100000)
    return textwrap.dedent(
        f'''\
        """Trains the model on TFRecords."""
        import argparse
        import os

        import tensorflow as tf

        from model import classifier
        from data import input_fn


        def main(args):
            images, labels = input_fn(args.data_dir, args.batch_size)
            is_training = tf.placeholder_with_default(True, [], name="is_training")
            logits = classifier(images, is_training=is_training)
            loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
            global_step = tf.train.get_or_create_global_step()
            learning_rate = tf.train.exponential_decay(args.lr, global_step, 10000, 0.94)
            optimizer = tf.train.MomentumOptimizer(learning_rate, 0.9)
            train_op = optimizer.minimize(loss, global_step=global_step)
            saver = tf.train.Saver(max_to_keep=5)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                for step in range({steps}):
                    _, value = sess.run([train_op, loss])
                    if step % 100 == 0:
                        print("step %d loss %.4f" % (step, value))
                    if step % 5000 == 0:
                        saver.save(sess, os.path.join(args.train_dir, "model.ckpt"), global_step=step)


        if __name__ == "__main__":
            parser = argparse.ArgumentParser()
            parser.add_argument("--data_dir", required=True)
            parser.add_argument("--train_dir", default="/tmp/train")
            parser.add_argument("--batch_size", type=int, default=32)
            parser.add_argument("--lr", type=float, default=0.01)
            main(parser.parse_args())
        '''
    )


def input_pipeline(rng: random.Random) -> str:
    height = _pick(rng, [224, 299, 32])
    extra = "\n\n".join(
        textwrap.dedent(
            f"""\
            def augment_{i}(image):
                image = tf.image.random_flip_left_right(image)
                image = tf.image.random_brightness(image, max_delta={rng.random():.2f})
                image = tf.image.random_contrast(image, lower=0.{rng.randint(1, 5)}, upper=1.{rng.randint(1, 5)})
                return tf.clip_by_value(image, 0.0, 1.0)"""
        )
        for i in range(rng.randint(1, 6))
    )
    return (
        textwrap.dedent(
            f'''\
        """Reads and decodes TFRecord files into batches."""
        import glob
        import os

        import tensorflow as tf

        FEATURES = {{
            "image/encoded": tf.FixedLenFeature([], tf.string),
            "image/class/label": tf.FixedLenFeature([], tf.int64),
        }}


        def parse_record(serialized):
            parsed = tf.parse_single_example(serialized, FEATURES)
            image = tf.image.decode_jpeg(parsed["image/encoded"], channels=3)
            image = tf.image.resize_images(image, [{height}, {height}])
            image = tf.cast(image, tf.float32) / 255.0
            return image, tf.cast(parsed["image/class/label"], tf.int32)


        def input_fn(data_dir, batch_size, shuffle=True):
            files = sorted(glob.glob(os.path.join(data_dir, "train-*")))
            dataset = tf.data.TFRecordDataset(files)
            if shuffle:
                dataset = dataset.shuffle(10000)
            dataset = dataset.map(parse_record, num_parallel_calls=4)
            dataset = dataset.batch(batch_size).prefetch(1)
            return dataset.make_one_shot_iterator().get_next()

        '''
        )
        + "\n"
        + extra
        + "\n"
    )


def utilities(rng: random.Random) -> str:
    helpers = "\n\n".join(
        textwrap.dedent(
            f'''\
            def summarize_{name}_{i}(tensor):
                """Histogram and scalar summaries for {name}."""
                with tf.name_scope("summary_{name}_{i}"):
                    tf.summary.histogram("{name}", tensor)
                    tf.summary.scalar("{name}_mean", tf.reduce_mean(tensor))
                    tf.summary.scalar("{name}_sparsity", tf.nn.zero_fraction(tensor))
                return tensor'''
        )
        for i, name in enumerate(rng.sample(NAMES, rng.randint(2, 6)))
    )
    return (
        textwrap.dedent(
            '''\
        """Logging, summaries and checkpoint helpers."""
        import json
        import logging
        import os
        import time

        import numpy as np
        import tensorflow as tf

        log = logging.getLogger(__name__)


        class Timer(object):
            def __init__(self):
                self.start = time.time()

            def elapsed(self):
                return time.time() - self.start


        def latest_checkpoint(train_dir):
            path = tf.train.latest_checkpoint(train_dir)
            if path is None:
                raise ValueError("no checkpoint in %s" % train_dir)
            return path


        def save_config(config, train_dir):
            with open(os.path.join(train_dir, "config.json"), "w") as handle:
                json.dump(config, handle, indent=2)


        def moving_average(values, window=10):
            values = np.asarray(values, dtype=np.float64)
            if len(values) < window:
                return values.mean()
            return np.convolve(values, np.ones(window) / window, mode="valid")[-1]

        '''
        )
        + "\n"
        + helpers
        + "\n"
    )


def evaluation(rng: random.Random) -> str:
    top = _pick(rng, [1, 5])
    return textwrap.dedent(
        f'''\
        """Evaluates the latest checkpoint on the validation set."""
        import math

        import tensorflow as tf

        from data import input_fn
        from model import classifier


        def evaluate(data_dir, checkpoint_dir, num_examples=50000, batch_size=100):
            images, labels = input_fn(data_dir, batch_size, shuffle=False)
            logits = classifier(images, is_training=False)
            in_top_k = tf.nn.in_top_k(logits, labels, {top})
            saver = tf.train.Saver()
            with tf.Session() as sess:
                saver.restore(sess, tf.train.latest_checkpoint(checkpoint_dir))
                correct = 0
                for _ in range(int(math.ceil(num_examples / float(batch_size)))):
                    correct += sess.run(in_top_k).sum()
                precision = correct / float(num_examples)
                print("precision @ {top} = %.4f" % precision)
                return precision
        '''
    )


# share of each kind of file: most files of a real TF repository are not model code
MODEL_TEMPLATES = [(slim_net, 3), (dcgan, 2), (estimator, 2)]
OTHER_TEMPLATES = [(training_script, 3), (input_pipeline, 4), (utilities, 5), (evaluation, 3)]

# The two shapes, measured on real TF1 code (issue 14), scaled by --scale:
#   dense: 73 files, 17k lines, every file names batch norm (a folder of model variants)
#   mix:   1,848 files, 416k lines; 12% of the files name batch norm and hold 21% of the lines
SHAPES = {
    "dense": {"files": 73, "lines": 17_000, "bn_files": 1.0, "bn_lines": 1.0},
    "mix": {"files": 1_848, "lines": 416_000, "bn_files": 0.12, "bn_lines": 0.21},
}


def _file_of(rng: random.Random, templates, lines: int) -> str:
    """Template outputs one after the other until the file has about `lines` lines."""
    kinds = [template for template, weight in templates for _ in range(weight)]
    parts, count = [], 0
    while count < lines:
        part = _pick(rng, kinds)(rng)
        parts.append(part)
        count += part.count("\n") + 2
    return "\n\n".join(parts)


def generate(folder: Path, shape: str, scale: float, seed: int) -> list[Path]:
    spec = SHAPES[shape]
    rng = random.Random(seed)
    files = max(1, round(spec["files"] * scale))
    bn_files = max(1, round(files * spec["bn_files"]))
    lines = spec["lines"] * scale
    bn_lines_each = lines * spec["bn_lines"] / bn_files
    other_lines_each = lines * (1 - spec["bn_lines"]) / max(1, files - bn_files)
    paths = []
    for i in range(files):
        model = i < bn_files
        # sizes vary as in a real tree: half to one and a half times the average
        target = (bn_lines_each if model else other_lines_each) * rng.uniform(0.5, 1.5)
        source = _file_of(rng, MODEL_TEMPLATES if model else OTHER_TEMPLATES, int(target))
        path = folder / f"project{i % 10}" / f"{'model' if model else 'module'}_{i:04d}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        ast.parse(source, str(path))  # a template bug must not turn the bench into a parse-error bench
        path.write_text(source, encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------
# timing: CPU (user + sys) of the whole command, worker processes included, and wall clock

FLOOR_PROGRAM = (
    "import ast, sys\nfor name in sys.argv[1:]:\n    with open(name, 'rb') as f:\n        ast.parse(f.read())\n"
)


# Python as users run it: modules compiled once and their bytecode kept in __pycache__ (pip
# compiles an installed package at install time). With PYTHONDONTWRITEBYTECODE set, as on
# these machines, an editable checkout would compile every bnlint module at every start,
# while pylint, installed in site-packages, reads its bytecode: the warm-up runs below write it.
BYTECODE_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one run. RUSAGE_CHILDREN counts the command and every
    process it waited for (bnlint's workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        command, cwd=cwd, env=BYTECODE_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def bench_shape(shape: str, args, bnlint: str, pylint) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bnlint-bench-{shape}-") as tmp:
        root = Path(tmp)
        (root / "pyproject.toml").write_text("[project]\nname = 'bench'\n")  # the project root
        paths = generate(root / "code", shape, args.scale, args.seed)
        rel = [str(p.relative_to(root)) for p in paths]
        texts = [p.read_text() for p in paths]
        lines = sum(t.count("\n") for t in texts)
        mention = [t for t in texts if "atch_norm" in t or "atchNorm" in t]
        findings = subprocess.run([bnlint, "check", "--no-cache", "--format", "json", "code"], cwd=root, capture_output=True, check=False)
        found = findings.stdout.decode().count('"code": "BN')
        print(
            f"\n{shape}: {len(paths)} files, {lines} lines, {sum(map(len, texts)) / 1024:.0f} KiB; "
            f"{len(mention)} files ({100 * len(mention) / len(paths):.0f}%) name batch norm, holding "
            f"{100 * sum(t.count(chr(10)) for t in mention) / lines:.0f}% of the lines; {found} findings"
        )
        commands = {
            "floor": [PYTHON, "-c", FLOOR_PROGRAM, *rel],
            "bnlint": [bnlint, "check", "--no-cache", "code"],
            "bnlint -j1": [bnlint, "check", "--no-cache", "--jobs", "1", "code"],
            "bnlint warm": [bnlint, "check", "code"],  # the cache written by its warm-up run
            "startup": [bnlint, "rules"],
        }
        if pylint and shape == "dense":
            commands["pylint"] = [pylint, "--disable=all", "--enable=syntax-error", "--score=n", "--persistent=n", *rel]
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for command in commands.values():
            run(command, root)  # warm the file cache and the .pyc files (and bnlint's cache)
        for _ in range(args.repeat):
            for name, command in commands.items():
                if name == "pylint" and len(times[name]) >= args.pylint_repeat:
                    continue
                times[name].append(run(command, root))
    medians = {}
    for name, values in times.items():
        cpu = statistics.median(v[0] for v in values)
        wall = statistics.median(v[1] for v in values)
        medians[name] = cpu
        print(f"  {name:12s} CPU median {cpu:.3f}s  wall median {wall:.3f}s  (CPU: {', '.join(f'{v[0]:.2f}' for v in values)})")
    floor = medians["floor"]
    target = {"dense": 2.5, "mix": 1.5}[shape]
    print(f"  bnlint/floor      = {medians['bnlint'] / floor:.2f}  (CPU; target <= {target})")
    print(f"  bnlint -j1/floor  = {medians['bnlint -j1'] / floor:.2f}")
    print(f"  warm cache/floor  = {medians['bnlint warm'] / floor:.2f}  (CPU; target <= 0.5)")
    if "pylint" in medians:
        print(f"  pylint/bnlint     = {medians['pylint'] / medians['bnlint']:.1f}  (CPU; target >= 5)")
    return medians


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=["dense", "mix", "both"], default="both")
    parser.add_argument("--scale", type=float, default=1.0, help="dense: 1 = 73 files; mix: see --mix-scale")
    parser.add_argument("--mix-scale", type=float, default=0.25, help="the mix's size, 1 = 1,848 files (default 0.25)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pylint-repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    bnlint = shutil.which("bnlint", path=str(BIN)) or "bnlint"
    pylint = shutil.which("pylint", path=str(BIN))
    if not pylint:
        print("pylint not installed (pip install -e '.[bench]'): skipping it")
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    shapes = ["dense", "mix"] if args.shape == "both" else [args.shape]
    for shape in shapes:
        scale = args.scale if shape == "dense" else args.mix_scale
        bench_shape(shape, argparse.Namespace(**{**vars(args), "scale": scale}), bnlint, pylint)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
