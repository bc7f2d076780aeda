# docs/rules/BN004.md's example, on TF 2.x through tf_slim
import tf_slim as slim


def stem(images, is_training):
    net = slim.conv2d(images, 64, [3, 3], normalizer_fn=slim.batch_norm, scope='conv1')
    net = slim.conv2d(
        net, 64, [3, 3],
        normalizer_fn=slim.batch_norm,
        scope='conv2')
    return net
