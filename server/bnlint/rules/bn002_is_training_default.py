"""BN002 is-training-default: contrib/slim batch_norm without is_training (defaults to True)."""

from __future__ import annotations

from . import Rule


class IsTrainingDefault(Rule):
    code = "BN002"
    name = "is-training-default"
    summary = "contrib/slim batch_norm without is_training (defaults to True)"

    def check(self, ctx):
        return ()
