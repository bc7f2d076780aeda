import tensorflow as tf

slim = tf.contrib.slim


def alexnet_features(images, is_training):
    with slim.arg_scope([slim.batch_norm], is_training=is_training):
        net = slim.conv2d(images, 64, [11, 11], 4, normalizer_fn=slim.batch_norm,
                          normalizer_params={'decay': 0.9, 'scale': True}, scope='conv1')
        net = slim.max_pool2d(net, [3, 3], 2, scope='pool1')
    return net
