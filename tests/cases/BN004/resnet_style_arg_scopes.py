import tensorflow as tf

slim = tf.contrib.slim


def resnet_arg_scope(weight_decay=0.0001):
    batch_norm_params = {
        'decay': 0.997,
        'epsilon': 1e-5,
        'scale': True,
        'updates_collections': tf.GraphKeys.UPDATE_OPS,
    }
    with slim.arg_scope([slim.conv2d],
                        weights_regularizer=slim.l2_regularizer(weight_decay),
                        normalizer_fn=slim.batch_norm,
                        normalizer_params=batch_norm_params):
        with slim.arg_scope([slim.batch_norm], **batch_norm_params) as arg_sc:
            return arg_sc


def resnet_stem(images, is_training):
    with slim.arg_scope(resnet_arg_scope()):
        with slim.arg_scope([slim.batch_norm], is_training=is_training):
            net = slim.conv2d(images, 64, [7, 7], stride=2, normalizer_fn=slim.batch_norm, scope='conv1')
            return slim.max_pool2d(net, [3, 3], stride=2, scope='pool1')
