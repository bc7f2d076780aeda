import tensorflow as tf

slim = tf.contrib.slim


def separable_block(net, depth, is_training):
    batch_norm_params = {'decay': 0.9997, 'epsilon': 0.001, 'scale': True}
    net = slim.separable_conv2d(net, None, [3, 3], depth_multiplier=1, activation_fn=None)
    net = slim.batch_norm(net, **batch_norm_params, is_training=is_training)
    net = tf.nn.relu6(net)
    return slim.conv2d(net, depth, [1, 1], activation_fn=tf.nn.relu6)
