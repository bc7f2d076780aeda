import tensorflow as tf
import tensorflow.contrib.slim as slim


def bn_relu(net, is_training, scope):
    net = slim.batch_norm(net, scope=scope, **{'is_training': is_training, 'decay': 0.99})
    return tf.nn.relu(net)
