import tensorflow as tf


def batch_norm(x, scope, epsilon=1e-5):
    """A hand-written batch norm: shares only the name with TensorFlow's."""
    with tf.variable_scope(scope):
        depth = x.get_shape()[-1]
        beta = tf.get_variable('beta', [depth], initializer=tf.zeros_initializer())
        gamma = tf.get_variable('gamma', [depth], initializer=tf.ones_initializer())
        mean, variance = tf.nn.moments(x, [0, 1, 2])
        return tf.nn.batch_normalization(x, mean, variance, beta, gamma, epsilon)


def block(x):
    x = tf.layers.conv2d(x, 64, 3, padding='same')
    return tf.nn.relu(batch_norm(x, 'bn'))
