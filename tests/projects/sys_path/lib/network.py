import tensorflow.contrib.slim as slim


def tower(x, is_training):
    return slim.conv2d(x, 16, [3, 3], normalizer_fn=slim.batch_norm,
                       normalizer_params={"is_training": is_training})
