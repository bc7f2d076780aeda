# tests/cases/BN008/with_block_opened_before_network.py on TF 2.x: the block is opened before
# the network is built inside it
import tensorflow.compat.v1 as tf


def build_train_op(images, labels, training):
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        net = tf.layers.conv2d(images, 8, 3)
        net = tf.nn.relu(tf.layers.batch_normalization(net, training=training))
        logits = tf.layers.dense(tf.layers.flatten(net), 10)
        loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
        return tf.train.GradientDescentOptimizer(0.1).minimize(loss)
