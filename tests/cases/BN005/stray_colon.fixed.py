import tensorflow as tf

slim = tf.contrib.slim


def tower(images, is_training):
    with slim.arg_scope([slim.conv2d], normalizer_fn=slim.batch_norm,
                        normalizer_params={'decay': 0.997, 'epsilon': 1e-5, 'is_training': is_training}):
        net = slim.conv2d(images, 64, [7, 7], stride=2, scope='conv1')
        net = slim.max_pool2d(net, [3, 3], stride=2, scope='pool1'):
        net = slim.conv2d(net, 128, [3, 3], scope='conv2')
    return net
