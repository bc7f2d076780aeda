"""Editor settings (`bnlint.*`) and the configuration they make together with pyproject.toml.

Settings arrive from `initializationOptions`, from `workspace/configuration` (section
"bnlint", per workspace folder) or pushed with `workspace/didChangeConfiguration`. They are
checked here: a wrong value is reported (one message for all problems) and its default used.
`select`, `ignore` and `severity` are layered over `[tool.bnlint]` of the document's nearest
pyproject.toml; `null` (the VS Code default) means "keep what pyproject.toml says".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

from ..config import Config, ConfigError, find_pyproject, load_pyproject

RUN_MODES = ("onType", "onSave")
DEFAULT_DEBOUNCE_MS = 300  # the VS Code extension's default too (package.json)
MAX_DEBOUNCE_MS = 60_000
CONFIG_KEYS = ("select", "ignore", "severity")
SERVER_KEYS = ("enable", "run", "debounceMs", *CONFIG_KEYS)


@dataclass(frozen=True)
class Settings:
    enable: bool = True
    run: str = "onType"
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    # the validated `select` / `ignore` / `severity` values the user set, for Config.layered
    overrides: Mapping[str, Any] = field(default_factory=dict)


def unwrap_section(raw: Any) -> Any:
    """Accept both {"bnlint": {...}} and the bare {...} (clients differ in what they send)."""
    if isinstance(raw, Mapping) and isinstance(raw.get("bnlint"), Mapping):
        return raw["bnlint"]
    return raw


def parse_settings(raw: Any, source: str) -> tuple[Settings, list[str]]:
    """Settings from a client's value, and a list of problems (each names key and value).

    Keys other than the server's are the client's own (interpreter, trace, ...) and ignored.
    """
    raw = unwrap_section(raw)
    if raw is None:
        return Settings(), []
    if not isinstance(raw, Mapping):
        return Settings(), [f"{source}: expected an object of bnlint settings, got {type(raw).__name__}"]
    problems: list[str] = []
    values: dict[str, Any] = {}

    enable = raw.get("enable")
    if enable is not None:
        if isinstance(enable, bool):
            values["enable"] = enable
        else:
            problems.append(f"{source}: 'enable' must be true or false, got {enable!r}")

    run = raw.get("run")
    if run is not None:
        if run in RUN_MODES:
            values["run"] = run
        else:
            problems.append(f"{source}: 'run' must be \"onType\" or \"onSave\", got {run!r}")

    debounce = raw.get("debounceMs")
    if debounce is not None:
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= MAX_DEBOUNCE_MS:
            values["debounce_ms"] = int(debounce)
        else:
            problems.append(
                f"{source}: 'debounceMs' must be a number of milliseconds from 0 to {MAX_DEBOUNCE_MS}, got {debounce!r}"
            )

    overrides: dict[str, Any] = {}
    for key in CONFIG_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        try:
            Config().layered({key: value}, source=source)  # validates; raises ConfigError
        except ConfigError as exc:
            problems.append(str(exc))
            continue
        overrides[key] = value
    return Settings(overrides=overrides, **values), problems


@dataclass
class _Loaded:
    stamp: tuple[int, int]
    config: Config
    problem: Optional[str]


class ConfigResolver:
    """The Config of a document: nearest pyproject.toml (cached until the file changes on disk)
    with the editor settings on top."""

    def __init__(self) -> None:
        self._loaded: dict[Path, _Loaded] = {}

    def forget(self) -> None:
        """Drop every cached pyproject.toml (one changed, or was created or deleted)."""
        self._loaded.clear()

    def base(self, path: Optional[Path]) -> tuple[Config, Optional[str]]:
        """The pyproject.toml Config for a file, and the problem reading it (defaults then)."""
        if path is None:
            return Config(), None
        try:
            pyproject = find_pyproject(path)
        except OSError:
            return Config(), None
        if pyproject is None:
            return Config(), None
        try:
            stat = pyproject.stat()
        except OSError:
            return Config(), None
        stamp = (stat.st_mtime_ns, stat.st_size)
        loaded = self._loaded.get(pyproject)
        if loaded is None or loaded.stamp != stamp:
            try:
                loaded = _Loaded(stamp, load_pyproject(pyproject), None)
            except ConfigError as exc:
                loaded = _Loaded(stamp, Config(root=pyproject.parent), f"{exc}; using the defaults")
            self._loaded[pyproject] = loaded
        return loaded.config, loaded.problem

    def config_for(self, path: Optional[Path], settings: Settings) -> tuple[Config, Optional[str]]:
        base, problem = self.base(path)
        if not settings.overrides:
            return base, problem
        # overrides were validated by parse_settings, so this cannot raise
        return base.layered(settings.overrides, source="editor settings"), problem
