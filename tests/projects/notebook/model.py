import tensorflow as tf

slim = tf.contrib.slim


def classifier(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm)
        return slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
