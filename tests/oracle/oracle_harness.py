"""The TensorFlow oracle: runs a rule's bad program and its bnlint-fixed program in real
TensorFlow (graph mode, tf.compat.v1, tf_slim) and measures the pitfall in both.

Only importable in .venv-tf (scripts/setup/tf.sh); bnlint itself never imports TensorFlow.
Every program runs in a fresh tf.Graph inside this one process: TensorFlow's import costs
seconds, a small graph costs milliseconds. See README.md here for adding a rule.
"""

from __future__ import annotations

import os

# before TensorFlow's import: tf.compat.v1.layers needs legacy Keras (tf-keras) on TF >= 2.16;
# no C++ log lines; oneDNN off, so CPU results do not depend on its kernel choices
os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import importlib  # noqa: E402
import sys  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from importlib.metadata import version  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable, Dict, Iterator, List  # noqa: E402

import numpy as np  # noqa: E402

# the bnlint of this checkout, whatever venv runs the oracle (a .venv-tf may be shared)
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "server"))

import tensorflow.compat.v1 as tf  # noqa: E402

from bnlint.analysis import analyze  # noqa: E402
from bnlint.config import Config  # noqa: E402
from bnlint.edits import apply_edits, compatible_fixes  # noqa: E402
from bnlint.findings import Finding  # noqa: E402

tf.get_logger().setLevel("ERROR")
tf.disable_v2_behavior()  # TF1 semantics: graph mode, ref variables, v1 control flow


def _shim_tf_slim() -> None:
    """tf-slim 1.1.0 (2020) reaches two TensorFlow internals that moved in TF >= 2.13; point
    the old names at the same objects. No code or maths changes.

    - `tensorflow.python.framework.ops.Tensor`: the Tensor class now lives in
      `tensorflow.python.framework.tensor` (tf_slim's `constant_value`, used by every
      batch_norm with a tensor `is_training`, tests `isinstance(x, ops.Tensor)`).
    - `tf_keras.legacy_tf_layers`: TensorFlow's `tensorflow.python.layers.normalization`,
      which tf_slim's batch_norm uses, lazily imports the legacy layers from there; tf-keras
      moved them to `tf_keras.src.legacy_tf_layers` (where `tf.compat.v1.layers` takes them).
    """
    from tensorflow.python.framework import ops

    if not hasattr(ops, "Tensor"):
        ops.Tensor = tf.Tensor
    try:
        importlib.import_module("tf_keras.legacy_tf_layers.normalization")
    except ModuleNotFoundError:
        moved = importlib.import_module("tf_keras.src.legacy_tf_layers")
        sys.modules["tf_keras.legacy_tf_layers"] = moved
        sys.modules["tf_keras.legacy_tf_layers.normalization"] = importlib.import_module(
            "tf_keras.src.legacy_tf_layers.normalization"
        )


_shim_tf_slim()
import tf_slim as slim  # noqa: E402,F401  (after the shim; the probes build heads with it)

PROGRAMS = Path(__file__).resolve().parent / "programs"
CASES = ROOT / "tests" / "cases"

TF_VERSION = tf.__version__
SLIM_VERSION = version("tf-slim")
KERAS_VERSION = version("tf-keras")

STEPS = 20  # training steps: enough for moving means to leave 0 (decay 0.99 / 0.999 / 0.9)
BATCH = 8
IMAGE_SHAPE = (8, 8, 3)
FEATURES = 16

# numbers each test measured, written to test-results/oracle.json at the end of the run
RESULTS: Dict[str, dict] = {}


def record(name: str, **numbers) -> None:
    RESULTS[name] = {key: _plain(value) for key, value in numbers.items()}


def _plain(value):
    if isinstance(value, (np.floating, float)):
        return float(f"{float(value):.6g}")
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


# ---------------------------------------------------------------- the programs and their fixes


@dataclass
class Program:
    path: Path
    source: str

    @property
    def name(self) -> str:
        return self.path.relative_to(ROOT).as_posix()


def program(relative: str) -> Program:
    """A program under tests/oracle/programs/, or a rule case (`cases/BN001/x.py`)."""
    path = CASES / relative[len("cases/"):] if relative.startswith("cases/") else PROGRAMS / relative
    return Program(path, path.read_text(encoding="utf-8"))


