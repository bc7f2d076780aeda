import tensorflow as tf

slim = tf.contrib.slim


def encoder(images, is_training):
    def unit(net, depth, training):
        net = slim.conv2d(net, depth, [3, 3], activation_fn=None)
        return tf.nn.relu(slim.batch_norm(net, is_training=training))

    net = unit(images, 32, is_training)
    return unit(net, 64, is_training)
