// The one output channel: client messages and, with bnlint.trace.server, the LSP traffic.

import * as vscode from 'vscode';

export const CHANNEL_NAME = 'bnlint';

export function createLog(): vscode.LogOutputChannel {
    // vscode-languageclient >= 10 calls .error()/.info() on it: it must be a log channel.
    return vscode.window.createOutputChannel(CHANNEL_NAME, { log: true });
}
