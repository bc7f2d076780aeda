import tensorflow as tf

slim = tf.contrib.slim

TRAIN_BACKBONE = True
FREEZE_STEM = False


def backbone(images, is_training):
    bn_params = {'is_training': is_training, 'scale': True}
    net = slim.conv2d(images, 64, [7, 7], trainable=TRAIN_BACKBONE,
                      normalizer_fn=slim.batch_norm, normalizer_params=bn_params)
    net = slim.conv2d(net, 64, [3, 3], trainable=not FREEZE_STEM,
                      normalizer_fn=slim.batch_norm, normalizer_params={'is_training': is_training})
    return net
