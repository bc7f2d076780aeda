// Settings mapping, and the manifest's settings checked against what the server reads.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { needsRestart, RESTART_KEYS, SERVER_KEYS, toClientSettings, toServerSettings } from '../../src/settings';

const REPO = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf-8'));
const properties: Record<string, { default: unknown; enum?: unknown[]; maximum?: number; description?: string; markdownDescription?: string }> =
    manifest.contributes.configuration.properties;

function readerOf(values: Record<string, unknown>) {
    return (key: string) => values[key];
}

describe('toServerSettings', () => {
    it('passes exactly the server keys, values unchanged', () => {
        const settings = toServerSettings(
            readerOf({
                enable: false,
                run: 'onSave',
                select: ['BN00'],
                ignore: null,
                severity: { BN001: 'error' },
                debounceMs: 50,
                interpreter: '/usr/bin/python3',
                importStrategy: 'fromEnvironment',
                'trace.server': 'verbose',
            }),
        );
        assert.deepEqual(settings, {
            enable: false,
            run: 'onSave',
            select: ['BN00'],
            ignore: null,
            severity: { BN001: 'error' },
            debounceMs: 50,
        });
    });

    it('forwards wrong values too, for the server to name in its message', () => {
        const settings = toServerSettings(readerOf({ run: 'sometimes', debounceMs: -5, select: 'BN001' }));
        assert.deepEqual(settings, { run: 'sometimes', debounceMs: -5, select: 'BN001' });
    });
});

describe('toClientSettings', () => {
    it('reads interpreter and importStrategy', () => {
        assert.deepEqual(toClientSettings(readerOf({ interpreter: '/py', importStrategy: 'fromEnvironment' })), {
            interpreter: '/py',
            importStrategy: 'fromEnvironment',
        });
    });

    it('uses the defaults for missing or unknown values', () => {
        assert.deepEqual(toClientSettings(readerOf({ importStrategy: 'bundled', interpreter: 3 })), {
            interpreter: '',
            importStrategy: 'useBundled',
        });
        assert.deepEqual(toClientSettings(readerOf({})), { interpreter: '', importStrategy: 'useBundled' });
    });
});

describe('needsRestart', () => {
    it('restarts for the interpreter and the import strategy only', () => {
        assert.equal(needsRestart((s) => s === 'bnlint.interpreter'), true);
        assert.equal(needsRestart((s) => s === 'bnlint.importStrategy'), true);
        assert.equal(needsRestart((s) => s === 'bnlint.select' || s === 'bnlint.trace.server'), false);
    });
});

describe('package.json settings', () => {
    it('declares every setting the client and server read, each with a description', () => {
        const declared = Object.keys(properties).sort();
        const expected = [...SERVER_KEYS, ...RESTART_KEYS, 'trace.server'].map((key) => `bnlint.${key}`).sort();
        assert.deepEqual(declared, expected);
        for (const [key, property] of Object.entries(properties)) {
            assert.ok(property.description || property.markdownDescription, `${key} has no description`);
        }
    });

    it("has the server's defaults, run modes, debounce limit and severity levels", () => {
        // The server's own values, read from the installed package (the .venv that scripts/test makes).
        const python = path.join(REPO, '.venv', 'bin', 'python');
        const script = [
            'import json',
            'from bnlint.server.settings import Settings, RUN_MODES, MAX_DEBOUNCE_MS, SERVER_KEYS',
            'from bnlint.findings import SEVERITIES',
            's = Settings()',
            'print(json.dumps({"enable": s.enable, "run": s.run, "debounceMs": s.debounce_ms,',
            '    "runModes": list(RUN_MODES), "maxDebounce": MAX_DEBOUNCE_MS, "severities": list(SEVERITIES),',
            '    "keys": sorted(SERVER_KEYS)}))',
        ].join('\n');
        const server = JSON.parse(execFileSync(python, ['-c', script], { encoding: 'utf-8' }));
        assert.deepEqual([...SERVER_KEYS].sort(), server.keys);
        assert.equal(properties['bnlint.enable'].default, server.enable);
        assert.equal(properties['bnlint.run'].default, server.run);
        assert.deepEqual(properties['bnlint.run'].enum, server.runModes);
        assert.equal(properties['bnlint.debounceMs'].default, server.debounceMs);
        assert.equal(properties['bnlint.debounceMs'].maximum, server.maxDebounce);
        // null keeps pyproject.toml's value, which is what the server does with an unset key
        assert.equal(properties['bnlint.select'].default, null);
        assert.equal(properties['bnlint.ignore'].default, null);
        assert.deepEqual(properties['bnlint.severity'].default, {});
        const severity = properties['bnlint.severity'] as unknown as { patternProperties: Record<string, { enum: string[] }> };
        assert.deepEqual(Object.values(severity.patternProperties)[0].enum, server.severities);
    });

    it('activates on Python files and Jupyter notebooks only', () => {
        assert.deepEqual(manifest.activationEvents, ['onLanguage:python', 'onNotebook:jupyter-notebook']);
    });

    it('offers source.fixAll.bnlint and both commands', () => {
        const kinds = manifest.contributes.codeActions.flatMap((entry: { actions: { kind: string }[] }) => entry.actions.map((a) => a.kind));
        assert.deepEqual(kinds, ['source.fixAll.bnlint']);
        const commands = manifest.contributes.commands.map((c: { command: string; category: string; title: string }) => `${c.category}: ${c.title}`);
        assert.deepEqual(commands.sort(), ['bnlint: Restart Server', 'bnlint: Show Logs']);
    });
});
