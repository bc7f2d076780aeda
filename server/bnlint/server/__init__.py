"""`bnlint serve`: the language server (stdio by default, or `--tcp HOST:PORT`)."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Optional, Sequence


SWITCH_INTERVAL_SECONDS = 0.0005


def _host_port(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT like 127.0.0.1:2087, got {value!r}")
    return host, int(port)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bnlint serve",
        description="Run the bnlint language server (LSP) on stdio, or on a TCP port.",
    )
    parser.add_argument("--stdio", action="store_true", help="talk LSP on stdin/stdout (the default)")
    parser.add_argument("--tcp", metavar="HOST:PORT", type=_host_port, help="listen on a TCP port instead")
    args = parser.parse_args(argv)

    # stdout carries the protocol: every log line goes to stderr
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="bnlint serve: %(levelname)s %(message)s")
    from .service import create_server

    # Analyses run on a thread of their own, in pure Python: it keeps the GIL for the whole
    # switch interval (5 ms by default) whenever the event loop wants it, and reading one
    # didChange takes the loop several turns, so an edit typed during an analysis was seen
    # only 50-70 ms late, and the analysis it supersedes ran on until then. At 0.5 ms a
    # burst of five edits 10 ms apart costs about one edit (bench/server_bench.py --only burst).
    sys.setswitchinterval(SWITCH_INTERVAL_SECONDS)
    server = create_server()
    if args.tcp:
        server.start_tcp(*args.tcp)
    else:
        server.start_io()
    # LSP: 0 after a shutdown request, 1 when the client left (or said exit) without one
    return 0 if server.shutdown_requested else 1
