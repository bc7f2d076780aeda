// Interpreter lookup: which Python is chosen, how the probe is read, which problems are reported.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
    bundledLibPaths,
    chooseInterpreter,
    expandSettingPath,
    findOnPath,
    InterpreterInputs,
    judgeInterpreter,
    MAIN_LIBS_MIN_PYTHON,
    MIN_PYTHON,
    parseProbe,
    PROBE_SCRIPT,
    ProbeResult,
    serverEnvironment,
} from '../../src/python';

const REPO = path.resolve(__dirname, '..', '..', '..');

function inputs(overrides: Partial<InterpreterInputs> & { executables?: string[] }): InterpreterInputs {
    const executables = new Set(overrides.executables ?? []);
    return {
        setting: '',
        env: { PATH: '/usr/local/bin:/usr/bin' },
        homeDir: '/home/ada',
        platform: 'linux',
        isExecutable: (file) => executables.has(file),
        ...overrides,
    };
}

function ran(version: [number, number, number], bnlint: string | null = '/x/bnlint/__init__.py') {
    const result: ProbeResult = { version, executable: '/usr/bin/python3', bnlint };
    return { ran: true as const, result };
}

describe('chooseInterpreter', () => {
    it('takes the bnlint.interpreter setting first, even over the Python extension', () => {
        const choice = chooseInterpreter(
            inputs({ setting: '/opt/py/bin/python', pythonExtension: '/venv/bin/python', executables: ['/usr/bin/python3'] }),
        );
        assert.deepEqual(choice, { command: '/opt/py/bin/python', source: 'setting' });
    });

    it('expands ${workspaceFolder}, ${env:NAME} and ~ in the setting', () => {
        const choice = chooseInterpreter(
            inputs({ setting: '${workspaceFolder}/.venv/bin/python', workspaceFolder: '/work/proj' }),
        );
        assert.equal(choice?.command, '/work/proj/.venv/bin/python');
        assert.equal(expandSettingPath('~/py/bin/python3', { env: {}, homeDir: '/home/ada' }), '/home/ada/py/bin/python3');
        assert.equal(
            expandSettingPath('${env:CONDA_PREFIX}/bin/python', { env: { CONDA_PREFIX: '/conda/envs/tf1' }, homeDir: '/h' }),
            '/conda/envs/tf1/bin/python',
        );
    });

    it('treats a blank setting as unset', () => {
        const choice = chooseInterpreter(inputs({ setting: '   ', pythonExtension: '/venv/bin/python' }));
        assert.deepEqual(choice, { command: '/venv/bin/python', source: 'pythonExtension' });
    });

    it('falls back to python3, then python, on PATH', () => {
        assert.deepEqual(chooseInterpreter(inputs({ executables: ['/usr/bin/python', '/usr/bin/python3'] })), {
            command: '/usr/bin/python3',
            source: 'path',
        });
        assert.deepEqual(chooseInterpreter(inputs({ executables: ['/usr/bin/python'] })), {
            command: '/usr/bin/python',
            source: 'path',
        });
    });

    it('finds nothing when PATH has no Python', () => {
        assert.equal(chooseInterpreter(inputs({ executables: ['/usr/bin/perl'] })), undefined);
        assert.equal(chooseInterpreter(inputs({ env: {}, executables: ['/usr/bin/python3'] })), undefined);
    });
});

describe('findOnPath', () => {
    it('follows PATH order and skips empty entries', () => {
        const found = findOnPath(['python3'], { PATH: ':/a:/b' }, 'linux', (f) => f === '/a/python3' || f === '/b/python3');
        assert.equal(found, '/a/python3');
    });

    it('adds .exe and reads Path on Windows', () => {
        const found = findOnPath(['python'], { Path: 'C:\\Py311;C:\\Windows' }, 'win32', (f) => f === 'C:\\Py311\\python.exe');
        assert.equal(found, 'C:\\Py311\\python.exe');
    });
});

describe('parseProbe', () => {
    it('reads what the probe script prints', () => {
        const result = parseProbe('{"version": [3, 11, 7], "executable": "/usr/bin/python3", "bnlint": null}\n');
        assert.deepEqual(result, { version: [3, 11, 7], executable: '/usr/bin/python3', bnlint: null });
    });

    it('rejects other output, quoting it', () => {
        assert.throws(() => parseProbe('Python 2.7.18'), /unexpected output from the interpreter: "Python 2.7.18"/);
        assert.throws(() => parseProbe('{"version": "3.11"}'), /unexpected output/);
    });

    it('parses the real probe run by this machine\'s python3, which sees bnlint on PYTHONPATH', () => {
        const serverDir = path.join(REPO, 'server');
        const env = serverEnvironment(process.env, 'useBundled', [serverDir], process.platform);
        const result = parseProbe(execFileSync('python3', ['-c', PROBE_SCRIPT], { env, encoding: 'utf-8' }));
        assert.ok(result.version[0] === 3 && result.version[1] >= MIN_PYTHON[1], `version ${result.version}`);
        assert.equal(result.bnlint, path.join(serverDir, 'bnlint', '__init__.py'));
        const without = serverEnvironment({ PATH: process.env.PATH }, 'fromEnvironment', [serverDir], process.platform);
        const bare = parseProbe(execFileSync('python3', ['-I', '-c', PROBE_SCRIPT], { env: without, encoding: 'utf-8' }));
        assert.equal(bare.bnlint, null);
    });
});

