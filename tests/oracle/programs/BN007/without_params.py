# docs/rules/BN007.md's second example: no normalizer_params, so BN004 fires too and both offer one fix
import tf_slim as slim


def block(net, is_training):
    net = slim.conv2d(net, 256, [3, 3], data_format='NCHW', normalizer_fn=slim.batch_norm)
    return net
