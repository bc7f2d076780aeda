from tensorflow.contrib.layers import batch_norm, dropout, fully_connected


def block(net, phase_train):
    net = fully_connected(net, 512, activation_fn=None)
    net = batch_norm(net, decay=0.9)
    net = dropout(net, keep_prob=0.5)
    return net
