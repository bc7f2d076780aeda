import tensorflow as tf

slim = tf.contrib.slim


def generator(z, is_training):
    net = slim.fully_connected(z, 7 * 7 * 128, normalizer_fn=slim.batch_norm,
                               normalizer_params={'is_training': is_training})
    net = tf.reshape(net, [-1, 7, 7, 128])
    return slim.conv2d_transpose(net, 1, [4, 4], stride=4, activation_fn=tf.nn.tanh)


def train_ops(d_loss, g_loss):
    d_vars = tf.trainable_variables('discriminator')
    g_vars = tf.trainable_variables('generator')
    d_optim = tf.train.AdamOptimizer(2e-4, beta1=0.5).minimize(d_loss, var_list=d_vars)
    g_optim = tf.train.AdamOptimizer(2e-4, beta1=0.5).minimize(g_loss, var_list=g_vars)
    return d_optim, g_optim
