// The built bundled/ folder, started the way the extension starts it: probe the interpreter, put
// the bundled folders for its version on PYTHONPATH (bundledLibPaths), run `-m bnlint serve`, and
// wait for a BN002 diagnostic over LSP. Needs `npm run package` (or `npm run bundle-server`) first.
//
// Interpreters: python3 on PATH, and pyenv's Python 3.9, 3.10 and 3.13 (the newest patch release
// of each under $PYENV_ROOT, else ~/.pyenv). One that is missing is skipped, with the reason in
// the report: it never counts as a pass. BNLINT_TEST_PYTHONS (colon-separated paths) replaces
// the list; those must all exist.

import assert from 'node:assert/strict';
import { ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { bundledLibPaths, judgeInterpreter, parseProbe, PROBE_SCRIPT, serverEnvironment } from '../../src/python';

const REPO = path.resolve(__dirname, '..', '..', '..');
const BUNDLED = path.join(REPO, 'bundled');
const SOURCE = 'import tensorflow as tf\nx = tf.contrib.layers.batch_norm(y)\n';

interface Candidate {
    label: string;
    command: string;
    /** [major, minor] the interpreter must report, for the ones picked by version. */
    expect?: [number, number];
    /** Why it is not tested, when it is not. */
    skip?: string;
}

function pyenvPython(major: number, minor: number): Candidate {
    const label = `Python ${major}.${minor} (pyenv)`;
    const versions = path.join(process.env.PYENV_ROOT || path.join(os.homedir(), '.pyenv'), 'versions');
    const pattern = new RegExp(`^${major}\\.${minor}\\.(\\d+)$`);
    const found = (fs.existsSync(versions) ? fs.readdirSync(versions) : [])
        .map((name) => ({ name, patch: Number(pattern.exec(name)?.[1] ?? -1) }))
        .filter(({ name, patch }) => patch >= 0 && fs.existsSync(path.join(versions, name, 'bin', 'python')))
        .sort((a, b) => b.patch - a.patch)[0];
    if (!found) {
        return {
            label,
            command: '',
            skip: `no Python ${major}.${minor} under ${versions} on this machine (set BNLINT_TEST_PYTHONS to test another interpreter)`,
        };
    }
    return { label, command: path.join(versions, found.name, 'bin', 'python'), expect: [major, minor] };
}

function candidates(): Candidate[] {
    const listed = process.env.BNLINT_TEST_PYTHONS;
    if (listed) {
        return listed
            .split(path.delimiter)
            .filter(Boolean)
            .map((command) => ({ label: command, command }));
    }
    return [{ label: 'python3 on PATH', command: 'python3' }, pyenvPython(3, 9), pyenvPython(3, 10), pyenvPython(3, 13)];
}

/** name -> version pinned in one of scripts/bundle-server*.requirements.txt. */
function pins(file: string): Map<string, string> {
    const result = new Map<string, string>();
    for (const line of fs.readFileSync(path.join(REPO, 'scripts', file), 'utf-8').split('\n')) {
        const match = /^([A-Za-z0-9_.-]+)==([^\s#]+)/.exec(line.trim());
        if (match) {
            result.set(match[1].toLowerCase().replace(/-/g, '_'), match[2]);
        }
    }
    return result;
}

/** The environment the extension's process would have, less anything that changes imports. */
function baseEnvironment(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
    delete env.PYTHONPATH;
    delete env.PYTHONHOME;
    return env;
}

/** A minimal LSP client over the server's stdio: Content-Length framing, JSON-RPC ids. */
class LspConnection {
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly pending = new Map<number, (message: Record<string, unknown>) => void>();
    private readonly listeners: ((message: Record<string, unknown>) => void)[] = [];
    stderr = '';
    /** Rejects when the server exits while something is still awaited. */
    readonly exited: Promise<number | null>;

    constructor(private readonly child: ChildProcessWithoutNullStreams) {
        child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
        child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
        // a write to a server that has gone fails with EPIPE: its exit, with its stderr, is the report
        child.stdin.on('error', () => undefined);
        this.exited = new Promise((resolve) => {
            child.on('exit', (code) => resolve(code));
            child.on('error', (error) => {
                this.stderr += String(error);
                resolve(null);
            });
        });
    }

    private receive(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const headerEnd = this.buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) {
                return;
            }
            const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
            if (this.buffer.length < headerEnd + 4 + length) {
                return;
            }
            const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf-8');
            this.buffer = this.buffer.subarray(headerEnd + 4 + length);
            this.dispatch(JSON.parse(body));
        }
    }

    private dispatch(message: Record<string, unknown>): void {
        if (typeof message.id === 'number' && !('method' in message)) {
            this.pending.get(message.id)?.(message);
            this.pending.delete(message.id);
        } else if ('method' in message && 'id' in message) {
            // a request from the server (registerCapability, configuration, ...): answer null
            this.send({ jsonrpc: '2.0', id: message.id, result: null });
        } else {
            this.listeners.forEach((listener) => listener(message));
        }
    }

    private send(message: object): void {
        const body = Buffer.from(JSON.stringify(message), 'utf-8');
        this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
        this.child.stdin.write(body);
    }

    /** Resolves with the answer, or rejects if the server exits first. */
    private orExit<T>(waiting: Promise<T>, what: string): Promise<T> {
        const exit = this.exited.then((code) => {
            throw new Error(`the server exited (code ${code}) while waiting for ${what}; its stderr:\n${this.stderr}`);
        });
        return Promise.race([waiting, exit]);
    }

    request(method: string, params: unknown): Promise<Record<string, unknown>> {
        const id = this.nextId++;
        const answer = new Promise<Record<string, unknown>>((resolve) => this.pending.set(id, resolve));
        this.send({ jsonrpc: '2.0', id, method, params });
        return this.orExit(answer, `the answer to ${method}`);
    }

    notify(method: string, params: unknown): void {
        this.send({ jsonrpc: '2.0', method, params });
    }

    /** The first notification `method` whose params pass `accept`. */
    notification(method: string, accept: (params: any) => boolean): Promise<any> {
        const found = new Promise((resolve) => {
            this.listeners.push((message) => {
                if (message.method === method && accept(message.params)) {
                    resolve(message.params);
                }
            });
        });
        return this.orExit(found, method);
    }
}

const built = fs.existsSync(path.join(BUNDLED, 'libs', 'bnlint', '__init__.py'));
const notBuilt = built ? undefined : `${BUNDLED} is not built: run "npm run package" (or "npm run bundle-server") first`;

describe('the bundled server, started as the extension starts it', () => {
    for (const candidate of candidates()) {
        // the hang guard is for a server that neither answers nor exits; nothing here is timed
        it(`publishes BN002 with ${candidate.label}`, { skip: notBuilt ?? candidate.skip, timeout: 120_000 }, async () => {
            const platform = process.platform;
            const base = baseEnvironment();

            // 1. the probe, with bundled/libs alone on PYTHONPATH (the version is not known yet)
            const probeEnv = serverEnvironment(base, 'useBundled', bundledLibPaths(BUNDLED, platform), platform);
            const probe = parseProbe(execFileSync(candidate.command, ['-c', PROBE_SCRIPT], { env: probeEnv, encoding: 'utf-8' }));
            if (candidate.expect) {
                assert.deepEqual(probe.version.slice(0, 2), candidate.expect, `${candidate.command} reports ${probe.version.join('.')}`);
            }
            const verdict = judgeInterpreter({ command: candidate.command, source: 'setting' }, { ran: true, result: probe }, 'useBundled');
            assert.ok(verdict.ok, verdict.ok ? '' : verdict.problem.message);
            assert.equal(probe.bnlint, path.join(BUNDLED, 'libs', 'bnlint', '__init__.py'));

            // 2. the server's PYTHONPATH for that version
            const libs = bundledLibPaths(BUNDLED, platform, probe.version);
            const py39 = probe.version[0] === 3 && probe.version[1] === 9;
            assert.deepEqual(
                libs,
                py39 ? [path.join(BUNDLED, 'libs-py39'), path.join(BUNDLED, 'libs')] : [path.join(BUNDLED, 'libs')],
            );
            const env = serverEnvironment(base, 'useBundled', libs, platform);

            // 3. every pinned package is imported from the folder, and in the version, meant for this Python
            const main = pins('bundle-server.requirements.txt');
            const overlay = py39 ? pins('bundle-server.py39.requirements.txt') : new Map<string, string>();
            const names = [...new Set([...main.keys(), ...overlay.keys(), 'bnlint'])];
            const script = [
                'import importlib, json, sys',
                'from importlib.metadata import version',
                'names = sys.argv[1:]',
                'found = {n: [importlib.import_module(n).__file__, version(n) if n != "bnlint" else None] for n in names}',
                'print(json.dumps(found))',
            ].join('\n');
            const found: Record<string, [string, string | null]> = JSON.parse(
                execFileSync(candidate.command, ['-c', script, ...names], { env, encoding: 'utf-8' }),
            );
            for (const name of names) {
                const [file, version] = found[name];
                const folder = overlay.has(name) ? path.join(BUNDLED, 'libs-py39') : path.join(BUNDLED, 'libs');
                assert.ok(file.startsWith(folder + path.sep), `${name} imported from ${file}, not from ${folder}`);
                if (name !== 'bnlint') {
                    assert.equal(version, overlay.get(name) ?? main.get(name), `the version of ${name}`);
                }
            }

            // 4. the server itself, over LSP on stdio
            const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'bnlint-bundled-'));
            const child = spawn(candidate.command, ['-m', 'bnlint', 'serve'], { env, stdio: 'pipe' });
            const server = new LspConnection(child);
            try {
                const file = path.join(workspace, 'model.py');
                fs.writeFileSync(file, SOURCE);
                const uri = pathToFileURL(file).href;
                const init = await server.request('initialize', {
                    processId: process.pid,
                    rootUri: pathToFileURL(workspace).href,
                    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'workspace' }],
                    capabilities: {},
                });
                assert.ok(init.result, `initialize failed: ${JSON.stringify(init.error)}`);
                server.notify('initialized', {});
                const published = server.notification(
                    'textDocument/publishDiagnostics',
                    (params) => params.uri === uri && params.diagnostics.length > 0,
                );
                server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: SOURCE } });
                const { diagnostics } = await published;
                const bn002 = diagnostics.filter((d: { code?: unknown }) => d.code === 'BN002');
                assert.equal(bn002.length, 1, JSON.stringify(diagnostics));
                assert.equal(bn002[0].range.start.line, 1);
                assert.equal(bn002[0].source, 'bnlint');

                const shutdown = await server.request('shutdown', null);
                assert.ok(!shutdown.error, JSON.stringify(shutdown.error));
                server.notify('exit', null);
                assert.equal(await server.exited, 0, server.stderr);
            } finally {
                child.kill();
                fs.rmSync(workspace, { recursive: true, force: true });
            }
        });
    }
});
