import tensorflow as tf

slim = tf.contrib.slim


def features(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], scope='conv1')
    net = slim.conv2d(net, 64, [3, 3],
                      stride=2
    net = slim.batch_norm(net, scope='bn2', is_training=is_training)
    net = tf.nn.relu(net)
    return net
