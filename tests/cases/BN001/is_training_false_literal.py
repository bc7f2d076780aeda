import tensorflow as tf

slim = tf.contrib.slim


def frozen_features(images):
    # a pretrained extractor used strictly in inference mode
    with slim.arg_scope([slim.conv2d], trainable=False):
        net = slim.conv2d(images, 64, [3, 3], activation_fn=None)
        net = slim.batch_norm(net, is_training=False)
    return slim.flatten(net)


def train_head(images, labels):
    logits = slim.fully_connected(frozen_features(images), 10, activation_fn=None)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    return tf.train.AdamOptimizer(1e-3).minimize(loss)
