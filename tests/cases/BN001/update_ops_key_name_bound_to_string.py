import tensorflow as tf

slim = tf.contrib.slim

UPDATE_OPS_KEY = 'update_ops'


def train(images, loss, is_training):
    net = slim.batch_norm(images, is_training=is_training)
    with tf.control_dependencies(tf.get_collection(UPDATE_OPS_KEY)):
        train_op = tf.train.AdamOptimizer().minimize(loss)
    return net, train_op
