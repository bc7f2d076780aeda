import tensorflow as tf
from tf_slim import layers

training = tf.placeholder_with_default(True, shape=(), name='training')


def tower(images, is_training):
    def block(x, depth, name):
        x = layers.conv2d(x, depth, 3, activation_fn=None, scope=name + '/conv')
        x = layers.batch_norm(x, scope=name + '/bn', is_training=is_training)
        return tf.nn.relu(x)

    net = block(images, 32, 'block1')
    return block(net, 64, 'block2')
