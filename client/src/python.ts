// Which Python interpreter runs the bnlint server, and whether it can.
// Pure functions over their inputs (no `vscode` import), so unit tests run them under plain node.

import * as path from 'path';

/**
 * The oldest Python the server runs on: 3.9 with the bundled libraries of `bundled/libs-py39`
 * (astroid 3.3) before those of `bundled/libs` (astroid 4, which needs 3.10); see bundledLibPaths.
 */
export const MIN_PYTHON: readonly [number, number] = [3, 9];

/** The oldest Python that `bundled/libs` alone serves; older ones get `bundled/libs-py39` first. */
export const MAIN_LIBS_MIN_PYTHON: readonly [number, number] = [3, 10];

export type ImportStrategy = 'useBundled' | 'fromEnvironment';

export type InterpreterSource = 'setting' | 'pythonExtension' | 'path';

export interface InterpreterChoice {
    command: string;
    source: InterpreterSource;
}

export interface InterpreterInputs {
    /** `bnlint.interpreter`, possibly empty or with `${workspaceFolder}`, `${env:NAME}`, `~`. */
    setting: string;
    /** The active environment's executable from the Python extension, when it is installed. */
    pythonExtension?: string;
    env: Record<string, string | undefined>;
    workspaceFolder?: string;
    homeDir: string;
    platform: NodeJS.Platform;
    /** Whether a file exists and may be executed (injected so tests need no real files). */
    isExecutable: (file: string) => boolean;
}

/** Expands the variables VS Code users write in path settings. */
export function expandSettingPath(
    value: string,
    vars: { workspaceFolder?: string; env: Record<string, string | undefined>; homeDir: string },
): string {
    let result = value.trim();
    result = result.replace(/\$\{workspaceFolder\}/g, vars.workspaceFolder ?? '${workspaceFolder}');
    result = result.replace(/\$\{env:([^}]+)\}/g, (_, name: string) => vars.env[name] ?? '');
    if (result === '~' || result.startsWith('~/')) {
        result = vars.homeDir + result.slice(1);
    }
    return result;
}

