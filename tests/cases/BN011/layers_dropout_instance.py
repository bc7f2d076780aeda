import tensorflow as tf


class Encoder(object):
    def __init__(self, rate):
        self.dense = tf.layers.Dense(128, activation=tf.nn.relu)
        self.drop = tf.layers.Dropout(rate)

    def __call__(self, inputs, is_training):
        net = self.drop(self.dense(inputs))
        return self.drop.apply(net, training=is_training)
