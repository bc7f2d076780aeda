import tensorflow as tf

from nets import cell_utils

slim = tf.contrib.slim


def nasnet(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = cell_utils.stem(images)
        branch = lambda x: cell_utils.separable_bn(x, 16)
        unit = cell_utils.cell
        net = branch(net) + unit(net, 16)
        net = cell_utils.cell(net, 32)
    return net


def logits_head(net):
    return slim.fully_connected(cell_utils.stem(net), 10, activation_fn=None)
