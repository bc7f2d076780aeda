try:
    from tf_slim import *
except ImportError:
    from tensorflow.contrib.slim import *


def head(net, is_training):
    net = conv2d(net, 256, [1, 1], normalizer_fn=batch_norm)
    return fully_connected(flatten(net), 10, activation_fn=None)
