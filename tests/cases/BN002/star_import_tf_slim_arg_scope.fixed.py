from tf_slim import *


def block(net, is_training):
    with arg_scope([batch_norm], is_training=is_training):
        net = batch_norm(net, scale=True)
    return batch_norm(net, scale=True, is_training=is_training)
