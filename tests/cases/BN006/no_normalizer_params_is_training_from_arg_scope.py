import tensorflow as tf

slim = tf.contrib.slim


def frozen_tower(images, is_training, fine_tune):
    with slim.arg_scope([slim.batch_norm], is_training=is_training, decay=0.997):
        net = slim.conv2d(images, 64, [3, 3], trainable=False, normalizer_fn=slim.batch_norm)
        net = slim.conv2d(net, 64, [3, 3], trainable=fine_tune, normalizer_fn=slim.batch_norm,
                          normalizer_params=None)
        net = slim.conv2d(net, 64, [3, 3], trainable=fine_tune, data_format='NCHW',
                          normalizer_fn=slim.batch_norm)
        net = slim.conv2d(net, 64, [3, 3], trainable=True, normalizer_fn=slim.batch_norm)
        net = slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm)
    with slim.arg_scope([slim.batch_norm], is_training=is_training, trainable=fine_tune):
        net = slim.conv2d(net, 64, [3, 3], trainable=fine_tune, normalizer_fn=slim.batch_norm)
    return net
