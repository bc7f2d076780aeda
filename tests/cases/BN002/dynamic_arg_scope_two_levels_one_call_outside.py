import tensorflow as tf

slim = tf.contrib.slim


def bn_relu(net):
    return tf.nn.relu(slim.batch_norm(net))


def conv_unit(net, depth):
    return bn_relu(slim.conv2d(net, depth, [3, 3], activation_fn=None))


def network(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = conv_unit(images, 32)
        return conv_unit(net, 64)


def export_features(images):
    return conv_unit(images, 32)
