"""The on-disk cache of `bnlint check`: a file's results, kept between runs.

`.bnlint_cache/` sits at the project root (beside the pyproject.toml the configuration came
from, else in the current folder) and ignores itself for git. An entry is named by a digest
of everything a file's results depend on:
- the file's bytes and its absolute path (the path decides .py or .ipynb and the project view),
- the resolved configuration (select, ignore, severity),
- the project-wide inputs: `project.Project.fingerprint(path)` when the file is checked with
  the project around it, or which pass of a project run it is,
- bnlint itself: its version and the size and modification time of each of its modules (a
  development checkout changes without a new version).
Only `check` uses the cache: `--fix` and `--diff` read and write none, so a fix never comes
from an entry for another text.

Entries are JSON, written to a temporary file and moved into place with os.replace, so that
concurrent runs never see half an entry. JSON rather than pickle: the cache folder may come
with a checked-out repository, and reading it must not run code. Decoding builds only the
dataclasses listed below. A corrupt, foreign or older entry is ignored (the file is checked).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any, Optional

from . import __version__

CACHE_FOLDER = ".bnlint_cache"
FORMAT = 1  # bump when the entry layout changes


def folder_for(root: Optional[Path]) -> Path:
    return Path(root or Path.cwd()) / CACHE_FOLDER


_SELF: Optional[str] = None


def _bnlint_identity() -> str:
    """bnlint's version and the size and mtime of each of its modules."""
    global _SELF
    if _SELF is None:
        package = Path(__file__).parent
        parts = [__version__, str(FORMAT)]
        for path in sorted(package.rglob("*.py")):
            try:
                stat = path.stat()
            except OSError:
                continue
            parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
        _SELF = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return _SELF


def config_identity(config) -> str:
    """What of a Config changes findings (exclude and root only decide which files are checked)."""
    return json.dumps(
        [
            sorted(config.select) if config.select is not None else None,
            sorted(config.ignore),
            sorted(config.severity.items()),
        ]
    )


def key(path: str, content: bytes, config, project_inputs: str) -> str:
    digest = hashlib.sha256()
    for part in (_bnlint_identity(), os.path.abspath(path), config_identity(config), project_inputs):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    digest.update(content)
    return digest.hexdigest()


def load(folder: Path, name: str) -> Optional[dict]:
    """The entry stored under `name`, or None (missing, unreadable, corrupt or foreign)."""
    try:
        with open(folder / f"v{FORMAT}" / f"{name}.json", "rb") as handle:
            # objects are rebuilt as the JSON is read (a hook per object), not in a second walk
            entry = json.loads(handle.read(), object_hook=_decode_object)
        if not isinstance(entry, dict) or entry.get("key") != name:
            return None
        return entry["value"]
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, checking the file is the answer
        return None


def store(folder: Path, name: str, value: dict) -> None:
    """Write an entry atomically; a cache that cannot be written is no error (e.g. read-only)."""
    entries = folder / f"v{FORMAT}"
    try:
        if not entries.is_dir():
            entries.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                _write_atomic(folder, ignore, b"# written by bnlint: the cache is not source\n*\n")
        _write_atomic(entries, entries / f"{name}.json", json.dumps({"key": name, "value": encode(value)}).encode())
    except OSError:
        pass


def _write_atomic(folder: Path, target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


# ---- JSON for the results' dataclasses -------------------------------------------------------


def _types() -> dict:
    from . import findings, project, tfapi

    return {
        cls.__name__: cls
        for cls in (
            findings.Position,
            findings.Range,
            findings.TextEdit,
            findings.Fix,
            findings.Related,
            findings.Finding,
            findings.Notice,
            project.ModuleSummary,
            project.ScopeFact,
            project.CallSite,
            tfapi.Api,
        )
    }


_TYPES: Optional[dict] = None


def encode(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name not in (_TYPES or _set_types()):
            raise TypeError(f"not cacheable: {name}")
        return {"$": name, **{f.name: encode(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, frozenset):
        return {"$frozenset": sorted((encode(v) for v in value), key=json.dumps)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {"$dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"not cacheable: {type(value).__name__}")


def _set_types() -> dict:
    global _TYPES
    _TYPES = _types()
    return _TYPES


def _decode_object(value: dict) -> Any:
    """One JSON object of an entry, its members already decoded."""
    if "$" in value:
        cls = (_TYPES or _set_types())[value.pop("$")]  # KeyError for a foreign type: entry ignored
        return cls(**value)
    if "$tuple" in value:
        return tuple(value["$tuple"])
    if "$frozenset" in value:
        return frozenset(value["$frozenset"])
    if "$dict" in value:
        return {k: v for k, v in value["$dict"]}
    if "key" in value and "value" in value:
        return value  # the entry itself
    raise ValueError("unknown object in a cache entry")

