"""Property: `bnlint check` over the bundled examples with some files mangled never crashes.

A seeded, randomized test (hypothesis): copy examples/, mangle one to three of its files
(truncated, bytes flipped or inserted, NUL bytes, re-encoded as UTF-16 / Latin-1 / with a
BOM or a coding declaration, line ends changed, lines deleted or duplicated; notebooks also
in their JSON: cells of the wrong type, sources that are not text, nesting, huge numbers),
then run the real command, as `check --format json` or `check --fix`. It asserts:
- no traceback and no "internal error" anywhere;
- every error line names one of the mangled files, and the exit status is as documented:
  2 when a file could not be checked, else 1 with findings, else 0;
- every file left alone is reported (and, with --fix, fixed) exactly as in the untouched folder.

BNLINT_PROPERTY_LONG=1 runs many more mutations (BNLINT_PROPERTY_MUTATIONS sets how many,
BNLINT_PROPERTY_SEED the seed); with `-s` it prints what it ran.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest
from cli_support import err, out, run_bnlint
from hypothesis import HealthCheck, Phase, given, note, seed, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
LONG = os.environ.get("BNLINT_PROPERTY_LONG") == "1"
RUNS = int(os.environ.get("BNLINT_PROPERTY_MUTATIONS", "1000" if LONG else "6"))
SEED = int(os.environ.get("BNLINT_PROPERTY_SEED", "8"))
PHASES = [Phase.explicit, Phase.generate] + ([Phase.shrink] if os.environ.get("BNLINT_PROPERTY_SHRINK") == "1" else [])
CHECKED = sorted(p.name for p in EXAMPLES.iterdir() if p.suffix in (".py", ".ipynb"))
STATS: Counter = Counter()


def teardown_module(module) -> None:
    mutations = ", ".join(f"{name} {n}" for name, n in sorted(STATS.items()) if not name.startswith("_"))
    print(
        f"\nCLI mutations (seed {SEED}): {STATS['_runs']} runs, {STATS['_files']} files mangled,"
        f" {STATS['_errors']} reported as unreadable; exit statuses {dict(sorted((k[7:], v) for k, v in STATS.items() if k.startswith('_status')))};"
        f" mutations: {mutations}"
    )


def records_by_file(proc) -> dict[str, list]:
    found: dict[str, list] = {}
    for record in json.loads(out(proc)):
        found.setdefault(record["filename"], []).append(record)
    return found


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """The untouched folder's reports (check, and check --fix), and each file after --fix."""
    folder = tmp_path_factory.mktemp("baseline") / "examples"
    shutil.copytree(EXAMPLES, folder)
    proc = run_bnlint("check", "--format", "json", ".", cwd=folder)
    assert proc.returncode == 1, err(proc)
    report = records_by_file(proc)
    fixed = tmp_path_factory.mktemp("baseline-fixed") / "examples"
    shutil.copytree(EXAMPLES, fixed)
    proc = run_bnlint("check", "--fix", "--format", "json", ".", cwd=fixed)
    assert proc.returncode in (0, 1), err(proc)
    return {"check": report, "fix": records_by_file(proc)}, {name: (fixed / name).read_bytes() for name in CHECKED}


# ---- mutations: bytes in, bytes out ------------------------------------------------------------


def truncate(raw: bytes, data) -> bytes:
    return raw[: data.draw(st.integers(0, max(0, len(raw) - 1)), label="keep bytes")]


def flip_bytes(raw: bytes, data) -> bytes:
    out = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 6), label="flips")):
        if out:
            at = data.draw(st.integers(0, len(out) - 1), label="at")
            out[at] ^= data.draw(st.integers(1, 255), label="xor")
    return bytes(out)


def insert_bytes(raw: bytes, data) -> bytes:
    piece = data.draw(
        st.sampled_from(
            [b"\x00", b"\xff\xfe", b"\xc3", b"\xe2\x80\xa8", b"\x0c", b"\r", b"\x85", "\U0001d518".encode(), b"(((", b'"""', b"\\"]
        ),
        label="inserted",
    )
    at = data.draw(st.integers(0, len(raw)), label="at")
    return raw[:at] + piece + raw[at:]


def reencode(raw: bytes, data) -> bytes:
    text = raw.decode("utf-8", "replace")
    how = data.draw(st.sampled_from(["utf-16", "utf-8-sig", "latin-1", "latin-1 declared", "bogus declared", "cp1252 declared"]), label="encoding")
    text = "# caf\u00e9 \u00fcber\n" + text
    if how == "latin-1 declared":
        return ("# -*- coding: latin-1 -*-\n" + text).encode("latin-1", "replace")
    if how == "cp1252 declared":
        return ("# coding: cp1252\n" + text).encode("cp1252", "replace")
    if how == "bogus declared":
        return ("# coding: no-such-codec\n" + text).encode("utf-8")
    return text.encode(how, "replace")


def line_ends(raw: bytes, data) -> bytes:
    ending = data.draw(st.sampled_from([b"\r\n", b"\r", b"\x0c\n", b"\n\n"]), label="line end")
    return raw.replace(b"\r\n", b"\n").replace(b"\n", ending)


def delete_lines(raw: bytes, data) -> bytes:
    lines = raw.split(b"\n")
    first = data.draw(st.integers(0, len(lines) - 1), label="first line")
    return b"\n".join(lines[:first] + lines[first + data.draw(st.integers(1, 20), label="lines") :])


