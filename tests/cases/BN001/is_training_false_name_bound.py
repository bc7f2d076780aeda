import tensorflow as tf

slim = tf.contrib.slim

FINE_TUNE_BN = False


def head(features, labels):
    net = slim.fully_connected(features, 256, normalizer_fn=slim.batch_norm,
                               normalizer_params={'is_training': FINE_TUNE_BN})
    net = slim.batch_norm(net, is_training=FINE_TUNE_BN)
    logits = slim.fully_connected(net, 10, activation_fn=None)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    return tf.train.MomentumOptimizer(0.01, 0.9).minimize(loss)
