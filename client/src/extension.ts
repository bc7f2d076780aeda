// Activation: wires the log, the server controller, the commands and the setting listeners.

import * as vscode from 'vscode';
import { onPythonEnvironmentChange } from './interpreter';
import { createLog } from './log';
import { ServerController } from './server';
import { needsRestart } from './settings';

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
    const log = createLog();
    const server = new ServerController(context.extensionPath, log);
    controller = server;
    context.subscriptions.push(
        log,
        server,
        vscode.commands.registerCommand('bnlint.restartServer', () => server.restart(true)),
        vscode.commands.registerCommand('bnlint.showLogs', () => log.show()),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if (needsRestart((section) => event.affectsConfiguration(section))) {
                log.info('Interpreter settings changed: restarting the server.');
                void server.restart();
            }
            // the other settings reach the running server through the client's configuration
            // sync, and bnlint.trace.server is followed by the client itself
        }),
    );
    const environmentListener = await onPythonEnvironmentChange(() => {
        if (!vscode.workspace.getConfiguration('bnlint').get<string>('interpreter')) {
            log.info("The Python extension's environment changed: restarting the server.");
            void server.restart();
        }
    });
    if (environmentListener) {
        context.subscriptions.push(environmentListener);
    }
    await server.start();
}

export async function deactivate(): Promise<void> {
    await controller?.stop();
    controller = undefined;
}
