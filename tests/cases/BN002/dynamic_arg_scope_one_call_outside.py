import tensorflow as tf

slim = tf.contrib.slim


def bn_relu(net, scope):
    net = slim.batch_norm(net, scope=scope)
    return tf.nn.relu(net)


def network(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = bn_relu(slim.conv2d(images, 32, [3, 3], activation_fn=None), 'bn1')
        net = bn_relu(slim.conv2d(net, 64, [3, 3], activation_fn=None), 'bn2')
    # the classifier head was added later, outside the scope
    net = bn_relu(slim.fully_connected(slim.flatten(net), 128, activation_fn=None), 'bn3')
    return slim.fully_connected(net, 10, activation_fn=None)
