"""Acceptance on code no one here wrote: the network modules of the installed tf-slim package
(tf_slim/nets/, read in place; `tf-slim` is in the `test` extra and needs no TensorFlow to be
read) give no findings. Their *_test.py files exercise training mode on purpose: left out.

Several of these modules rely on other modules' arg_scopes (resnet_utils.stack_blocks_dense
runs resnet_v2's bottleneck under the arg_scope resnet_v2() opens; resnet_arg_scope leaves
is_training to the model), so checked file by file they do give findings: the test also
asserts that, to show it exercises the project-wide analysis.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from bnlint import cli


def nets_modules() -> list:
    spec = importlib.util.find_spec("tf_slim")  # finds the package without importing it (it needs TensorFlow)
    assert spec is not None and spec.origin, "tf-slim is not installed: pip install -e '.[test]'"
    nets = Path(spec.origin).parent / "nets"
    return sorted(str(p) for p in nets.glob("*.py") if not p.name.endswith("_test.py"))


def check(capsys, *args: str) -> list:
    status = cli.main(["check", "--format", "json", *args])
    captured = capsys.readouterr()
    assert status in (0, 1), captured.err
    return json.loads(captured.out)


def test_tf_slim_nets_give_no_findings(capsys):
    files = nets_modules()
    assert len(files) >= 10
    findings = check(capsys, *files)
    assert findings == [], "\n".join(f"{f['filename']}:{f['location']['row']} {f['code']}" for f in findings)


def test_tf_slim_nets_need_the_project(capsys):
    alone = check(capsys, "--no-project", *nets_modules())
    assert {Path(f["filename"]).name for f in alone} >= {"resnet_v2.py", "resnet_utils.py"}
