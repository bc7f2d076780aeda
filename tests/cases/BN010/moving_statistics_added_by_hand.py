import tensorflow as tf


def build_saver(images, is_training):
    net = tf.layers.conv2d(images, 16, 3)
    net = tf.layers.batch_normalization(net, training=is_training)
    var_list = tf.trainable_variables()
    g_list = tf.global_variables()
    bn_moving_vars = [g for g in g_list if 'moving_mean' in g.name]
    bn_moving_vars += [g for g in g_list if 'moving_variance' in g.name]
    var_list += bn_moving_vars
    return tf.train.Saver(var_list=var_list, max_to_keep=5)
