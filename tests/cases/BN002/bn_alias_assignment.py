import tensorflow as tf

bn = tf.contrib.layers.batch_norm


def discriminator(images, phase_train, reuse=False):
    with tf.variable_scope('discriminator', reuse=reuse):
        h0 = tf.nn.leaky_relu(tf.layers.conv2d(images, 64, 5, strides=2, padding='same'))
        h1 = tf.layers.conv2d(h0, 128, 5, strides=2, padding='same')
        h1 = tf.nn.leaky_relu(bn(h1, scope='d_bn1'))
        return tf.layers.dense(tf.layers.flatten(h1), 1)
