import tensorflow as tf

slim = tf.contrib.slim


def training_scope(is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training) as scope:
        return scope


def tower(images):
    net = slim.conv2d(images, 32, [3, 3])
    return slim.batch_norm(net)


def head(net):
    return slim.batch_norm(net)
