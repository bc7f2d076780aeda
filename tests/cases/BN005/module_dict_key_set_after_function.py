import tensorflow as tf

slim = tf.contrib.slim


def stem(images):
    return slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=BN_PARAMS)


BN_PARAMS = {'decay': 0.997, 'epsilon': 1e-5}
BN_PARAMS['is_training'] = tf.placeholder_with_default(False, [], name='is_training')
