import tensorflow as tf
from tensorflow.contrib.layers import batch_norm, conv2d


def feature_extractor(images):
    net = conv2d(images, 32, 3, stride=2, normalizer_fn=batch_norm)
    net = conv2d(net, 64, 3, stride=2, normalizer_fn=batch_norm)
    return tf.reduce_mean(net, axis=[1, 2])
