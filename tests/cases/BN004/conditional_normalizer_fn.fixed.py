import tensorflow as tf

slim = tf.contrib.slim


def discriminator(images, is_training):
    net = images
    for i, depth in enumerate([64, 128, 256]):
        net = slim.conv2d(net, depth, [4, 4], stride=2, activation_fn=tf.nn.leaky_relu,
                          normalizer_fn=slim.batch_norm if i > 0 else None,
                          normalizer_params={'is_training': is_training})
    return slim.fully_connected(slim.flatten(net), 1, activation_fn=None)
