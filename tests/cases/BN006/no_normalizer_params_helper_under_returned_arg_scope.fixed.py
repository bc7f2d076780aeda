import tensorflow as tf

slim = tf.contrib.slim


def bn_scope(is_training):
    return slim.arg_scope([slim.batch_norm], is_training=is_training, scale=True)


def _conv(net, depth, trainable):
    return slim.conv2d(net, depth, [3, 3], trainable=trainable, normalizer_fn=slim.batch_norm, normalizer_params={'trainable': trainable})


def backbone(images, is_training, train_backbone):
    with bn_scope(is_training):
        net = _conv(images, 64, train_backbone)
        net = _conv(net, 128, train_backbone)
    return net
