import tensorflow as tf

slim = tf.contrib.slim


def features(images, is_training):
    net = slim.conv2d(images, 32, [3, 3], scope='conv1')
    net = slim.batch_norm(net, scope='bn1')
    return net


def logits(net, num_classes):
    net = slim.fully_connected(net, num_classes, activation_fn=None
