"""bnlint's language server spec for jupyter-lsp (the server side of jupyterlab-lsp).

jupyter-lsp looks for spec finders under the `jupyter_lsp_spec_v1` entry point group, so
`pip install bnlint jupyterlab-lsp` is all JupyterLab needs to start `bnlint serve` for
Python notebooks and files. The finder is a plain function: bnlint does not depend on
jupyter-lsp, which calls it with its manager (unused here).
"""

from __future__ import annotations

import sys
from typing import Any

SPEC_VERSION = 2  # the version of jupyter-lsp's spec schema this follows


def bnlint_spec(manager: Any = None) -> dict:
    return {
        "bnlint": {
            "display_name": "bnlint",
            # the interpreter running Jupyter's server is the one this entry point was installed into
            "argv": [sys.executable, "-m", "bnlint", "serve"],
            "languages": ["python"],
            "mime_types": ["text/python", "text/x-ipython"],
            "version": SPEC_VERSION,
            "env": {"PYTHONUNBUFFERED": "1"},
            "install": {"pip": "pip install bnlint"},
            "urls": {
                "home": "https://github.com/bnlint/bnlint",
                "issues": "https://github.com/bnlint/bnlint/issues",
            },
        }
    }
