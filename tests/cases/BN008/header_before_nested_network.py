import tensorflow as tf


def build_train_op(images, labels, training):
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        optimizer = tf.train.GradientDescentOptimizer(0.1)
        with tf.variable_scope('tower'):
            net = tf.layers.conv2d(images, 32, 3)
            net = tf.nn.relu(tf.layers.batch_normalization(net, training=training))
            logits = tf.layers.dense(tf.layers.flatten(net), 10)
            loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
            return optimizer.minimize(loss)
