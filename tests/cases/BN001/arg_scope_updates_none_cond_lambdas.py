import tensorflow as tf
from tensorflow.contrib.framework import arg_scope
from tensorflow.contrib.layers import batch_norm


def batch_norm_layer(x, train_phase, scope_bn):
    with arg_scope([batch_norm], decay=0.9, center=True, scale=True,
                   updates_collections=None, scope=scope_bn):
        return tf.cond(train_phase,
                       lambda: batch_norm(x, is_training=True, reuse=None),
                       lambda: batch_norm(x, is_training=False, reuse=True))


def model(images, labels, train_phase):
    net = tf.layers.conv2d(images, 32, 3)
    net = tf.nn.relu(batch_norm_layer(net, train_phase, 'bn1'))
    logits = tf.layers.dense(tf.layers.flatten(net), 10)
    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
    return tf.train.AdamOptimizer(1e-3).minimize(loss)
