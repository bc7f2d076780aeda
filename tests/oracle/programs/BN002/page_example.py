# docs/rules/BN002.md's example, on TF 2.x through tensorflow.compat.v1 and tf_slim
import tensorflow.compat.v1 as tf
import tf_slim as slim


def block(net, is_training):
    net = slim.conv2d(net, 64, [3, 3], activation_fn=None, scope='conv')
    net = slim.batch_norm(net, scope='bn')
    return tf.nn.relu(net)