def findings_of(source: str, path: Path) -> List[Finding]:
    return analyze(source, str(path), Config()).findings


def fixed_by_bnlint(bad: Program, code: str, passes: int = 4) -> Program:
    """The program after bnlint's preferred fixes for `code`, chosen and applied by the core
    (the fix-all policy of edits.compatible_fixes that --fix and source.fixAll use), pass after
    pass until `code` no longer fires."""
    source = bad.source
    assert any(f.code == code for f in findings_of(source, bad.path)), f"{bad.name}: bnlint gives no {code}"
    for _ in range(passes):
        findings = sorted((f for f in findings_of(source, bad.path) if f.code == code), key=Finding.sort_key)
        fixes = [fix for f in findings for fix in f.fixes if fix.preferred and not fix.suppression]
        if not findings:
            break
        assert fixes, f"{bad.name}: {code} has no preferred fix"
        picked = compatible_fixes(fixes, lambda fix: fix.edits, lambda e: (None, e.range.start, e.range.end, e.new_text))
        source = apply_edits(source, [edit for _, edits in picked for edit in edits])
    left = [f for f in findings_of(source, bad.path) if f.code == code]
    assert not left, f"{bad.name}: {code} still fires after its fixes:\n{source}"
    return Program(bad.path, source)


# ---------------------------------------------------------------- running a program


@dataclass
class Inputs:
    """Placeholders handed to a program's model function; `feed` fills them all."""

    images: tf.Tensor  # float32 [batch, *image_shape]
    labels: tf.Tensor  # int32 [batch], 0..9
    features: tf.Tensor  # float32 [batch, FEATURES]
    targets: tf.Tensor  # float32 [batch, 1]
    is_training: tf.Tensor  # bool scalar, False unless fed

    def feed(self, images: np.ndarray, training: bool, seed: int = 1) -> dict:
        rng = np.random.RandomState(seed)
        batch = len(images)
        return {
            self.images: images,
            self.labels: rng.randint(0, 10, size=batch),
            self.features: rng.normal(1.0, 1.0, size=(batch, FEATURES)),
            self.targets: rng.normal(size=(batch, 1)),
            self.is_training: training,
        }


@contextmanager
def loaded(prog: Program, image_shape=IMAGE_SHAPE) -> Iterator[tuple]:
    """(namespace of the executed program, Inputs), inside a fresh default graph."""
    graph = tf.Graph()
    with graph.as_default():
        tf.set_random_seed(0)
        namespace = {"__name__": "oracle_program", "__file__": str(prog.path)}
        exec(compile(prog.source, str(prog.path), "exec"), namespace)
        inputs = Inputs(
            tf.placeholder(tf.float32, (None,) + tuple(image_shape), name="images"),
            tf.placeholder(tf.int32, (None,), name="labels"),
            tf.placeholder(tf.float32, (None, FEATURES), name="features"),
            tf.placeholder(tf.float32, (None, 1), name="targets"),
            tf.placeholder_with_default(False, (), name="is_training"),
        )
        yield namespace, inputs


def session() -> tf.Session:
    config = tf.ConfigProto(intra_op_parallelism_threads=1, inter_op_parallelism_threads=1)
    return tf.Session(config=config)


def images(batch: int, loc: float, scale: float, seed: int, image_shape=IMAGE_SHAPE) -> np.ndarray:
    return np.random.RandomState(seed).normal(loc, scale, size=(batch,) + tuple(image_shape)).astype(np.float32)


def moving_means() -> List[tf.Variable]:
    return [v for v in tf.global_variables() if v.op.name.endswith("moving_mean")]


def train_op_running_update_ops(loss) -> tf.Operation:
    """What a correct program does: minimize under control_dependencies(UPDATE_OPS)."""
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        return tf.train.GradientDescentOptimizer(0.1).minimize(loss)


# ---------------------------------------------------------------- what the probes measure


@dataclass
class Training:
    update_ops: int  # ops in UPDATE_OPS after the program built its graph
    moving_mean_abs_max: float  # largest |moving_mean| of any batch norm after STEPS steps
    batch_norms: int  # moving_mean variables in the graph


