from tensorflow.compat.v1 import layers, losses, train


def build(images, labels, is_training):
    net = layers.conv2d(images, 32, 3, use_bias=False)
    net = layers.batch_normalization(net, training=is_training)
    logits = layers.dense(layers.flatten(net), 10)
    loss = losses.sparse_softmax_cross_entropy(labels, logits)
    return train.AdamOptimizer(1e-3).minimize(loss)
