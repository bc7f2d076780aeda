# docs/rules/BN003.md's example, on TF 2.x through tensorflow.compat.v1
import tensorflow.compat.v1 as tf


def discriminator(images, training):
    net = tf.layers.conv2d(images, 64, 5, strides=2, padding='same')
    net = tf.layers.batch_normalization(net, momentum=0.9)
    return tf.nn.leaky_relu(net, 0.2)
