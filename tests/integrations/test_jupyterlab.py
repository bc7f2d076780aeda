"""bnlint in a real JupyterLab with jupyterlab-lsp, driven by Playwright in Debian's Chromium.

Nothing configures the language server: jupyter-lsp finds it through bnlint's
`jupyter_lsp_spec_v1` entry point, as after `pip install bnlint jupyterlab-lsp`. The test
starts JupyterLab itself (token auth, a free port on 127.0.0.1, config, data, runtime and
settings folders in a temporary directory), opens a notebook whose cells build a slim model
and call `minimize` in a later cell, and reads the underlines and the diagnostics panel.

Needs `bash scripts/setup/jupyter.sh` (the `jupyter-test` extra) and /usr/bin/chromium
(`bash scripts/setup/vscode.sh`). Screenshots go to test-results/jupyterlab/;
BNLINT_UPDATE_SCREENSHOTS=1 writes docs/images/jupyterlab-diagnostics.png instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from integration_support import REPO, VENV_BIN

CHROMIUM = Path("/usr/bin/chromium")
STEP_TIMEOUT_MS = 90_000  # a wait, not an assertion: the machine may be busy
SCREENSHOTS = (
    REPO / "docs" / "images" if os.environ.get("BNLINT_UPDATE_SCREENSHOTS") == "1" else REPO / "test-results" / "jupyterlab"
)

# cell 2 builds the model with a slim batch norm that never gets is_training (BN002); cell 3
# builds the train op with minimize outside the UPDATE_OPS dependency (BN001)
CELLS = [
    "import tensorflow as tf\n\nslim = tf.contrib.slim",
    "def net(images, is_training):\n"
    "    x = slim.conv2d(images, 32, [3, 3])\n"
    "    x = slim.batch_norm(x)\n"
    "    return slim.fully_connected(slim.flatten(x), 10)",
    "images = tf.placeholder(tf.float32, [None, 28, 28, 1])\n"
    "loss = tf.reduce_mean(net(images, is_training=True))\n"
    "train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)",
]


def _missing() -> str | None:
    for module in ("jupyterlab", "jupyter_lsp", "playwright"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed: run `bash scripts/setup/jupyter.sh`"
    if not CHROMIUM.exists():
        return f"no {CHROMIUM}: run `bash scripts/setup/vscode.sh` (it installs Debian's chromium)"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, token: str) -> bytes:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


class Lab:
    def __init__(self, url: str, token: str, root: Path, config: Path):
        self.url, self.token, self.root, self.config = url, token, root, config


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    problem = _missing()
    if problem:
        pytest.fail(problem)
    base = tmp_path_factory.mktemp("jupyterlab")
    root = base / "notebooks"
    root.mkdir()
    folders = {name: base / name for name in ("config", "data", "runtime", "ipython", "settings", "workspaces", "xdg")}
    for folder in folders.values():
        folder.mkdir()
    # no "would you like news?" toast over the notebook (and no request for it)
    notification = folders["settings"] / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")

    env = dict(os.environ)
    env.update(
        JUPYTER_CONFIG_DIR=str(folders["config"]),
        JUPYTER_DATA_DIR=str(folders["data"]),
        JUPYTER_RUNTIME_DIR=str(folders["runtime"]),
        JUPYTERLAB_SETTINGS_DIR=str(folders["settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(folders["workspaces"]),
        IPYTHONDIR=str(folders["ipython"]),
        XDG_CONFIG_HOME=str(folders["xdg"]),
        XDG_CACHE_HOME=str(folders["xdg"]),
        XDG_DATA_HOME=str(folders["xdg"]),
        PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
    )
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.extension_manager=readonly",  # no PyPI listing
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = base / "jupyterlab.log"
    with open(log, "wb") as log_handle:
        process = subprocess.Popen(command, env=env, stdout=log_handle, stderr=subprocess.STDOUT, cwd=base)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STEP_TIMEOUT_MS / 1000
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                _get(f"{url}/api/status", token)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer on {url}:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.5)
        yield Lab(url, token, root, folders["config"])
    finally:
        process.send_signal(signal.SIGINT)  # like Ctrl+C twice: stops kernels and servers
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_jupyter_lsp_finds_bnlint_from_the_package_alone(lab):
    status = json.loads(_get(f"{lab.url}/lsp/status", lab.token))
    spec = status["specs"].get("bnlint")
    assert spec is not None, f"jupyter-lsp lists {sorted(status['specs'])}"
    assert spec["languages"] == ["python"] and spec["display_name"] == "bnlint"
    # found through the entry point: the lab's config folder holds no config file
    assert [p for p in lab.config.rglob("*") if p.suffix in (".json", ".py")] == []


def _notebook() -> str:
    cells = [
        {"cell_type": "code", "execution_count": None, "id": f"cell-{n}", "metadata": {}, "outputs": [],
         "source": text.splitlines(keepends=True)}
        for n, text in enumerate(CELLS, start=1)
    ]
    metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python", "file_extension": ".py", "mimetype": "text/x-python"},
    }
    return json.dumps({"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}, indent=1)


def test_diagnostics_appear_in_the_cells_and_the_panel(lab):
    from playwright.sync_api import sync_playwright

    (lab.root / "train.ipynb").write_text(_notebook(), encoding="utf-8")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    sent: list[dict] = []
    sockets: list[str] = []

    def watch(websocket):
        if "/lsp/ws/" in websocket.url:
            sockets.append(websocket.url)
            websocket.on("framesent", lambda frame: sent.append(json.loads(frame)))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 820})
            page.set_default_timeout(STEP_TIMEOUT_MS)
            page.on("websocket", watch)
            page.goto(f"{lab.url}/lab/tree/train.ipynb?token={lab.token}")

            # the underlines, each in its own cell
            cells = page.locator(".jp-Notebook .jp-CodeCell")
            cells.nth(2).locator(".cm-lintRange-warning").wait_for(state="attached")
            cells.nth(1).locator(".cm-lintRange-warning").wait_for(state="attached")
            assert cells.nth(1).locator(".cm-lintRange-warning").all_inner_texts() == ["slim.batch_norm"]
            assert cells.nth(2).locator(".cm-lintRange-warning").all_inner_texts() == ["minimize"]
            assert cells.nth(0).locator(".cm-lintRange").count() == 0
            assert [url.rsplit("/", 1)[-1] for url in sockets] == ["bnlint"]  # the one server for Python

            # the diagnostics panel, from the cell's context menu
            cells.nth(1).locator(".cm-lintRange-warning").click(button="right")
            menu = page.locator(".lm-Menu-itemLabel")
            menu.filter(has_text="Show diagnostics panel").wait_for()
            menu_items = menu.all_inner_texts()
            menu.filter(has_text="Show diagnostics panel").click()
            rows = page.locator(".lsp-diagnostics-listing tbody tr")
            rows.nth(1).wait_for()
            headers = page.locator(".lsp-diagnostics-listing thead th").all_inner_texts()
            table = [dict(zip(headers, row.locator("td").all_inner_texts())) for row in rows.all()]
            found = sorted((row["Code"], row["Cell"], row["Source"], row["Severity"]) for row in table)
            assert found == [("BN001", "3", "bnlint", "Warning"), ("BN002", "2", "bnlint", "Warning")], table
            bn002 = next(row for row in table if row["Code"] == "BN002")
            assert bn002["Message"].startswith("slim.batch_norm is called without is_training")
            page.screenshot(path=str(SCREENSHOTS / "jupyterlab-diagnostics.png"))

            # code actions: jupyterlab-lsp does not ask for them (no codeAction client
            # capability, no menu entry); when a version does, this says to test the fix
            initialize = next(m for m in sent if m.get("method") == "initialize")
            offered = "codeAction" in initialize["params"]["capabilities"].get("textDocument", {})
            fix_entries = [item for item in menu_items if re.search(r"quick ?fix|code action", item, re.I)]
            assert not offered and not fix_entries, (
                "jupyterlab-lsp now offers code actions: extend this test to apply bnlint's quick fix"
            )
            assert not any(m.get("method") == "textDocument/codeAction" for m in sent)

            # typing the fix by hand clears BN002 while BN001 stays
            page.keyboard.press("Escape")
            line = cells.nth(1).locator(".cm-line", has_text="slim.batch_norm(x)")
            line.click()
            page.keyboard.press("End")
            page.keyboard.press("ArrowLeft")
            page.keyboard.type(", is_training=is_training")
            cells.nth(1).locator(".cm-lintRange").wait_for(state="detached")
            rows.nth(1).wait_for(state="detached")
            assert rows.locator("td:nth-child(2)").all_inner_texts() == ["BN001"]
            assert cells.nth(2).locator(".cm-lintRange-warning").all_inner_texts() == ["minimize"]
            after = REPO / "test-results" / "jupyterlab"
            after.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(after / "jupyterlab-after-edit.png"))
        finally:
            browser.close()
