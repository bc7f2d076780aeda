import tensorflow as tf

slim = tf.contrib.slim


def encoder(images, is_training, fine_tune):
    bn_params = {'decay': 0.9, 'scale': True}
    bn_params.update({'is_training': is_training, 'epsilon': 1e-3})
    net = slim.conv2d(images, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    head_params = {'decay': 0.9, 'is_training': is_training}
    net = slim.conv2d(net, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=head_params)
    head_params.setdefault('is_training', is_training)
    frozen_params = {'decay': 0.9}
    frozen_params.update(is_training=fine_tune)
    net = slim.conv2d(net, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=frozen_params)
    other_params = {'decay': 0.9}
    other_params.update(load_defaults())
    return slim.conv2d(net, 32, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params=other_params)
