import tensorflow.compat.v1 as tf
import tf_slim as slim


def frozen_decoder(net, training):
    net = slim.conv2d_transpose(net, 64, [4, 4], stride=2, trainable=False,
                                normalizer_fn=slim.batch_norm, normalizer_params={'is_training': training, 'trainable': False})
    return tf.nn.tanh(slim.conv2d(net, 3, [3, 3], activation_fn=None))
