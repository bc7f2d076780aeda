import tensorflow as tf

slim = tf.contrib.slim


def plain_unit(net):
    # handed around in a dict; no arg_scope in the project sets is_training: reported
    return slim.batch_norm(slim.conv2d(net, 32, [3, 3]))


UNITS = {"plain": plain_unit}
