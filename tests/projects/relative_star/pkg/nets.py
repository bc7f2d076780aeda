from . import layers
from .layers import conv_bn

__all__ = ["net"]


def net(images, is_training):
    x = conv_bn(images, 32, is_training)
    return layers.conv_bn(x, 64, is_training)