def moving_means_after_training(
    prog: Program, build_train_op: Callable[[dict, Inputs], tf.Operation], steps: int = STEPS
) -> Training:
    """Run `steps` training steps (is_training fed True) of the train op that
    `build_train_op(namespace, inputs)` returns; read every moving mean after them. The
    images have mean 1, so a moving mean that updates leaves 0 at once."""
    with loaded(prog) as (namespace, inputs):
        train_op = build_train_op(namespace, inputs)
        update_ops = len(tf.get_collection(tf.GraphKeys.UPDATE_OPS))
        means = moving_means()
        assert means, f"{prog.name}: no batch norm (moving_mean variable) in the graph"
        with session() as sess:
            sess.run(tf.global_variables_initializer())
            for step in range(steps):
                sess.run(train_op, inputs.feed(images(BATCH, 1.0, 1.0, seed=step), training=True, seed=step))
            values = sess.run(means)
    return Training(update_ops, max(float(np.max(np.abs(v))) for v in values), len(means))


@dataclass
class BatchDependence:
    spread: float  # max |output of example 0 in batch A - in batch B|, at inference
    scale: float  # max |output of example 0|, for scale


def batch_dependence(prog: Program, build_output: Callable[[dict, Inputs], tf.Tensor]) -> BatchDependence:
    """Inference (is_training left at its default, False) on one example in two batches whose
    other members differ; how far apart its two outputs are."""
    first = images(1, 0.0, 1.0, seed=100)
    batch_a = np.concatenate([first, images(BATCH - 1, 0.0, 1.0, seed=101)])
    batch_b = np.concatenate([first, images(BATCH - 1, 3.0, 2.0, seed=102)])
    with loaded(prog) as (namespace, inputs):
        output = build_output(namespace, inputs)
        with session() as sess:
            sess.run(tf.global_variables_initializer())
            out_a = sess.run(output, {inputs.images: batch_a})[0]
            out_b = sess.run(output, {inputs.images: batch_b})[0]
    return BatchDependence(float(np.max(np.abs(out_a - out_b))), float(np.max(np.abs(out_a))))


def classifier_loss(net, labels) -> tf.Tensor:
    """A small trainable head on a model function's output, for programs that stop at features."""
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None, scope="oracle_head")
    return tf.losses.sparse_softmax_cross_entropy(labels, logits)


@dataclass
class FrozenLayer:
    trainable: List[str]  # batch norm beta / gamma among tf.trainable_variables()
    parameters: List[str]  # every batch norm beta / gamma in the graph
    change: float  # largest |change| of any of them over STEPS training steps


def batch_norm_parameters_after_training(
    prog: Program, build_output: Callable[[dict, Inputs], tf.Tensor], steps: int = STEPS
) -> FrozenLayer:
    """Train a head on the program's output with an optimizer over tf.trainable_variables()
    (what minimize does by default), updates wired in; which batch norm beta / gamma were
    trainable, and how far they moved."""
    with loaded(prog) as (namespace, inputs):
        loss = classifier_loss(build_output(namespace, inputs), inputs.labels)
        train_op = train_op_running_update_ops(loss)
        parameters = [v for v in tf.global_variables() if v.op.name.rsplit("/", 1)[-1] in ("beta", "gamma")]
        assert parameters, f"{prog.name}: no batch norm beta / gamma in the graph"
        trainable = {v.op.name for v in tf.trainable_variables()}
        with session() as sess:
            sess.run(tf.global_variables_initializer())
            start = sess.run(parameters)
            for step in range(steps):
                sess.run(train_op, inputs.feed(images(BATCH, 1.0, 1.0, seed=step), training=True, seed=step))
            end = sess.run(parameters)
    change = max(float(np.max(np.abs(a - b))) for a, b in zip(start, end))
    names = [v.op.name for v in parameters]
    return FrozenLayer([n for n in names if n in trainable], names, change)


@dataclass
class Shapes:
    output: tuple  # the model function's output, static shape without the batch
    moving_mean: List[tuple]  # each batch norm's moving_mean


def batch_norm_shapes(prog: Program, build_output: Callable[[dict, Inputs], tf.Tensor], image_shape) -> Shapes:
    """Build only (no session): channels-first convolutions have no CPU kernel."""
    with loaded(prog, image_shape) as (namespace, inputs):
        output = build_output(namespace, inputs)
        return Shapes(tuple(output.shape.as_list()[1:]), [tuple(v.shape.as_list()) for v in moving_means()])
