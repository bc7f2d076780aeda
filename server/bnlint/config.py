"""Configuration: `[tool.bnlint]` in the nearest pyproject.toml, with overrides layered on top.

The CLI and the server both build a `Config` here; the analysis core only reads one.
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any, Mapping, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

from .findings import SEVERITIES
from .rules import RULE_CODES


class ConfigError(ValueError):
    """A configuration value is wrong. The message names the key and where it came from."""


@dataclass(frozen=True)
class Config:
    select: Optional[frozenset[str]] = None  # None: every rule
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, str] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    root: Optional[Path] = None  # folder of the pyproject.toml this came from; exclude globs are relative to it

    def enabled(self, code: str) -> bool:
        if code in self.ignore:
            return False
        return self.select is None or code in self.select

    def severity_of(self, code: str, default: str) -> str:
        return self.severity.get(code, default)

    def is_excluded(self, path: Path) -> bool:
        if not self.exclude:
            return False
        path = Path(path).absolute()
        try:
            rel = PurePosixPath(path.relative_to(self.root).as_posix()) if self.root else PurePosixPath(path.as_posix())
        except ValueError:
            rel = PurePosixPath(path.as_posix())
        text = str(rel)
        for pattern in self.exclude:
            pattern = pattern.rstrip("/")
            if fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(path.name, pattern):
                return True
            # a pattern naming a folder excludes everything under it
            if any(fnmatch.fnmatch(str(parent), pattern) for parent in rel.parents if str(parent) != "."):
                return True
        return False

    def layered(self, overrides: Mapping[str, Any], source: str = "settings") -> "Config":
        """This config with `overrides` (same keys as [tool.bnlint]) on top. Raises ConfigError."""
        parsed = parse_options(overrides, source)
        changes: dict[str, Any] = {}
        if "select" in parsed:
            changes["select"] = parsed["select"]
        if "ignore" in parsed:
            changes["ignore"] = parsed["ignore"]
        if "severity" in parsed:
            changes["severity"] = {**self.severity, **parsed["severity"]}
        if "exclude" in parsed:
            changes["exclude"] = parsed["exclude"]
        return replace(self, **changes)


def _codes(value: Any, key: str, source: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of rule codes like [\"BN001\"], got {value!r}")
    items = [item.strip().upper() for item in value]
    if key == "select" and not any(items):
        # running no rule at all is never what was meant: a typo, or an empty variable
        raise ConfigError(
            f"{source}: 'select' selects no rule; name at least one code like [\"BN001\"], or leave it out for every rule"
        )
    codes = set()
    for item in items:
        matched = {c for c in RULE_CODES if c.startswith(item)} if item else set()
        if not matched:
            raise ConfigError(f"{source}: '{key}' has unknown rule code {item!r} (known: {', '.join(RULE_CODES)})")
        codes |= matched
    return frozenset(codes)


def parse_options(options: Mapping[str, Any], source: str) -> dict[str, Any]:
    """Validate a [tool.bnlint]-shaped mapping. Unknown keys are an error, so typos are seen."""
    if not isinstance(options, Mapping):
        raise ConfigError(f"{source}: expected a table of options, got {type(options).__name__}")
    parsed: dict[str, Any] = {}
    for key, value in options.items():
        if key in ("select", "ignore"):
            if value is None:
                continue
            parsed[key] = _codes(value, key, source)
        elif key == "severity":
            if not isinstance(value, Mapping):
                raise ConfigError(f"{source}: 'severity' must be a table like {{BN001 = \"error\"}}, got {value!r}")
            severities = {}
            for code, level in value.items():
                codes = _codes([code], "severity", source)
                if not isinstance(level, str) or level.lower() not in SEVERITIES:
                    raise ConfigError(
                        f"{source}: 'severity.{code}' must be one of {', '.join(SEVERITIES)}, got {level!r}"
                    )
                for c in codes:
                    severities[c] = level.lower()
            parsed[key] = severities
        elif key == "exclude":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: 'exclude' must be a list of glob patterns, got {value!r}")
            parsed[key] = tuple(value)
        else:
            raise ConfigError(f"{source}: unknown option '{key}' (known: select, ignore, severity, exclude)")
    return parsed


def find_pyproject(start: Path) -> Optional[Path]:
    """The nearest pyproject.toml at or above `start` (a file or a folder)."""
    start = Path(start).absolute()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file():
            return path
    return None


def _read_toml(path: Path, cannot: str) -> dict:
    """The TOML document of a file. Raises ConfigError naming the file and the problem."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ConfigError(f"{path}: {cannot}: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: {cannot}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {cannot}: {exc}") from exc
    except ValueError as exc:  # an integer too long to convert, for one
        raise ConfigError(f"{path}: {cannot}: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: {cannot}: arrays or tables nested too deeply") from None


def _tool_table(data: dict, path: Path) -> Optional[Any]:
    """`[tool.bnlint]` of a TOML document, None when there is none."""
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table ([tool.bnlint] lives in it), got {_toml_type(tool)}")
    return tool.get("bnlint")


def _toml_type(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "an array"}.get(
        type(value), type(value).__name__
    )


def load_pyproject(path: Path) -> Config:
    """The Config of one pyproject.toml. Raises ConfigError for unreadable TOML or bad values."""
    table = _tool_table(_read_toml(path, "cannot read"), path)
    base = Config(root=path.parent)
    return base if table is None else base.layered(table, source=f"{path} [tool.bnlint]")


def load_config_file(path: Path) -> Config:
    """The Config of a file named with `--config`: its [tool.bnlint] table when it has a `tool`
    table (a pyproject.toml), else its top-level keys (a bnlint-only file). Exclude globs are
    relative to its folder. Raises ConfigError."""
    path = Path(path)
    data = _read_toml(path, "cannot read the configuration")
    if "tool" in data:
        table, source = _tool_table(data, path), f"{path} [tool.bnlint]"
    else:
        table, source = data, str(path)
    base = Config(root=path.absolute().parent)
    return base if table is None else base.layered(table, source=source)
