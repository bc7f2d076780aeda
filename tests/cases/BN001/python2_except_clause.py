import tensorflow as tf


def build(images, labels, is_training):
    net = tf.contrib.layers.conv2d(images, 32, [3, 3], normalizer_fn=tf.contrib.layers.batch_norm,
                                   normalizer_params={'is_training': is_training})
    logits = tf.contrib.layers.fully_connected(tf.contrib.layers.flatten(net), 10, activation_fn=None)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    optimizer = tf.train.AdamOptimizer(1e-4)
    try:
        train_op = optimizer.minimize(loss, global_step=tf.train.get_global_step())
    except ValueError, e:
        print 'no global step:', e
        train_op = optimizer.minimize(loss)
    return train_op
