import tensorflow as tf

from pkg import *


def train(images, labels):
    logits = net(images, is_training=True)
    loss = tf.losses.softmax_cross_entropy(labels, logits)
    optimizer = tf.train.MomentumOptimizer(0.1, 0.9)
    return optimizer.minimize(loss)
