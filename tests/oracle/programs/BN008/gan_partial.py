# cases/BN008/gan_discriminator_built_after_read.py on TF 2.x: the list holds the generator's
# updates only
import tensorflow.compat.v1 as tf


def generator(z, training):
    with tf.variable_scope('generator'):
        net = tf.layers.dense(z, 32)
        net = tf.nn.relu(tf.layers.batch_normalization(net, training=training))
        return tf.layers.dense(net, 16, activation=tf.nn.tanh)


def discriminator(x, training, reuse=False):
    with tf.variable_scope('discriminator', reuse=reuse):
        net = tf.layers.dense(x, 32)
        net = tf.nn.leaky_relu(tf.layers.batch_normalization(net, training=training))
        return tf.layers.dense(net, 1)


def build(z, real):
    fake = generator(z, training=True)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    d_real = discriminator(real, training=True)
    d_fake = discriminator(fake, training=True, reuse=True)
    d_loss = tf.reduce_mean(tf.nn.softplus(-d_real) + tf.nn.softplus(d_fake))
    g_loss = tf.reduce_mean(tf.nn.softplus(-d_fake))
    with tf.control_dependencies(update_ops):
        d_train = tf.train.AdamOptimizer(2e-4, 0.5).minimize(d_loss)
        g_train = tf.train.AdamOptimizer(2e-4, 0.5).minimize(g_loss)
    return d_train, g_train
