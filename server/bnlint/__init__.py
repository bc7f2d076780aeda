"""bnlint: finds TensorFlow batch-normalization pitfalls and fixes them."""

__version__ = "0.1.0"
