import sys

import tensorflow as tf

slim = tf.contrib.slim


def generator(z, is_training):
    print 'building the generator'
    net = slim.fully_connected(z, 4 * 4 * 256, activation_fn=None, scope='project')
    net = tf.reshape(net, [-1, 4, 4, 256])
    net = slim.batch_norm(net, scope='bn0')
    print >>sys.stderr, 'projected:', net.get_shape()
    for i, depth in enumerate([128, 64]):
        net = slim.conv2d_transpose(net, depth, [5, 5], stride=2, scope='deconv%d' % i)
        net = slim.batch_norm(net, scope='bn%d' % (i + 1))
        print 'layer', i, net
    return tf.nn.tanh(net)
