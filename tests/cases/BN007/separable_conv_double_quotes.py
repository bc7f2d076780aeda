import tensorflow as tf

slim = tf.contrib.slim


def sep_block(net, is_training):
    bn_params = {"is_training": is_training, "scale": True}
    net = slim.separable_conv2d(net, 128, [3, 3], 1, data_format="NCHW",
                                normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    return tf.nn.relu(net)
