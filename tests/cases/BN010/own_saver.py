import tensorflow as tf

from utils.checkpoints import Saver


def build(net, training):
    net = tf.layers.batch_normalization(net, training=training)
    return net, Saver(tf.trainable_variables())
