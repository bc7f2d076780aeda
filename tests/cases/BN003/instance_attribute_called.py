import tensorflow as tf


class ConvBlock(object):
    def __init__(self, filters):
        self.conv = tf.layers.Conv2D(filters, 3, padding='same', use_bias=False)
        self.bn = tf.layers.BatchNormalization(momentum=0.9)

    def __call__(self, x):
        return tf.nn.relu(self.bn(self.conv(x)))
