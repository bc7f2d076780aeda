"""BN001 update-ops-not-run: Train op built without running the batch-norm updates in UPDATE_OPS."""

from __future__ import annotations

from . import Rule


class UpdateOpsNotRun(Rule):
    code = "BN001"
    name = "update-ops-not-run"
    summary = "Train op built without running the batch-norm updates in UPDATE_OPS"

    def check(self, ctx):
        return ()
