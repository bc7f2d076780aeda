import tensorflow as tf

from pkg.layers import *


def evaluate(images):
    # no train op here: nothing to report
    return tf.nn.softmax(conv_bn(images, 10, is_training=False))
