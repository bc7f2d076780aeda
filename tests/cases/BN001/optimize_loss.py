import tensorflow as tf


def build(features, labels, is_training):
    net = tf.contrib.layers.fully_connected(features, 128, normalizer_fn=tf.contrib.layers.batch_norm,
                                            normalizer_params={'is_training': is_training})
    logits = tf.contrib.layers.fully_connected(net, 1, activation_fn=None)
    loss = tf.losses.sigmoid_cross_entropy(labels, logits)
    return tf.contrib.layers.optimize_loss(loss, tf.train.get_or_create_global_step(),
                                           learning_rate=0.01, optimizer='Adam')
