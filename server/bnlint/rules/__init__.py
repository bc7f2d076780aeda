"""The rule catalogue. Each rule is one module in this package defining one `Rule` subclass.

Adding a rule: a module `bnXXX_<name>.py` here with a Rule subclass, a page docs/rules/BNXXX.md,
and a folder of cases in tests/cases/BNXXX/. Nothing in the CLI, server or client changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Optional

DOCS_BASE_URL = "https://github.com/bnlint/bnlint/blob/main/docs/rules/"

# rule modules are named after their code (bn004_...); helpers shared by several rules start with "_"
_MODULES = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("bn"))

# Known without importing the rules (and astroid with them): configuration checks codes on
# every run, also the runs that never analyse a file.
RULE_CODES: tuple[str, ...] = tuple(name.split("_", 1)[0].upper() for name in _MODULES)


class Rule:
    """A rule's identity. Subclasses implement `check(ctx)` yielding findings (see bnlint.analysis)."""

    code: str = ""
    name: str = ""
    default_severity: str = "warning"
    summary: str = ""  # one line, for `bnlint rules`

    @classmethod
    def url(cls) -> str:
        return f"{DOCS_BASE_URL}{cls.code}.md"

    def check(self, ctx):  # pragma: no cover - abstract
        """Yield findings for the module in `ctx` (a bnlint.context.Context)."""
        raise NotImplementedError

    def finding(self, range, message: str, fixes=(), related=()):
        from ..findings import Finding

        return Finding(self.code, self.name, message, self.default_severity, range, self.url(), tuple(related), tuple(fixes))


def _load() -> dict[str, type[Rule]]:
    found: dict[str, type[Rule]] = {}
    for module_name in _MODULES:
        module = importlib.import_module(f"{__name__}.{module_name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Rule) and value is not Rule and value.code:
                found[value.code] = value
    return dict(sorted(found.items()))


def __getattr__(name: str):
    # RULES is loaded on first use, so that `import bnlint.rules` stays cheap
    if name == "RULES":
        rules = _load()
        globals()["RULES"] = rules
        return rules
    raise AttributeError(name)


def rule_page(code: str) -> Optional[str]:
    """The markdown page of a rule: shipped inside the wheel, or docs/rules in a source checkout."""
    here = Path(__file__).resolve()
    for folder in (here.parent.parent / "_docs" / "rules", here.parents[3] / "docs" / "rules"):
        page = folder / f"{code}.md"
        if page.is_file():
            return page.read_text(encoding="utf-8")
    return None
