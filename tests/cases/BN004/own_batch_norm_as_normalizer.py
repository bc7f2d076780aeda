import tensorflow as tf

slim = tf.contrib.slim


def batch_norm(x, scope=None):
    """Our own: always normalises with the batch statistics, no moving averages."""
    mean, variance = tf.nn.moments(x, [0, 1, 2], keep_dims=True)
    return (x - mean) * tf.rsqrt(variance + 1e-5)


def encode(images):
    return slim.conv2d(images, 32, [3, 3], normalizer_fn=batch_norm)
