import contextlib

import tensorflow as tf

slim = tf.contrib.slim


def safe_arg_scope(funcs, **kwargs):
    filtered_args = {name: value for name, value in kwargs.items() if value is not None}
    return slim.arg_scope(funcs, **filtered_args)


def bn_scope(is_training, decay=0.997):
    return slim.arg_scope([slim.batch_norm], is_training=is_training, decay=decay)


def conv_scope(weight_decay=0.00004):
    return slim.arg_scope([slim.conv2d], weights_regularizer=slim.l2_regularizer(weight_decay))


@contextlib.contextmanager
def training_scope(is_training):
    with slim.arg_scope([slim.batch_norm, slim.dropout], is_training=is_training):
        yield


def name_scope(name):
    return tf.variable_scope(name)


def net(images, is_training):
    with safe_arg_scope([slim.batch_norm], is_training=is_training):
        x = slim.batch_norm(images)
    with bn_scope(is_training), conv_scope():
        x = slim.batch_norm(slim.conv2d(x, 32, [3, 3]))
    with training_scope(is_training):
        x = slim.dropout(slim.batch_norm(x))
    with conv_scope():
        x = slim.batch_norm(x)
    with safe_arg_scope([slim.conv2d], padding='SAME'):
        x = slim.batch_norm(x)
    with name_scope('head'):
        x = slim.batch_norm(x)
    return x
