import tensorflow as tf
from tensorflow.contrib.layers.python.layers import layers as layers_lib


def depthwise_block(inputs, depth, phase_train):
    net = layers_lib.separable_conv2d(inputs, depth, [3, 3], depth_multiplier=1,
                                      normalizer_fn=layers_lib.batch_norm,
                                      normalizer_params={'is_training': phase_train}, scope='sep_conv')
    return tf.nn.relu6(net)
