import tensorflow as tf

slim = tf.contrib.slim


def backbone(images, is_training):
    # the first stage is frozen while fine-tuning
    net = slim.conv2d(images, 64, [7, 7], stride=2, trainable=False, normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training, 'trainable': False}, scope='conv1')
    net = slim.max_pool2d(net, [3, 3], stride=2, scope='pool1')
    return slim.conv2d(net, 128, [3, 3], normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training}, scope='conv2')
