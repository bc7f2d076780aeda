import tensorflow as tf

slim = tf.contrib.slim

BASE_BN_PARAMS = {'decay': 0.997, 'epsilon': 1e-5}


def head(net, extra_params):
    params = {**extra_params, 'scale': True}
    return slim.fully_connected(net, 128, normalizer_fn=slim.batch_norm, normalizer_params=params)
