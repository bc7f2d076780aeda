import tensorflow as tf

slim = tf.contrib.slim


def stack(net, is_training, depths):
    net = slim.conv2d(net, 32, [3, 3], scope='stem')
    for i, depth in
    net = slim.batch_norm(net, scope='stem_bn', is_training=is_training)
    for depth in depths
        net = slim.conv2d(net, depth, [3, 3])
        net = slim.batch_norm(net, is_training=is_training)
    return net
