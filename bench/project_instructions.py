"""The instructions one warm run executes, per-file or whole-project, for callgrind to count.

Timings on these shared machines swing by half between identical runs; instruction counts
repeat to within 1%. This program builds project_bench.py's project (seed 1), warms up both
arms (imports, astroid, caches: every run after the first is like this), then runs one arm
inside sys.call_tracing, so that callgrind counts that call alone:

    for arm in per_file whole; do
      PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no \\
        --toggle-collect=sys_call_tracing --callgrind-out-file=/dev/null \\
        .venv/bin/python bench/project_instructions.py --files 500 $arm 2>&1 | grep Collected
    done

The ratio of the two "Collected" counts is the cost of the whole-project run against the sum
of per-file runs (target <= 1.3). A measurement, not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import project_bench  # noqa: E402

from bnlint import cli  # noqa: E402
from bnlint.config import Config  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("arm", choices=["per_file", "whole"])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "code"
        project_bench.generate(root, args.files, args.seed)
        files = sorted(str(p) for p in root.rglob("*.py"))
        config = Config()
        alone = [cli.CheckTask(p, p, config, "check") for p in files]
        project = [replace(t, project_root=str(root)) for t in alone]
        cli.collect_per_file()  # as `bnlint check` does (both arms)
        [cli.check_file(t) for t in alone]
        cli.run_project_tasks(project, 1)

        def measured() -> list:
            if args.arm == "per_file":
                return [cli.check_file(t) for t in alone]
            return cli.run_project_tasks(project, 1)

        results = sys.call_tracing(measured, ())
        print(args.arm, len(files), "files,", sum(len(r.findings) for r in results), "findings")


if __name__ == "__main__":
    main()
