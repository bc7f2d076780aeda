import tensorflow as tf

slim = tf.contrib.slim


def residual(net, depth, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training, decay=0.9):
        normalize = lambda inputs: slim.batch_norm(inputs, scale=True)

        def unit(inputs):
            return tf.nn.relu(normalize(slim.conv2d(inputs, depth, [3, 3], activation_fn=None)))

        shortcut = tf.cond(is_training, lambda: slim.batch_norm(net), lambda: net)
        net = unit(net) + shortcut
        net = tf.map_fn(lambda image: slim.batch_norm(image), net)
    return net


def head(net, is_training):
    normalize = lambda inputs: slim.batch_norm(inputs, is_training=is_training)
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        def later(inputs):
            return slim.batch_norm(inputs, is_training=is_training)

    net = normalize(net)
    return later(net)
