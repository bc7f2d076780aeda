import tensorflow as tf

from mylib.model import build


def main(inputs, labels):
    logits = build(inputs, training=True)
    loss = tf.losses.mean_squared_error(labels, logits)
    train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)
    return train_op