describe('judgeInterpreter', () => {
    // the problem, or undefined when the interpreter can run the server
    const interpreterProblem = (...args: Parameters<typeof judgeInterpreter>) => {
        const verdict = judgeInterpreter(...args);
        return verdict.ok ? undefined : verdict.problem;
    };

    const onPath = { command: '/usr/bin/python3', source: 'path' as const };

    it('accepts a new enough interpreter, handing on what the probe found', () => {
        assert.deepEqual(judgeInterpreter(onPath, ran([3, 12, 4]), 'useBundled'), { ok: true, python: ran([3, 12, 4]).result });
        assert.equal(interpreterProblem(onPath, ran([MIN_PYTHON[0], MIN_PYTHON[1], 0]), 'useBundled'), undefined);
        assert.equal(interpreterProblem(onPath, ran([3, 13, 1]), 'fromEnvironment'), undefined);
    });

    it('accepts Python 3.9, the oldest the server runs on (with bundled/libs-py39)', () => {
        assert.deepEqual(MIN_PYTHON, [3, 9]);
        for (const version of [[3, 9, 0], [3, 9, 18], [3, 10, 0]] as [number, number, number][]) {
            assert.equal(interpreterProblem(onPath, ran(version), 'useBundled'), undefined, `Python ${version.join('.')}`);
            assert.equal(interpreterProblem(onPath, ran(version), 'fromEnvironment'), undefined, `Python ${version.join('.')}`);
        }
    });

    it('says when no interpreter was found, pointing at the setting', () => {
        const problem = interpreterProblem(undefined, undefined, 'useBundled');
        assert.equal(problem?.setting, 'bnlint.interpreter');
        assert.match(problem!.message, /found no python3 or python on PATH/);
    });

    it('names the interpreter that could not run and where it came from', () => {
        const problem = interpreterProblem(
            { command: '/nope/python', source: 'setting' },
            { ran: false, error: 'no such file' },
            'useBundled',
        );
        assert.equal(problem?.setting, 'bnlint.interpreter');
        assert.match(problem!.message, /"\/nope\/python" \(from the bnlint.interpreter setting\): no such file/);
    });

    it('rejects a too old interpreter with its version', () => {
        for (const version of [[3, 8, 18], [3, 0, 1], [2, 7, 18]] as [number, number, number][]) {
            const problem = interpreterProblem(onPath, ran(version), 'useBundled');
            assert.equal(problem?.setting, 'bnlint.interpreter');
            assert.match(problem!.message, new RegExp(`is Python ${version.join('\\.')}`));
            assert.match(problem!.message, /Python 3\.9 or newer/);
        }
    });

    it('with fromEnvironment, asks for bnlint to be installed, pointing at importStrategy', () => {
        const problem = interpreterProblem(onPath, ran([3, 11, 7], null), 'fromEnvironment');
        assert.equal(problem?.setting, 'bnlint.importStrategy');
        assert.match(problem!.message, /\/usr\/bin\/python3 -m pip install bnlint/);
        // the bundled server does not need an installed bnlint
        assert.equal(interpreterProblem(onPath, ran([3, 11, 7], null), 'useBundled'), undefined);
    });
});