/** Looks `names` up in PATH, in PATH order, the way a shell would. */
export function findOnPath(
    names: readonly string[],
    env: Record<string, string | undefined>,
    platform: NodeJS.Platform,
    isExecutable: (file: string) => boolean,
): string | undefined {
    const pathVar = env.PATH ?? env.Path ?? '';
    const delimiter = platform === 'win32' ? ';' : ':';
    const join = platform === 'win32' ? path.win32.join : path.posix.join;
    const suffixes = platform === 'win32' ? ['.exe', ''] : [''];
    for (const name of names) {
        for (const dir of pathVar.split(delimiter)) {
            if (!dir) {
                continue;
            }
            for (const suffix of suffixes) {
                const candidate = join(dir, name + suffix);
                if (isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
    }
    return undefined;
}

/** The setting first, then the Python extension's environment, then python3/python on PATH. */
export function chooseInterpreter(inputs: InterpreterInputs): InterpreterChoice | undefined {
    if (inputs.setting.trim()) {
        return { command: expandSettingPath(inputs.setting, inputs), source: 'setting' };
    }
    if (inputs.pythonExtension) {
        return { command: inputs.pythonExtension, source: 'pythonExtension' };
    }
    const onPath = findOnPath(['python3', 'python'], inputs.env, inputs.platform, inputs.isExecutable);
    return onPath ? { command: onPath, source: 'path' } : undefined;
}

/**
 * Run with the chosen interpreter (and the server's PYTHONPATH) before starting the server.
 * Written so that even Python 2 prints its version instead of failing to parse.
 */
export const PROBE_SCRIPT = [
    'import sys, json',
    'try:',
    '    import importlib.util',
    '    spec = importlib.util.find_spec("bnlint")',
    '    origin = spec.origin if spec else None',
    'except Exception:',
    '    origin = None',
    'sys.stdout.write(json.dumps({"version": list(sys.version_info[:3]), "executable": sys.executable, "bnlint": origin}))',
].join('\n');

export interface ProbeResult {
    version: [number, number, number];
    executable: string;
    /** Where `import bnlint` would load from, or null when it cannot be imported. */
    bnlint: string | null;
}

export type ProbeOutcome = { ran: true; result: ProbeResult } | { ran: false; error: string };

/** Parses PROBE_SCRIPT's output; throws with the output quoted when it is not what the script prints. */
export function parseProbe(stdout: string): ProbeResult {
    let data: unknown;
    try {
        data = JSON.parse(stdout.trim());
    } catch {
        throw new Error(`unexpected output from the interpreter: ${JSON.stringify(stdout.slice(0, 200))}`);
    }
    const record = data as Record<string, unknown>;
    const version = record?.version;
    if (
        !Array.isArray(version) ||
        version.length !== 3 ||
        !version.every((part) => Number.isInteger(part)) ||
        typeof record.executable !== 'string' ||
        !(record.bnlint === null || typeof record.bnlint === 'string')
    ) {
        throw new Error(`unexpected output from the interpreter: ${JSON.stringify(stdout.slice(0, 200))}`);
    }
    return { version: version as [number, number, number], executable: record.executable, bnlint: record.bnlint };
}

const SOURCE_WORDS: Record<InterpreterSource, string> = {
    setting: 'the bnlint.interpreter setting',
    pythonExtension: "the Python extension's active environment",
    path: 'PATH',
};

export interface InterpreterProblem {
    message: string;
    /** The setting that fixes it, for the notification's button. */
    setting: 'bnlint.interpreter' | 'bnlint.importStrategy';
}

export type InterpreterVerdict = { ok: true; python: ProbeResult } | { ok: false; problem: InterpreterProblem };

/** Can the chosen interpreter run the server? If not, the one message to show the user. */
export function judgeInterpreter(
    choice: InterpreterChoice | undefined,
    probe: ProbeOutcome | undefined,
    strategy: ImportStrategy,
): InterpreterVerdict {
    const problem = interpreterProblem(choice, probe, strategy);
    if (problem || !probe?.ran) {
        // (a probe that did not run always has a problem; the second test is for the type checker)
        return { ok: false, problem: problem ?? { message: 'bnlint could not run the interpreter.', setting: 'bnlint.interpreter' } };
    }
    return { ok: true, python: probe.result };
}

function interpreterProblem(
    choice: InterpreterChoice | undefined,
    probe: ProbeOutcome | undefined,
    strategy: ImportStrategy,
): InterpreterProblem | undefined {
    const interpreter = (message: string): InterpreterProblem => ({ message, setting: 'bnlint.interpreter' });
    const minimum = `Python ${MIN_PYTHON.join('.')} or newer`;
    if (!choice) {
        return interpreter(
            `bnlint needs ${minimum} to run its server, and found no python3 or python on PATH. Set "bnlint.interpreter" to a Python interpreter.`,
        );
    }
    if (!probe || !probe.ran) {
        const why = probe && !probe.ran ? `: ${probe.error}` : '';
        return interpreter(
            `bnlint could not run the Python interpreter "${choice.command}" (from ${SOURCE_WORDS[choice.source]})${why}. Set "bnlint.interpreter" to a ${minimum} interpreter.`,
        );
    }
    const { version, executable, bnlint } = probe.result;
    if (olderThan(version, MIN_PYTHON)) {
        return interpreter(
            `bnlint needs ${minimum}; "${choice.command}" (from ${SOURCE_WORDS[choice.source]}) is Python ${version.join('.')}. Set "bnlint.interpreter" to a newer interpreter.`,
        );
    }
    if (strategy === 'fromEnvironment' && !bnlint) {
        return {
            message: `"bnlint.importStrategy" is "fromEnvironment", but bnlint is not installed for ${executable}. Install it ("${executable} -m pip install bnlint") or set "bnlint.importStrategy" to "useBundled".`,
            setting: 'bnlint.importStrategy',
        };
    }
    return undefined;
}

function olderThan(version: readonly number[], minimum: readonly [number, number]): boolean {
    const [major, minor] = version;
    return major < minimum[0] || (major === minimum[0] && minor < minimum[1]);
}

/**
 * The folders of the extension's `bundled` folder that go on PYTHONPATH, first first, for a
 * Python of `version` (as the probe reports it): `libs` (bnlint and its dependencies), after
 * `libs-py39` (the releases of those that still run on it) for a Python older than 3.10.
 * Without a version (before the probe has run): `libs` alone, where the probe finds bnlint.
 */
export function bundledLibPaths(
    bundledDir: string,
    platform: NodeJS.Platform,
    version?: readonly number[],
): string[] {
    const join = platform === 'win32' ? path.win32.join : path.posix.join;
    const libs = join(bundledDir, 'libs');
    return version && olderThan(version, MAIN_LIBS_MIN_PYTHON) ? [join(bundledDir, 'libs-py39'), libs] : [libs];
}

/** The environment the server (and the probe) run in: the bundled libraries first on PYTHONPATH. */
export function serverEnvironment(
    base: Record<string, string | undefined>,
    strategy: ImportStrategy,
    bundledLibs: readonly string[],
    platform: NodeJS.Platform,
): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(base)) {
        if (value !== undefined) {
            env[key] = value;
        }
    }
    // The server speaks UTF-8 over stdio whatever the user's locale.
    env.PYTHONIOENCODING = 'utf-8';
    if (strategy === 'useBundled') {
        const delimiter = platform === 'win32' ? ';' : ':';
        env.PYTHONPATH = [...bundledLibs, ...(env.PYTHONPATH ? [env.PYTHONPATH] : [])].join(delimiter);
    }
    return env;
}
