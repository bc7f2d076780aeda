// Starting, stopping and restarting the bnlint language server.

import * as path from 'path';
import * as vscode from 'vscode';
import {
    DidChangeConfigurationNotification,
    LanguageClient,
    LanguageClientOptions,
    ServerOptions,
    Trace,
    TransportKind,
} from 'vscode-languageclient/node';
import { findInterpreter, probeInterpreter } from './interpreter';
import { InterpreterProblem, interpreterProblem, serverEnvironment } from './python';
import { toClientSettings, toServerSettings, TraceLevel } from './settings';

const SECTION = 'bnlint';

function reader(scope?: vscode.ConfigurationScope) {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    return (key: string) => config.get(key);
}

const TRACE: Record<TraceLevel, Trace> = { off: Trace.Off, messages: Trace.Messages, verbose: Trace.Verbose };

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

    async setTrace(level: TraceLevel): Promise<void> {
        await this.client?.setTrace(TRACE[level]);
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
        const bundledLibs = path.join(this.extensionPath, 'bundled', 'libs');
        const env = serverEnvironment(process.env, settings.importStrategy, bundledLibs, process.platform);
        const choice = await findInterpreter(settings.interpreter);
        const probe = choice ? await probeInterpreter(choice.command, env) : undefined;
        const problem = interpreterProblem(choice, probe, settings.importStrategy);
        if (problem || !probe?.ran) {
            this.reportProblem(problem ?? { message: 'bnlint could not check the Python interpreter.', setting: 'bnlint.interpreter' });
            return;
        }
        this.shownProblem = undefined;
        const python = probe.result.executable;
        this.log.info(
            `Starting the bnlint server: ${python} -m bnlint serve (Python ${probe.result.version.join('.')}, ` +
                `${choice?.source === 'setting' ? 'bnlint.interpreter' : choice?.source}, bnlint from ${probe.result.bnlint})`,
        );
        const serverOptions: ServerOptions = {
            command: python,
            args: ['-m', 'bnlint', 'serve'],
            transport: TransportKind.stdio,
            options: { env },
        };
        const client = new LanguageClient(SECTION, 'bnlint', serverOptions, this.clientOptions());
        this.client = client;
        await client.start();
        await client.setTrace(TRACE[settings.trace]);
    }

    private async doStop(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (client) {
            await client.stop();
            client.dispose();
        }
    }

    private clientOptions(): LanguageClientOptions {
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
                    // The push model carries the same keys, for servers that read the notification.
                    didChangeConfiguration: async () => {
                        await this.client?.sendNotification(DidChangeConfigurationNotification.type, {
                            settings: { [SECTION]: toServerSettings(reader()) },
                        });
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
                void vscode.commands.executeCommand('workbench.action.openSettings', problem.setting);
            } else if (choice === 'Show Logs') {
                this.log.show();
            }
        });
    }
}
