import tensorflow as tf


class Encoder(object):
    def __init__(self):
        self.dense = tf.layers.Dense(256)

    def __call__(self, x, is_training):
        bn = tf.layers.BatchNormalization()
        x = bn(self.dense(x), training=is_training)
        y = bn.apply(x, training=is_training)
        return tf.nn.relu(y)
