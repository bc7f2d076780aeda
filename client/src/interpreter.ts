// The VS Code and process side of interpreter lookup: asks the Python extension (when it is
// installed) for its active environment, and runs the probe. The decisions are in python.ts.

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as vscode from 'vscode';
import { chooseInterpreter, InterpreterChoice, parseProbe, PROBE_SCRIPT, ProbeOutcome } from './python';

const PYTHON_EXTENSION_ID = 'ms-python.python';

// The part of the Python extension's exported API used here (it has no published types package
// that this extension wants as a dependency).
interface PythonExtensionApi {
    environments?: {
        getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
        resolveEnvironment(env: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
        onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
    };
}

async function pythonExtensionApi(): Promise<PythonExtensionApi | undefined> {
    const extension = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
    if (!extension) {
        return undefined;
    }
    try {
        return extension.isActive ? extension.exports : await extension.activate();
    } catch {
        return undefined;
    }
}

/** The Python extension's active interpreter for `resource`, if that extension is installed. */
export async function pythonExtensionInterpreter(resource?: vscode.Uri): Promise<string | undefined> {
    const environments = (await pythonExtensionApi())?.environments;
    if (!environments) {
        return undefined;
    }
    try {
        const active = environments.getActiveEnvironmentPath(resource);
        const resolved = await environments.resolveEnvironment(active);
        return resolved?.executable.uri?.fsPath;
    } catch {
        return undefined;
    }
}

/** Calls `listener` when the user picks another environment in the Python extension. */
export async function onPythonEnvironmentChange(listener: () => void): Promise<vscode.Disposable | undefined> {
    const environments = (await pythonExtensionApi())?.environments;
    return environments?.onDidChangeActiveEnvironmentPath(() => listener());
}

function isExecutable(file: string): boolean {
    try {
        fs.accessSync(file, fs.constants.X_OK);
        return fs.statSync(file).isFile();
    } catch {
        return false;
    }
}

export async function findInterpreter(setting: string): Promise<InterpreterChoice | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return chooseInterpreter({
        setting,
        pythonExtension: setting.trim() ? undefined : await pythonExtensionInterpreter(folder?.uri),
        env: process.env,
        workspaceFolder: folder?.uri.fsPath,
        homeDir: os.homedir(),
        platform: process.platform,
        isExecutable,
    });
}

/** Runs PROBE_SCRIPT with `command` in the server's environment. Never throws. */
export function probeInterpreter(command: string, env: Record<string, string>): Promise<ProbeOutcome> {
    return new Promise((resolve) => {
        execFile(command, ['-c', PROBE_SCRIPT], { env, timeout: 30_000 }, (error, stdout, stderr) => {
            if (error) {
                const detail = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : stderr.trim() || error.message;
                resolve({ ran: false, error: detail });
                return;
            }
            try {
                resolve({ ran: true, result: parseProbe(stdout) });
            } catch (parseError) {
                resolve({ ran: false, error: (parseError as Error).message });
            }
        });
    });
}
