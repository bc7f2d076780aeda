import tensorflow as tf
from tensorflow.contrib import slim, layers


def conv(net, depth, is_training):
    return layers.conv2d(net, depth, 3, data_format='NCHW', normalizer_fn=layers.batch_norm,
                         normalizer_params=dict(is_training=is_training, decay=0.9, data_format='NCHW'))
