import tensorflow as tf

slim = tf.contrib.slim


def vgg_arg_scope(is_training, weight_decay=0.0005):
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        normalizer_fn=slim.batch_norm,
                        normalizer_params={'decay': 0.95, 'center': True, 'is_training': is_training},
                        weights_regularizer=slim.l2_regularizer(weight_decay)) as sc:
        return sc
