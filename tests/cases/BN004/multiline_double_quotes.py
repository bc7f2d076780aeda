import tensorflow as tf
from tensorflow.contrib import slim, layers


def fc_head(net, is_training, num_classes):
    net = slim.flatten(net, scope="flatten")
    net = layers.fully_connected(
        net,
        1024,
        normalizer_fn=layers.batch_norm,
        scope="fc6")
    return layers.fully_connected(net, num_classes, activation_fn=None, scope="logits")
