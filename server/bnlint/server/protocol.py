"""The JSON-RPC layer, hardened: bad input gets an error answer or a log line, never a crash.

pygls' own handlers for document and notebook sync keep a second copy of every text in its
workspace, and raise on a change to a document that is not open; bnlint keeps its own store
(service.py), so these handlers only hand the notification on. A request whose params do not
fit the LSP types (a negative line, a missing field) is answered with InvalidParams instead of
being dropped, which would leave the client waiting forever.

Diagnostics arrive here already serialised (see diagnostics.py): `notify_prepared` and a
handler returning `PreparedJSON` put that text on the wire as it is, instead of having cattrs
unstructure thousands of lsprotocol objects on the event loop.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInternalError, JsonRpcInvalidParams
from pygls.protocol import LanguageServerProtocol, lsp_method

logger = logging.getLogger(__name__)


@dataclass
class MalformedRequest:
    """A request that could not be turned into its LSP type; answered with an error."""

    id: Any
    method: str
    reason: str
    jsonrpc: str = "2.0"


@dataclass(frozen=True)
class PreparedJSON:
    """A value already serialised to JSON text, to be sent verbatim (a request's result)."""

    text: str


@dataclass(frozen=True)
class _PreparedMessage:
    """A whole JSON-RPC message as JSON text."""

    body: str


def _reason(exc: BaseException) -> str:
    cause = exc.__cause__ or exc
    text = " ".join(str(cause).split())
    return text[:300] or type(cause).__name__


class BnlintProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and isinstance(data.get("method"), str):
                return MalformedRequest(data["id"], data["method"], _reason(exc))
            raise

    def handle_message(self, message):
        if isinstance(message, MalformedRequest):
            logger.warning("invalid params for %s: %s", message.method, message.reason)
            error = JsonRpcInvalidParams(f"invalid params for {message.method}: {message.reason}")
            self._send_response(message.id, error=error.to_response_error())
            self._server.report_problem(f"invalid params for {message.method}: {message.reason}")
            return
        super().handle_message(message)

    def notify_prepared(self, method: str, params_json: str) -> None:
        """Send a notification whose params are already JSON text."""
        self._send_data(_PreparedMessage(f'{{"jsonrpc":"2.0","method":{json.dumps(method)},"params":{params_json}}}'))

    def _send_response(self, msg_id, result=None, error=None):
        if error is None and isinstance(result, PreparedJSON):
            self._result_types.pop(msg_id, None)
            self._send_data(_PreparedMessage(f'{{"jsonrpc":"2.0","id":{json.dumps(msg_id)},"result":{result.text}}}'))
            return
        super()._send_response(msg_id, result=result, error=error)

    def _send_data(self, data):
        if not isinstance(data, _PreparedMessage):
            super()._send_data(data)
            return
        if self.writer is None:
            logger.error("Unable to send data, no available transport!")
            return
        # what pygls does for the messages it serialises, framing included
        try:
            body = data.body.encode(self.CHARSET)
            if self._include_headers:
                header = (
                    f"Content-Length: {len(body)}\r\n"
                    f"Content-Type: {self.CONTENT_TYPE}; charset={self.CHARSET}\r\n\r\n"
                )
                body = header.encode(self.CHARSET) + body
            written = self.writer.write(body)
            if inspect.isawaitable(written):
                asyncio.ensure_future(written)
        except BrokenPipeError:
            logger.exception("Error sending data. BrokenPipeError", exc_info=True)
            raise
        except Exception as error:
            logger.exception("Error sending data", exc_info=True)
            self._server._report_server_error(error, JsonRpcInternalError)

    def _hand_on(self, method: str, params):
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: types.DidOpenTextDocumentParams):
        yield from self._hand_on(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        yield from self._hand_on(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: types.DidCloseTextDocumentParams):
        yield from self._hand_on(types.TEXT_DOCUMENT_DID_CLOSE, params)

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def lsp_notebook_document__did_open(self, params: types.DidOpenNotebookDocumentParams):
        yield from self._hand_on(types.NOTEBOOK_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def lsp_notebook_document__did_change(self, params: types.DidChangeNotebookDocumentParams):
        yield from self._hand_on(types.NOTEBOOK_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def lsp_notebook_document__did_close(self, params: types.DidCloseNotebookDocumentParams):
        yield from self._hand_on(types.NOTEBOOK_DOCUMENT_DID_CLOSE, params)
