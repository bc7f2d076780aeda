import tensorflow.compat.v1 as tf
from tf_slim import layers


def upsample(net, skip, is_training):
    net = layers.conv2d_transpose(net, 64, 3, stride=2, normalizer_fn=layers.batch_norm)
    return tf.concat([net, skip], axis=-1)
