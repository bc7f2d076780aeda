"""How fast is `bnlint check` on a TF1-style code base?

Generates a few hundred TF1 files from varied templates into a temporary folder -- slim nets
under arg_scope, DCGAN-style models, estimator model_fns, training scripts, and (as in real
TF repositories, most of the files) input pipelines, utilities and evaluation scripts that
name no batch-norm, normalizer or optimizer API -- then times, in one run and several
repetitions each (wall clock, whole processes):

  floor   a Python process that reads every file and runs ast.parse on it
  bnlint  `bnlint check FOLDER`
  (also `bnlint check --jobs 1`, and `bnlint rules` for the start-up cost alone)
  pylint  `pylint --disable=all --enable=syntax-error FILES` (parses every file with
          astroid, checks nothing else)

and prints the medians with bnlint/floor and pylint/bnlint. Targets: bnlint/floor <= 2,
pylint/bnlint >= 10.

    .venv/bin/python bench/cli_bench.py [--files 300] [--repeat 5] [--seed 1]

This is a measurement, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
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
TEMPLATES = [
    (slim_net, 3),
    (dcgan, 2),
    (estimator, 2),
    (training_script, 3),
    (input_pipeline, 4),
    (utilities, 5),
    (evaluation, 3),
]


def generate(folder: Path, count: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    kinds = [template for template, weight in TEMPLATES for _ in range(weight)]
    paths = []
    for i in range(count):
        template = _pick(rng, kinds)
        path = folder / f"project{i % 10}" / f"{template.__name__}_{i:04d}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        source = template(rng)
        ast.parse(source, str(path))  # a template bug must not turn the bench into a parse-error bench
        path.write_text(source, encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------
# timing

FLOOR_PROGRAM = (
    "import ast, sys\nfor name in sys.argv[1:]:\n    with open(name, 'rb') as f:\n        ast.parse(f.read())\n"
)


def wall(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pylint-repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    bnlint = shutil.which("bnlint", path=str(BIN)) or "bnlint"
    pylint = shutil.which("pylint", path=str(BIN))
    with tempfile.TemporaryDirectory(prefix="bnlint-bench-") as tmp:
        root = Path(tmp)
        paths = generate(root / "code", args.files, args.seed)
        rel = [str(p.relative_to(root)) for p in paths]
        total_bytes = sum(p.stat().st_size for p in paths)
        total_lines = sum(p.read_text().count("\n") for p in paths)
        mention = sum(1 for p in paths if "atch_norm" in p.read_text() or "atchNorm" in p.read_text())
        findings = subprocess.run(
            [bnlint, "check", "--format", "json", "code"], cwd=root, capture_output=True, check=False
        )
        found = findings.stdout.decode().count('"code": "BN')
        print(
            f"{len(paths)} files, {total_lines} lines, {total_bytes / 1024:.0f} KiB; "
            f"{mention} name batch norm; bnlint finds {found} findings; {os.cpu_count()} cores"
        )

        commands = {
            "floor": [PYTHON, "-c", FLOOR_PROGRAM, *rel],
            "bnlint": [bnlint, "check", "code"],
            # for reading the numbers: the same run in one process, and what any run costs
            # before it reads a file (interpreter start and imports: `rules` imports what
            # `check` does)
            "bnlint -j1": [bnlint, "check", "--jobs", "1", "code"],
            "startup": [bnlint, "rules"],
        }
        if pylint:
            # pylint 4 with every message disabled exits without reading a file ("No files to
            # lint"); keeping syntax-error makes it parse each file with astroid and check nothing
            commands["pylint"] = [pylint, "--disable=all", "--enable=syntax-error", "--score=n", "--persistent=n", *rel]
        else:
            print("pylint not installed (pip install -e '.[bench]'): skipping it")
        times: dict[str, list[float]] = {name: [] for name in commands}
        for name in commands:
            wall(commands[name], root)  # warm the file cache and the .pyc files
        for _ in range(args.repeat):
            for name, command in commands.items():
                if name == "pylint" and len(times[name]) >= args.pylint_repeat:
                    continue
                times[name].append(wall(command, root))

    for name, values in times.items():
        runs = ", ".join(f"{v:.3f}" for v in values)
        print(f"{name:10s} median {statistics.median(values):.3f}s  min {min(values):.3f}s  ({runs})")
    floor, ours = statistics.median(times["floor"]), statistics.median(times["bnlint"])
    print(f"bnlint/floor  = {ours / floor:.2f}  (target <= 2)")
    if "pylint" in times:
        print(f"pylint/bnlint = {statistics.median(times['pylint']) / ours:.1f}  (target >= 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
