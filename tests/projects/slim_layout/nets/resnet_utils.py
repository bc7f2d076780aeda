"""Shared pieces of the ResNet nets, in the layout of TF-slim's nets/resnet_utils.py."""
import collections

import tensorflow as tf

slim = tf.contrib.slim


class Block(collections.namedtuple("Block", ["scope", "unit_fn", "args"])):
    """A ResNet block: its units are unit_fn(net, **args[i])."""


def conv2d_same(inputs, num_outputs, kernel_size, stride, scope=None):
    return slim.conv2d(inputs, num_outputs, kernel_size, stride=stride, padding="SAME", scope=scope)


def stack_blocks_dense(net, blocks):
    for block in blocks:
        with tf.variable_scope(block.scope):
            for unit in block.args:
                # the unit function comes out of a namedtuple: its calls cannot be traced
                net = block.unit_fn(net, **unit)
    return net


def resnet_arg_scope(weight_decay=0.0001):
    # no is_training on purpose: the model sets it in an arg_scope of its own
    batch_norm_params = {
        "decay": 0.997,
        "epsilon": 1e-5,
        "updates_collections": tf.GraphKeys.UPDATE_OPS,
    }
    with slim.arg_scope(
        [slim.conv2d],
        weights_regularizer=slim.l2_regularizer(weight_decay),
        normalizer_fn=slim.batch_norm,
        normalizer_params=batch_norm_params,
    ):
        with slim.arg_scope([slim.batch_norm], **batch_norm_params):
            with slim.arg_scope([slim.max_pool2d], padding="SAME") as arg_sc:
                return arg_sc
