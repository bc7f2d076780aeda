import tensorflow as tf

slim = tf.contrib.slim


def head(net, **dropout_kwargs):
    return slim.dropout(net, **dropout_kwargs)
