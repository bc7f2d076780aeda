import tensorflow.compat.v1 as tf
import tf_slim as slim


def residual_block(inputs, filters, training):
    shortcut = inputs
    net = slim.conv2d(inputs, filters, [3, 3], activation_fn=None)
    net = slim.batch_norm(
        net,
        decay=0.997,
        epsilon=1e-5,
    )
    return tf.nn.relu(net + shortcut)
