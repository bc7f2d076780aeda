import tensorflow as tf

import model


def build(z, images):
    fake = model.generator(z, is_training=True)
    real_logits = model.discriminator(images, is_training=True)
    fake_logits = model.discriminator(fake, is_training=True, reuse=True)
    d_loss = tf.reduce_mean(fake_logits - real_logits)
    g_loss = -tf.reduce_mean(fake_logits)
    d_vars = tf.trainable_variables("discriminator")
    g_vars = tf.trainable_variables("generator")
    d_step = tf.train.AdamOptimizer(2e-4, beta1=0.5).minimize(d_loss, var_list=d_vars)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope="generator")
    with tf.control_dependencies(update_ops):
        g_step = tf.train.AdamOptimizer(2e-4, beta1=0.5).minimize(g_loss, var_list=g_vars)
    return d_step, g_step