describe('bundledLibPaths', () => {
    it('puts bundled/libs-py39 before bundled/libs for Python 3.9', () => {
        assert.deepEqual(bundledLibPaths('/ext/bundled', 'linux', [3, 9, 18]), ['/ext/bundled/libs-py39', '/ext/bundled/libs']);
        assert.deepEqual(bundledLibPaths('/ext/bundled', 'linux', [3, 9, 0]), ['/ext/bundled/libs-py39', '/ext/bundled/libs']);
    });

    it('gives Python 3.10 and newer bundled/libs alone', () => {
        assert.deepEqual(MAIN_LIBS_MIN_PYTHON, [3, 10]);
        for (const version of [[3, 10, 0], [3, 10, 13], [3, 11, 7], [3, 13, 0], [3, 14, 1], [4, 0, 0]]) {
            assert.deepEqual(bundledLibPaths('/ext/bundled', 'linux', version), ['/ext/bundled/libs'], `Python ${version.join('.')}`);
        }
    });

    it('gives bundled/libs alone before the probe has told the version', () => {
        assert.deepEqual(bundledLibPaths('/ext/bundled', 'linux'), ['/ext/bundled/libs']);
    });

    it('joins with backslashes on Windows', () => {
        assert.deepEqual(bundledLibPaths('C:\\ext\\bundled', 'win32', [3, 9, 13]), [
            'C:\\ext\\bundled\\libs-py39',
            'C:\\ext\\bundled\\libs',
        ]);
        assert.deepEqual(bundledLibPaths('C:\\ext\\bundled', 'win32', [3, 12, 0]), ['C:\\ext\\bundled\\libs']);
    });

    it('names folders that the build writes', () => {
        // scripts/bundle-server.sh fills these two; the build's own check is in bundledServer.test.ts
        const script = fs.readFileSync(path.join(REPO, 'scripts', 'bundle-server.sh'), 'utf-8');
        assert.match(script, /^main=bundled\/libs$/m);
        assert.match(script, /^py39=bundled\/libs-py39$/m);
    });
});

describe('serverEnvironment', () => {
    it('puts the bundled libraries first on PYTHONPATH', () => {
        const env = serverEnvironment({ PYTHONPATH: '/mine', HOME: '/h', GONE: undefined }, 'useBundled', ['/ext/bundled/libs'], 'linux');
        assert.equal(env.PYTHONPATH, '/ext/bundled/libs:/mine');
        assert.equal(env.HOME, '/h');
        assert.ok(!('GONE' in env));
        assert.equal(env.PYTHONIOENCODING, 'utf-8');
        assert.equal(serverEnvironment({}, 'useBundled', ['C:\\ext\\libs'], 'win32').PYTHONPATH, 'C:\\ext\\libs');
        assert.equal(serverEnvironment({ PYTHONPATH: 'D:\\x' }, 'useBundled', ['C:\\libs'], 'win32').PYTHONPATH, 'C:\\libs;D:\\x');
    });

    it('keeps the order of several bundled folders, all before the user\'s PYTHONPATH', () => {
        const py39 = bundledLibPaths('/ext/bundled', 'linux', [3, 9, 18]);
        assert.equal(
            serverEnvironment({ PYTHONPATH: '/mine' }, 'useBundled', py39, 'linux').PYTHONPATH,
            '/ext/bundled/libs-py39:/ext/bundled/libs:/mine',
        );
        assert.equal(serverEnvironment({}, 'useBundled', py39, 'linux').PYTHONPATH, '/ext/bundled/libs-py39:/ext/bundled/libs');
        const win = bundledLibPaths('C:\\ext\\bundled', 'win32', [3, 9, 18]);
        assert.equal(
            serverEnvironment({ PYTHONPATH: 'D:\\x' }, 'useBundled', win, 'win32').PYTHONPATH,
            'C:\\ext\\bundled\\libs-py39;C:\\ext\\bundled\\libs;D:\\x',
        );
    });

    it('leaves PYTHONPATH alone with fromEnvironment', () => {
        assert.equal(serverEnvironment({ PYTHONPATH: '/mine' }, 'fromEnvironment', ['/ext/libs'], 'linux').PYTHONPATH, '/mine');
        assert.ok(!('PYTHONPATH' in serverEnvironment({}, 'fromEnvironment', ['/ext/libs'], 'linux')));
        const py39 = bundledLibPaths('/ext/bundled', 'linux', [3, 9, 18]);
        assert.ok(!('PYTHONPATH' in serverEnvironment({}, 'fromEnvironment', py39, 'linux')));
    });
});

describe('the stated minimum Python', () => {
    it('is the same in the manifest and docs/vscode.md as in MIN_PYTHON', () => {
        const minimum = MIN_PYTHON.join('.');
        const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf-8'));
        const interpreter = manifest.contributes.configuration.properties['bnlint.interpreter'].markdownDescription as string;
        assert.ok(interpreter.includes(`(${minimum} or newer)`), interpreter);
        const doc = fs.readFileSync(path.join(REPO, 'docs', 'vscode.md'), 'utf-8');
        // (the build's own Python, "Python 3.11 or newer with pip", is another matter)
        const stated = [
            ...doc.matchAll(/all\s+you\s+need\s+is\s+Python\s+(\d+\.\d+)\s+or\s+newer/g),
            ...doc.matchAll(/runs\s+on\s+any\s+OS\s+with\s+Python\s+(\d+\.\d+)\+/g),
            ...doc.matchAll(/or\s+is\s+older\s+than\s+(\d+\.\d+),/g),
        ].map((m) => m[1]);
        assert.deepEqual(stated, [minimum, minimum, minimum]);
    });
});
