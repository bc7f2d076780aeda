import tensorflow as tf

slim = tf.contrib.slim


def conv_block(net, depth, is_training):
    net = slim.conv2d(net, depth, [3, 3], activation_fn=None)
    return tf.nn.relu(slim.batch_norm(net, is_training=is_training))


def classifier(images, is_training):
    net = conv_block(images, 32, is_training)
    net = conv_block(net, 64, is_training)
    return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
