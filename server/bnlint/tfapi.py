"""The TensorFlow APIs the rules know, by canonical name.

Resolution (resolve.py) turns an expression into a dotted import path such as
`tensorflow.contrib.layers.python.layers.layers.batch_norm`; `canonical()` maps the many
spellings of one TF object onto one name (`slim.batch_norm`) and remembers which library
it came from, because tf_slim and tf.contrib keep separate arg_scope stacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

# Spelling prefixes, longest first: (prefix, canonical prefix, library).
_PREFIXES = (
    ("tensorflow.compat.v1.contrib.", "tensorflow.contrib.", None),  # does not exist, but harmless
    ("tensorflow.contrib.slim.python.slim.learning.", "slim.learning.", "contrib"),
    ("tensorflow.contrib.slim.python.slim.", "slim.", "contrib"),
    ("tensorflow.contrib.slim.", "slim.", "contrib"),
    ("tensorflow.contrib.layers.python.layers.layers.", "slim.", "contrib"),
    ("tensorflow.contrib.layers.python.layers.optimizers.", "slim.", "contrib"),
    ("tensorflow.contrib.layers.python.layers.", "slim.", "contrib"),
    ("tensorflow.contrib.layers.", "slim.", "contrib"),
    ("tensorflow.contrib.framework.python.ops.arg_scope.", "slim.", "contrib"),
    ("tensorflow.contrib.framework.python.ops.", "slim.", "contrib"),
    ("tensorflow.contrib.framework.", "slim.", "contrib"),
    ("tensorflow.contrib.training.python.training.training.", "slim.training.", "contrib"),
    ("tensorflow.contrib.training.", "slim.training.", "contrib"),
    ("tf_slim.layers.layers.", "slim.", "tf_slim"),
    ("tf_slim.layers.optimizers.", "slim.", "tf_slim"),
    ("tf_slim.layers.", "slim.", "tf_slim"),
    ("tf_slim.ops.arg_scope.", "slim.", "tf_slim"),
    ("tf_slim.ops.", "slim.", "tf_slim"),
    ("tf_slim.training.training.", "slim.training.", "tf_slim"),
    ("tf_slim.", "slim.", "tf_slim"),
    # Keras, whichever package it comes from: its layers keep their updates to themselves
    ("tensorflow.compat.v1.keras.", "keras.", "keras"),
    ("tensorflow.compat.v2.keras.", "keras.", "keras"),
    ("tensorflow.python.keras.", "keras.", "keras"),
    ("tensorflow.keras.", "keras.", "keras"),
    ("tf_keras.", "keras.", "keras"),
    ("keras.", "keras.", "keras"),
    ("tensorflow.compat.v1.", "tensorflow.", "tensorflow"),
    ("tensorflow.", "tensorflow.", "tensorflow"),
)

# Aliases that are the same function object (they share one arg_scope key).
_SAME_OBJECT = {
    "slim.conv1d": "slim.convolution1d",
    "slim.conv2d": "slim.convolution2d",
    "slim.conv3d": "slim.convolution3d",
    "slim.conv2d_in_plane": "slim.convolution2d_in_plane",
    "slim.conv2d_transpose": "slim.convolution2d_transpose",
    "slim.conv3d_transpose": "slim.convolution3d_transpose",
    "slim.separable_conv2d": "slim.separable_convolution2d",
    "slim.layers.batch_norm": "slim.batch_norm",
    "slim.layers.dropout": "slim.dropout",
    "slim.optimizers.optimize_loss": "slim.optimize_loss",
    "slim.arg_scope.arg_scope": "slim.arg_scope",
    "slim.learning.create_train_op": "slim.learning.create_train_op",
}


@dataclass(frozen=True)
class Api:
    name: str  # canonical, e.g. "slim.batch_norm"
    library: Optional[str]  # "contrib", "tf_slim", "tensorflow"


# Module paths that are also the name of the function a package exports under them:
# `from tensorflow.contrib.framework.python.ops import arg_scope` gets the function (the
# package star-imports its arg_scope module, whose function then shadows the submodule).
_EXPORTED_AS_MODULE_NAME = {
    "tensorflow.contrib.framework.python.ops.arg_scope": Api("slim.arg_scope", "contrib"),
    "tf_slim.ops.arg_scope": Api("slim.arg_scope", "tf_slim"),
}


@lru_cache(maxsize=4096)
def canonical(path: Optional[str]) -> Optional[Api]:
    if not path:
        return None
    exported = _EXPORTED_AS_MODULE_NAME.get(path)
    if exported is not None:
        return exported
    dotted = path + "."
    for prefix, replacement, library in _PREFIXES:
        if dotted.startswith(prefix):
            name = (replacement + dotted[len(prefix):]).rstrip(".")
            return Api(_SAME_OBJECT.get(name, name), library)
    return None


CONTRIB_BATCH_NORM = frozenset({"slim.batch_norm"})
CORE_BATCH_NORM_FUNCTION = frozenset({"tensorflow.layers.batch_normalization"})
CORE_BATCH_NORM_CLASS = frozenset({"tensorflow.layers.BatchNormalization"})
KERAS_BATCH_NORM_CLASS = frozenset({"keras.layers.BatchNormalization", "keras.layers.normalization.BatchNormalization"})
KERAS_SEQUENTIAL = frozenset({"keras.Sequential", "keras.models.Sequential"})
KERAS_MODEL = frozenset({"keras.Model", "keras.models.Model"}) | KERAS_SEQUENTIAL

# dropout has the same two defaults: contrib/slim is_training=True, tf.layers training=False
CONTRIB_DROPOUT = frozenset({"slim.dropout"})
CORE_DROPOUT_FUNCTION = frozenset({"tensorflow.layers.dropout"})
CORE_DROPOUT_CLASS = frozenset({"tensorflow.layers.Dropout"})

# Layers whose normalizer_fn is called as normalizer_fn(outputs, **normalizer_params).
# relu/relu6/linear/elu are functools.partial(fully_connected, activation_fn=...).
_LAYER_FUNCTIONS = (
    "convolution convolution1d convolution2d convolution3d convolution2d_in_plane "
    "convolution2d_transpose convolution3d_transpose fully_connected separable_convolution2d"
)
NORMALIZER_LAYERS = frozenset("slim." + n for n in _LAYER_FUNCTIONS.split())
_LAYER_PARTIALS = {f"slim.{n}": "slim.fully_connected" for n in ("relu", "relu6", "linear", "elu")}


def layer_scope_key(name: str) -> Optional[str]:
    """The arg_scope key a layer call picks defaults from, or None if it is not a normalizer layer."""
    if name in NORMALIZER_LAYERS:
        return name
    return _LAYER_PARTIALS.get(name)


ARG_SCOPE = frozenset({"slim.arg_scope"})
TRAIN_OP_BUILDERS = frozenset(
    {"slim.learning.create_train_op", "slim.training.create_train_op", "slim.create_train_op", "slim.optimize_loss"}
)
TRAIN_OP_BUILDER_NAMES = ("create_train_op", "optimize_loss")  # their last names
FUNCTOOLS_PARTIAL = "functools.partial"
# TF control flow that calls the functions it is given while the graph is built, inside the
# caller's arg_scope and control_dependencies (matched by the called name: tf.cond,
# control_flow_ops.cond, smart_cond.smart_cond, ...)
CALLS_ITS_FUNCTIONS = frozenset({"cond", "smart_cond", "case", "switch_case", "while_loop", "map_fn", "scan", "foldl", "foldr"})

SAVER = frozenset({"tensorflow.train.Saver"})
# Variable lists that leave out the non-trainable moving mean / variance, and the function of
# the same spelling family that lists every global variable.
TRAINABLE_ONLY_LISTS = {"tensorflow.trainable_variables": "global_variables", "slim.get_trainable_variables": "get_variables"}

# Positions of arguments that may be passed positionally.
CONTRIB_BN_POSITIONS = {"updates_collections": 8, "is_training": 9}
CORE_BN_POSITIONS = {"training": 14}
CONTRIB_DROPOUT_POSITIONS = {"is_training": 3}  # dropout(inputs, keep_prob, noise_shape, is_training, ...)
CORE_DROPOUT_POSITIONS = {"training": 4}  # dropout(inputs, rate, noise_shape, seed, training, name)
LAYER_CALL_POSITIONS = {"training": 1}  # BatchNormalization()(inputs, training) and .apply(inputs, training)

IS_TRAINING_NAMES = ("is_training", "training", "is_train", "train_mode", "phase_train")
