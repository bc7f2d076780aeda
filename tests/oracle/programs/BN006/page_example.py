# docs/rules/BN006.md's example, on TF 2.x through tf_slim
import tf_slim as slim


def frozen_stem(images, is_training):
    net = slim.conv2d(images, 64, [7, 7], stride=2, trainable=False,
                      normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training, 'scale': True},
                      scope='conv1')
    return net
