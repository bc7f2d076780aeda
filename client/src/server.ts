// Starting, stopping and restarting the bnlint language server.

import * as path from 'path';
import * as vscode from 'vscode';
import {
    DidChangeConfigurationNotification,
    LanguageClient,
    LanguageClientOptions,
    ServerOptions,
    TransportKind,
} from 'vscode-languageclient/node';
import { findInterpreter, probeInterpreter } from './interpreter';
import { bundledLibPaths, InterpreterProblem, judgeInterpreter, serverEnvironment } from './python';
import { toClientSettings, toServerSettings } from './settings';

const SECTION = 'bnlint';

function reader(scope?: vscode.ConfigurationScope) {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    return (key: string) => config.get(key);
}

export class ServerController implements vscode.Disposable {
    private client: LanguageClient | undefined;
    /** The interpreter problem last shown, so the same one is not shown again on every restart. */
    private shownProblem: string | undefined;
    /** Start/stop/restart run one at a time, in the order they were asked for. */
    private queue: Promise<void> = Promise.resolve();

    constructor(
        private readonly extensionPath: string,
        private readonly log: vscode.LogOutputChannel,
    ) {}

    start(): Promise<void> {
        return this.enqueue(() => this.doStart());
    }

    stop(): Promise<void> {
        return this.enqueue(() => this.doStop());
    }

    /** `fromUser`: the Restart command, which shows an interpreter problem again even if seen before. */
    restart(fromUser = false): Promise<void> {
        return this.enqueue(async () => {
            if (fromUser) {
                this.shownProblem = undefined;
            }
            await this.doStop();
            await this.doStart();
        });
    }

    dispose(): void {
        void this.stop();
    }

    private enqueue(step: () => Promise<void>): Promise<void> {
        this.queue = this.queue.then(step, step).catch((error: unknown) => {
            this.log.error(`bnlint: ${error instanceof Error ? error.message : String(error)}`);
        });
        return this.queue;
    }

    private async doStart(): Promise<void> {
        if (this.client) {
            return;
        }
        const settings = toClientSettings(reader());
        const strategy = settings.importStrategy;
        const bundled = path.join(this.extensionPath, 'bundled');
        const choice = await findInterpreter(settings.interpreter);
        // The probe finds bnlint in bundled/libs on any Python; which folders the server needs
        // depends on the version the probe reports.
        const probeEnv = serverEnvironment(process.env, strategy, bundledLibPaths(bundled, process.platform), process.platform);
        const probe = choice ? await probeInterpreter(choice.command, probeEnv) : undefined;
        const verdict = judgeInterpreter(choice, probe, strategy);
        if (!verdict.ok) {
            this.reportProblem(verdict.problem);
            return;
        }
        this.shownProblem = undefined;
        const python = verdict.python.executable;
        const libs = bundledLibPaths(bundled, process.platform, verdict.python.version);
        const env = serverEnvironment(process.env, strategy, libs, process.platform);
        this.log.info(
            `Starting the bnlint server: ${python} -m bnlint serve (Python ${verdict.python.version.join('.')} ` +
                `found by ${choice?.source}; bnlint from ${verdict.python.bnlint}` +
                (strategy === 'useBundled' ? `; bundled libraries: ${libs.join(', ')})` : ')'),
        );
        const serverOptions: ServerOptions = {
            command: python,
            args: ['-m', 'bnlint', 'serve'],
            transport: TransportKind.stdio,
            options: { env },
        };
        const holder: { client?: LanguageClient } = {};
        const client = new LanguageClient(SECTION, 'bnlint', serverOptions, this.clientOptions(holder));
        holder.client = client;
        this.client = client;
        // the client itself follows bnlint.trace.server (it reads `<id>.trace.server`)
        try {
            await client.start();
        } catch (error) {
            // vscode-languageclient has shown its own message; it does not retry a failed start
            this.client = undefined;
            throw error;
        }
    }

    private async doStop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        try {
            await client?.dispose(); // stops the server first
        } catch (error) {
            this.log.warn(`Stopping the server: ${error instanceof Error ? error.message : String(error)}`);
        }
    }

    /** `holder.client` is the client these options belong to, set once it is constructed. */
    private clientOptions(holder: { client?: LanguageClient }): LanguageClientOptions {
        return {
            documentSelector: [
                { scheme: 'file', language: 'python' },
                { scheme: 'untitled', language: 'python' },
                // Python cells of Jupyter notebooks (sent with notebook document sync when the server asks for it)
                { notebook: { notebookType: 'jupyter-notebook' }, language: 'python' },
            ],
            outputChannel: this.log,
            traceOutputChannel: this.log,
            initializationOptions: { settings: toServerSettings(reader()) },
            synchronize: { configurationSection: SECTION },
            middleware: {
                workspace: {
                    // The server pulls settings per file: answer with exactly its keys.
                    configuration: async (params, token, next) => {
                        const raw = await next(params, token);
                        if (!Array.isArray(raw)) {
                            return raw;
                        }
                        return params.items.map((item, index) => {
                            if (item.section !== SECTION) {
                                return raw[index];
                            }
                            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
                            return toServerSettings(reader(scope));
                        });
                    },
                    // The push model carries the same keys. A client that is being stopped for a
                    // restart (the same settings change can do both) gets nothing.
                    didChangeConfiguration: async () => {
                        const client = holder.client;
                        if (!client?.isRunning()) {
                            return;
                        }
                        try {
                            await client.sendNotification(DidChangeConfigurationNotification.type, {
                                settings: { [SECTION]: toServerSettings(reader()) },
                            });
                        } catch (error) {
                            if (client.isRunning()) {
                                throw error;
                            }
                        }
                    },
                },
            },
        };
    }

    private reportProblem(problem: InterpreterProblem): void {
        this.log.error(problem.message);
        if (this.shownProblem === problem.message) {
            return;
        }
        this.shownProblem = problem.message;
        void vscode.window.showErrorMessage(problem.message, 'Open Setting', 'Show Logs').then((choice) => {
            if (choice === 'Open Setting') {
                // Interpreter settings are machine settings: in a remote window (SSH, WSL,
                // code-server) they live in the Remote tab, which openSettings does not show.
                const command = vscode.env.remoteName ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings';
                void vscode.commands.executeCommand(command, { query: problem.setting });
            } else if (choice === 'Show Logs') {
                this.log.show();
            }
        });
    }
}
