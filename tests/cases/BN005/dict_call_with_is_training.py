import tensorflow as tf
from tensorflow.contrib import slim, layers


def encoder(images, is_training):
    params = dict(is_training=is_training, decay=0.9, updates_collections=None)
    return layers.conv2d(images, 32, [3, 3], normalizer_fn=layers.batch_norm, normalizer_params=params)
