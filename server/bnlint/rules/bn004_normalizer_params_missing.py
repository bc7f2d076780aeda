"""BN004 normalizer-params-missing: normalizer_fn=batch_norm without normalizer_params: batch norm runs with its defaults."""

from __future__ import annotations

from . import Rule


class NormalizerParamsMissing(Rule):
    code = "BN004"
    name = "normalizer-params-missing"
    summary = "normalizer_fn=batch_norm without normalizer_params: batch norm runs with its defaults"

    def check(self, ctx):
        return ()
