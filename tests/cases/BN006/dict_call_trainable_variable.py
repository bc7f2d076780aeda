import tensorflow as tf

slim = tf.contrib.slim


def tower(images, is_training, train_backbone):
    return slim.conv2d(images, 32, [3, 3], trainable=train_backbone,
                       normalizer_fn=slim.batch_norm, normalizer_params=dict(is_training=is_training))
