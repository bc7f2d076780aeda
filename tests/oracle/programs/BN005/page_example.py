# docs/rules/BN005.md's example, on TF 2.x through tf_slim
import tf_slim as slim


def tower(net, is_training):
    batch_norm_params = {
        'decay': 0.997,
        'epsilon': 1e-5,
        'scale': True,
    }
    net = slim.conv2d(net, 128, [3, 3], normalizer_fn=slim.batch_norm,
                      normalizer_params=batch_norm_params, scope='conv')
    return net
