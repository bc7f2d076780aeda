"""Shared by the CLI tests: running the real `bnlint` command, and TF1 snippets the rule
specification says must (or must not) fire."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Optional

# BN002 at 5:12-5:40 (1-based), with a preferred fix because `is_training` is a parameter
BN002_FIXABLE = """\
import tensorflow as tf


def net(x, is_training):
    return tf.contrib.layers.batch_norm(x)
"""
BN002_FIXABLE_FIXED = """\
import tensorflow as tf


def net(x, is_training):
    return tf.contrib.layers.batch_norm(x, is_training=is_training)
"""

# BN002 at 2:5, but no is_training-like name anywhere: two fixes, neither preferred
BN002_UNFIXABLE = "import tensorflow as tf\nx = tf.contrib.layers.batch_norm(y)\n"

# BN003 at 5:12 (core batch norm without training), fixable with training=training
BN003_FIXABLE = """\
import tensorflow as tf


def block(x, training):
    return tf.layers.batch_normalization(x)
"""

# BN004 at the normalizer_fn= keyword (7:39), fixable with normalizer_params
BN004_FIXABLE = """\
import tensorflow as tf

slim = tf.contrib.slim


def net(x, is_training):
    return slim.conv2d(x, 64, [3, 3], normalizer_fn=slim.batch_norm)
"""
BN004_FIXABLE_FIXED = """\
import tensorflow as tf

slim = tf.contrib.slim


def net(x, is_training):
    return slim.conv2d(x, 64, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
"""

# BN001 on `minimize` (6:16) and BN002 inside the same statement: BN001's fix rewrites the
# whole statement, so BN002's fix overlaps it and must wait for a second pass
BN001_AND_BN002 = """\
import tensorflow as tf


def train(x, is_training):
    opt = tf.train.GradientDescentOptimizer(0.1)
    return opt.minimize(tf.reduce_sum(tf.contrib.layers.batch_norm(x)))
"""
BN001_AND_BN002_FIXED = """\
import tensorflow as tf


def train(x, is_training):
    opt = tf.train.GradientDescentOptimizer(0.1)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        return opt.minimize(tf.reduce_sum(tf.contrib.layers.batch_norm(x, is_training=is_training)))
"""

CLEAN = BN002_FIXABLE_FIXED

# names no batch-norm API at all
UTILITY = """\
import tensorflow as tf


def parse_example(record):
    features = tf.parse_single_example(record, {"image": tf.FixedLenFeature([], tf.string)})
    return tf.image.decode_jpeg(features["image"])
"""

# mentions batch norm, so the analysis parses it (files that do not are skipped unparsed)
PYTHON2 = 'import tensorflow as tf\nprint "training with batch_norm"\n'


def run_bnlint(*args: str, cwd: Path, stdin: Optional[bytes] = None) -> subprocess.CompletedProcess:
    """The real command, as a separate process: exit status, stdout and stderr as a user sees them."""
    return subprocess.run(
        [sys.executable, "-m", "bnlint", *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=300,
        check=False,
    )


def out(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.decode("utf-8")


def err(proc: subprocess.CompletedProcess) -> str:
    return proc.stderr.decode("utf-8")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def notebook(cells: list[tuple[str, str]], **extra) -> str:
    """An nbformat-4 notebook's JSON from (cell_type, source) pairs, sources stored as line lists."""
    nb_cells = []
    for number, (kind, source) in enumerate(cells):
        cell = {"cell_type": kind, "metadata": {"tag": f"cell-{number}"}, "source": source.splitlines(keepends=True)}
        if kind == "code":
            cell.update(execution_count=number, outputs=[{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}])
        nb_cells.append(cell)
    data = {
        "cells": nb_cells,
        "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
        **extra,
    }
    return json.dumps(data, indent=1) + "\n"
