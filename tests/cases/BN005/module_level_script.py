import tensorflow as tf
from tf_slim import layers

x = tf.placeholder(tf.float32, [None, 784])
is_training = tf.placeholder_with_default(False, [], name='is_training')
BN_PARAMS = {'decay': 0.9, 'scale': True}
net = layers.fully_connected(x, 100, normalizer_fn=layers.batch_norm, normalizer_params=BN_PARAMS)
logits = layers.fully_connected(net, 10, activation_fn=None)
