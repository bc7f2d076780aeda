from tensorflow.contrib import slim


def train_op_for(images, labels, optimizer, is_training):
    net = slim.conv2d(images, 32, [3, 3], activation_fn=None)
    net = slim.batch_norm(net, is_training=is_training)
    logits = slim.fully_connected(slim.flatten(net), 10, activation_fn=None)
    loss = slim.losses.softmax_cross_entropy(logits, labels)
    return optimizer.minimize(loss)
