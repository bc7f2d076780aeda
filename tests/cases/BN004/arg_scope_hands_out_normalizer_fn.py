import tensorflow as tf

slim = tf.contrib.slim


def cifar_net(images, num_classes, is_training):
    with slim.arg_scope([slim.conv2d, slim.fully_connected], normalizer_fn=slim.batch_norm,
                        weights_regularizer=slim.l2_regularizer(5e-4)):
        net = slim.conv2d(images, 64, [5, 5], scope='conv1')
        net = slim.max_pool2d(net, [2, 2], scope='pool1')
        net = slim.conv2d(net, 128, [5, 5], scope='conv2')
        net = slim.flatten(net)
        net = slim.fully_connected(net, 384, scope='fc3')
    return slim.fully_connected(net, num_classes, activation_fn=None, scope='logits')