def duplicate_chunk(raw: bytes, data) -> bytes:
    a = data.draw(st.integers(0, len(raw)), label="from")
    b = data.draw(st.integers(a, min(len(raw), a + 2000)), label="to")
    return raw[:b] + raw[a:b] + raw[b:]


def empty(raw: bytes, data) -> bytes:
    return b""


BYTE_MUTATIONS = {
    "truncate": truncate,
    "flip bytes": flip_bytes,
    "insert bytes": insert_bytes,
    "re-encode": reencode,
    "line ends": line_ends,
    "delete lines": delete_lines,
    "duplicate chunk": duplicate_chunk,
    "empty": empty,
}


def notebook_json(raw: bytes, data) -> bytes:
    """The notebook's JSON, valid, with a structure a notebook should not have."""
    try:
        nb = json.loads(raw)
    except (ValueError, RecursionError):
        # an earlier mutation of this run already made it unreadable (or nested it past
        # json's limit): there is no structure left to change, keep it as it is
        return raw
    how = data.draw(
        st.sampled_from(
            [
                "source is a number",
                "source has a number",
                "cell is a list",
                "cells is a dict",
                "no cells",
                "cell type unknown",
                "outputs nested deep",
                "huge number",
                "metadata language",
                "top level is a list",
                "source has lone surrogate",
            ]
        ),
        label="notebook change",
    )
    cells = nb["cells"]
    index = data.draw(st.integers(0, len(cells) - 1), label="cell")
    if how == "source is a number":
        cells[index]["source"] = 42
    elif how == "source has a number":
        cells[index]["source"] = ["x = 1\n", 7, None]
    elif how == "cell is a list":
        cells[index] = ["code", "x = 1"]
    elif how == "cells is a dict":
        nb["cells"] = {"0": cells[0]}
    elif how == "no cells":
        del nb["cells"]
    elif how == "cell type unknown":
        cells[index]["cell_type"] = data.draw(st.sampled_from(["raw", "Code", "", None, 3]), label="cell type")
    elif how == "outputs nested deep":
        depth = data.draw(st.sampled_from([50, 900, 5000, 100_000]), label="depth")
        text = json.dumps(nb)
        return (text[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}").encode()
    elif how == "huge number":
        text = json.dumps(nb)
        return (text[:-1] + ', "n": ' + "9" * 5000 + "}").encode()
    elif how == "metadata language":
        nb["metadata"] = data.draw(st.sampled_from([{"kernelspec": {"language": "R"}}, {"language_info": 5}, [], "x"]), label="metadata")
    elif how == "top level is a list":
        nb = [nb]
    else:
        cells[index]["source"] = ["x = '\ud800'\n", "y = tf.contrib.layers.batch_norm(x)\n"]
    return json.dumps(nb, indent=data.draw(st.sampled_from([None, 1]), label="indent")).encode("utf-8", "surrogatepass")


@settings(
    max_examples=RUNS,
    deadline=None,
    database=None,
    print_blob=True,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@seed(SEED)
@given(data=st.data())
def test_mangled_files_never_crash_and_the_others_are_still_reported(baseline, tmp_path_factory, data):
    reports, fixed = baseline
    folder = tmp_path_factory.mktemp("mangled") / "examples"
    shutil.copytree(EXAMPLES, folder)
    mangled = data.draw(st.lists(st.sampled_from(CHECKED), min_size=1, max_size=3, unique=True), label="files")
    for name in mangled:
        raw = (folder / name).read_bytes()
        choices = sorted(BYTE_MUTATIONS) + (["notebook json"] * 3 if name.endswith(".ipynb") else [])
        for _ in range(data.draw(st.integers(1, 2), label="mutations")):
            how = data.draw(st.sampled_from(choices), label=f"mutation of {name}")
            STATS[how] += 1
            try:
                raw = notebook_json(raw, data) if how == "notebook json" else BYTE_MUTATIONS[how](raw, data)
            except (ValueError, KeyError, IndexError, TypeError, AttributeError):
                pass  # an earlier mutation left no notebook JSON to change: keep the bytes
            note(f"{name}: {how}")
        (folder / name).write_bytes(raw)
    mode = data.draw(st.sampled_from(["check", "check", "fix"]), label="mode")
    args = ["check", "--format", "json", "."] if mode == "check" else ["check", "--fix", "--format", "json", "."]
    proc = run_bnlint(*args, cwd=folder)
    STATS["_runs"] += 1
    STATS["_files"] += len(mangled)
    STATS[f"_status{proc.returncode}"] += 1

    stderr, stdout = err(proc), out(proc)
    assert "Traceback" not in stderr + stdout, stderr
    assert "internal error" not in stderr + stdout, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("bnlint: error: ")]
    STATS["_errors"] += len(errors)
    for line in errors:
        assert any(line.startswith(f"bnlint: error: {name}: ") for name in mangled), line
    found = records_by_file(proc)
    assert proc.returncode == (2 if errors else 1 if found else 0), stderr
    for name in CHECKED:
        if name in mangled:
            continue
        assert found.get(name) == reports[mode].get(name), f"{name} is reported differently beside {mangled}"
        if mode == "fix":
            assert (folder / name).read_bytes() == fixed[name], f"{name} is fixed differently beside {mangled}"
