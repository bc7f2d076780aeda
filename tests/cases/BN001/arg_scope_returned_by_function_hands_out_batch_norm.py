import tensorflow as tf

slim = tf.contrib.slim


def inception_arg_scope(weight_decay=0.00004, use_batch_norm=True):
    batch_norm_params = {'decay': 0.9997, 'epsilon': 0.001}
    return slim.arg_scope([slim.conv2d, slim.fully_connected],
                          weights_regularizer=slim.l2_regularizer(weight_decay),
                          normalizer_fn=slim.batch_norm,
                          normalizer_params=batch_norm_params)


def train(images, labels, is_training):
    with inception_arg_scope():
        with slim.arg_scope([slim.batch_norm], is_training=is_training):
            net = slim.conv2d(images, 32, [3, 3])
            logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    return tf.train.RMSPropOptimizer(0.045).minimize(loss)
