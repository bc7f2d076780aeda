import tensorflow as tf
from tensorflow.contrib import slim, layers


def projection(net, is_training, num_outputs=128):
    net = slim.flatten(net)
    net = layers.fully_connected(net, num_outputs, activation_fn=None)
    net = layers.batch_norm(net, **{'decay': 0.99, 'scale': True}, is_training=is_training)
    return tf.nn.relu(net)
