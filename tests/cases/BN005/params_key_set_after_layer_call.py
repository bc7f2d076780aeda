import tensorflow as tf

slim = tf.contrib.slim


def encoder(images, is_training):
    batch_norm_params = {'decay': 0.997, 'epsilon': 1e-5}
    net = slim.conv2d(images, 64, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params=batch_norm_params)
    batch_norm_params['is_training'] = is_training
    net = slim.conv2d(net, 64, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params=batch_norm_params)
    return net
