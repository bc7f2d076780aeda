import tensorflow as tf

slim = tf.contrib.slim


def frozen_transformer_ffn(x):
    return slim.fully_connected(x, 2048, trainable=False, normalizer_fn=slim.layer_norm)
