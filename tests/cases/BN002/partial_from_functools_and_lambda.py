from functools import partial

import tensorflow as tf

slim = tf.contrib.slim


def tower(x, is_train):
    bn = partial(slim.batch_norm, is_training=is_train, scale=True)
    norm = lambda y: slim.batch_norm(y, is_training=is_train)
    return norm(bn(x))
