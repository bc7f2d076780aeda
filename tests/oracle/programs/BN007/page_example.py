# docs/rules/BN007.md's example, on TF 2.x through tf_slim
import tf_slim as slim


def block(net, is_training):
    net = slim.conv2d(net, 256, [3, 3], data_format='NCHW',
                      normalizer_fn=slim.batch_norm,
                      normalizer_params={'is_training': is_training, 'decay': 0.9},
                      scope='conv')
    return net
