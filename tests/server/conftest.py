"""pytest-lsp fixtures: the real server (`python -m bnlint.server`) over stdio, once per client
profile (VS Code, which takes pushed diagnostics, and Neovim, which pulls them)."""

from __future__ import annotations

import os
import sys

import pytest
import pytest_lsp
from pytest_lsp import ClientServerConfig, LanguageClient

# the helpers module sits beside the tests; make it importable whatever pytest's import mode
sys.path.insert(0, os.path.dirname(__file__))
from lsp_session import PROFILES, Session, make_client, stop_server  # noqa: E402

SERVER_COMMAND = [sys.executable, "-m", "bnlint.server"]


def pytest_collection_modifyitems(items):
    here = os.path.dirname(__file__) + os.sep
    for item in items:
        if str(item.fspath).startswith(here):
            # an answer that breaks the client's declared capabilities fails the test
            item.add_marker(pytest.mark.filterwarnings("error::pytest_lsp.LspSpecificationWarning"))


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_client),
    params=PROFILES,
)
async def client(lsp_client: LanguageClient, request):
    lsp_client.profile = request.param
    yield
    await stop_server(lsp_client)


@pytest.fixture
async def session(client, tmp_path):
    return Session(client, client.profile, tmp_path)
