import tensorflow as tf

slim = tf.contrib.slim


def model(images, labels, is_training):
    bn_params = {'is_training': is_training, 'decay': 0.99}
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    bn_params['updates_collections'] = None
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        return tf.train.AdamOptimizer().minimize(loss)

