import tensorflow as tf

slim = tf.contrib.slim


def build(images, labels, is_training):
    with slim.arg_scope([slim.batch_norm, slim.dropout], is_training=is_training):
        net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm)
        net = slim.dropout(slim.flatten(net), 0.5)
        logits = slim.fully_connected(net, 10, activation_fn=None)
    total_loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    optimizer = tf.train.RMSPropOptimizer(0.001)
    return slim.learning.create_train_op(total_loss, optimizer, clip_gradient_norm=4)
