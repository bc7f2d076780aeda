"""DCGAN on 64x64 images, TensorFlow 1.x.

The generator normalises with tf.contrib.layers.batch_norm, the discriminator with
tf.layers.batch_normalization. Images come from $GAN_DATA (float32 N x 64 x 64 x 3 in [-1, 1]).
"""
import os

import numpy as np
import tensorflow as tf

Z_DIM = 100
BATCH_SIZE = 64
LEARNING_RATE = 2e-4
BETA1 = 0.5


def generator(z, is_training, reuse=False):
    with tf.variable_scope('generator', reuse=reuse):
        net = tf.layers.dense(z, 4 * 4 * 512, use_bias=False, name='project')
        net = tf.reshape(net, [-1, 4, 4, 512])
        net = tf.contrib.layers.batch_norm(net, decay=0.9, scale=True,
                                           is_training=is_training, scope='bn0')
        net = tf.nn.relu(net)

        net = tf.layers.conv2d_transpose(net, 256, 5, strides=2, padding='same', name='deconv1')
        net = tf.contrib.layers.batch_norm(net, decay=0.9, scale=True, scope='bn1')
        net = tf.nn.relu(net)

        net = tf.layers.conv2d_transpose(net, 128, 5, strides=2, padding='same', name='deconv2')
        net = tf.contrib.layers.batch_norm(net, decay=0.9, scale=True,
                                           is_training=is_training, scope='bn2')
        net = tf.nn.relu(net)

        net = tf.layers.conv2d_transpose(net, 64, 5, strides=2, padding='same', name='deconv3')
        net = tf.contrib.layers.batch_norm(net, decay=0.9, scale=True,
                                           is_training=is_training, scope='bn3')
        net = tf.nn.relu(net)

        net = tf.layers.conv2d_transpose(net, 3, 5, strides=2, padding='same', name='deconv4')
        return tf.tanh(net)


def discriminator(images, training, reuse=False):
    with tf.variable_scope('discriminator', reuse=reuse):
        net = tf.layers.conv2d(images, 64, 5, strides=2, padding='same', name='conv1')
        net = tf.nn.leaky_relu(net, 0.2)

        net = tf.layers.conv2d(net, 128, 5, strides=2, padding='same', name='conv2')
        net = tf.layers.batch_normalization(net, momentum=0.9, training=training, name='bn2')
        net = tf.nn.leaky_relu(net, 0.2)

        net = tf.layers.conv2d(net, 256, 5, strides=2, padding='same', name='conv3')
        net = tf.layers.batch_normalization(net, momentum=0.9, name='bn3')
        net = tf.nn.leaky_relu(net, 0.2)

        net = tf.layers.flatten(net)
        logits = tf.layers.dense(net, 1, name='logits')
        return logits


def gan_losses(real_logits, fake_logits):
    d_loss_real = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.ones_like(real_logits), logits=real_logits))
    d_loss_fake = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.zeros_like(fake_logits), logits=fake_logits))
    g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(
        labels=tf.ones_like(fake_logits), logits=fake_logits))
    return d_loss_real + d_loss_fake, g_loss


def main():
    data = np.load(os.environ.get('GAN_DATA', '/tmp/faces64.npy'))
    real = tf.placeholder(tf.float32, [None, 64, 64, 3], name='real')
    z = tf.placeholder(tf.float32, [None, Z_DIM], name='z')

    fake = generator(z, is_training=True)
    real_logits = discriminator(real, training=True)
    fake_logits = discriminator(fake, training=True, reuse=True)
    samples = generator(z, is_training=False, reuse=True)
    d_loss, g_loss = gan_losses(real_logits, fake_logits)

    d_vars = tf.trainable_variables('discriminator')
    g_vars = tf.trainable_variables('generator')
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        d_train = tf.train.AdamOptimizer(LEARNING_RATE, beta1=BETA1).minimize(d_loss, var_list=d_vars)
        g_train = tf.train.AdamOptimizer(LEARNING_RATE, beta1=BETA1).minimize(g_loss, var_list=g_vars)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(len(data) // BATCH_SIZE * 25):
            batch = data[np.random.randint(0, len(data), BATCH_SIZE)]
            noise = np.random.uniform(-1, 1, [BATCH_SIZE, Z_DIM]).astype(np.float32)
            sess.run(d_train, feed_dict={real: batch, z: noise})
            sess.run(g_train, feed_dict={z: noise})
            if step % 200 == 0:
                preview = sess.run(samples, feed_dict={z: noise[:16]})
                np.save('/tmp/samples_%06d.npy' % step, preview)


if __name__ == '__main__':
    main()
