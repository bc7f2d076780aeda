import tensorflow as tf

slim = tf.contrib.slim


def normalize(net, **bn_kwargs):
    # the caller decides; the keys cannot be seen here
    return slim.batch_norm(net, **bn_kwargs)


def build(images, is_training):
    net = slim.conv2d(images, 16, [3, 3], activation_fn=None)
    return normalize(net, is_training=is_training, scope='bn')
