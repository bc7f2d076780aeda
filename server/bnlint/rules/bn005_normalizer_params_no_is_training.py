"""BN005 normalizer-params-no-is-training: normalizer_params without 'is_training'."""

from __future__ import annotations

from . import Rule


class NormalizerParamsNoIsTraining(Rule):
    code = "BN005"
    name = "normalizer-params-no-is-training"
    summary = "normalizer_params without 'is_training'"

    def check(self, ctx):
        return ()
