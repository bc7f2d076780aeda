import tensorflow as tf

slim = tf.contrib.slim


def build(images, labels, is_training):
    bn_params = {'is_training': is_training, 'updates_collections': None}
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    net = slim.batch_norm(slim.conv2d(net, 32, [3, 3], activation_fn=None), is_training=is_training,
                          updates_collections=None)
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    return tf.train.AdamOptimizer(1e-3).minimize(loss)
