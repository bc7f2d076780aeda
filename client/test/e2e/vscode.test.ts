// End to end in a real VS Code: the built .vsix installed into code-server, driven in Chromium.
// Each step depends on the one before (one workbench, one server), so they run in order.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { Browser } from 'playwright-core';
import { CodeServer, REPO, requireInstalled, startCodeServer } from './codeServer';
import { APPEAR, openBrowser, Workbench } from './workbench';

const FIXTURES = path.join(REPO, 'client', 'test', 'fixtures', 'workspace');
// Screenshots go to test-results/ (git-ignored) on every run; BNLINT_UPDATE_SCREENSHOTS=1 writes
// them into docs/images instead, so that the README's pictures change only when asked to.
const SCREENSHOTS = process.env.BNLINT_UPDATE_SCREENSHOTS === '1'
    ? path.join(REPO, 'docs', 'images')
    : path.join(REPO, 'test-results', 'screenshots');
const ALL_RULES = ['BN001', 'BN002', 'BN003', 'BN004', 'BN005', 'BN006', 'BN007'];

/** Settings that keep the workbench quiet and deterministic: no welcome page, no AI items. */
const USER_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
};

function lineOf(text: string, fragment: string): number {
    const index = text.split('\n').findIndex((line) => line.includes(fragment));
    assert.ok(index >= 0, `the fixture has no line with ${JSON.stringify(fragment)}`);
    return index + 1;
}

/** Polls the file until its text differs from `before` (the editor's save reached the disk). */
async function changedOnDisk(file: string, before: string): Promise<string> {
    // The save truncates the file before writing it: take the new text only once two reads
    // 100 ms apart agree, so that a half-written file is never mistaken for the result.
    let previous: string | undefined;
    for (let attempt = 0; attempt < APPEAR / 100; attempt++) {
        const text = fs.readFileSync(file, 'utf-8');
        if (text !== before && text === previous) {
            return text;
        }
        previous = text;
        await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${file} was not saved`);
}

describe('bnlint in VS Code (code-server)', () => {
    let server: CodeServer;
    let browser: Browser;
    let workbench: Workbench;
    let workspace: string;

    before(async () => {
        requireInstalled();
        server = await startCodeServer(USER_SETTINGS);
        workspace = path.join(server.home, 'workspace');
        fs.cpSync(FIXTURES, workspace, { recursive: true });
        // Workspace settings change during the test: VS Code notices edits of a settings file that
        // existed when the folder opened, not reliably one created later.
        fs.mkdirSync(path.join(workspace, '.vscode'));
        fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), '{}\n');
        browser = await openBrowser();
        workbench = await Workbench.open(browser, server.url, workspace);
        fs.mkdirSync(SCREENSHOTS, { recursive: true });
    });

    // What the workbench looked like after each step, for reading a failure (test-results/ is git-ignored).
    afterEach(async (context) => {
        const name = (context as unknown as { name: string }).name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60);
        fs.mkdirSync(path.join(REPO, 'test-results', 'vscode'), { recursive: true });
        await workbench?.page.screenshot({ path: path.join(REPO, 'test-results', 'vscode', `${name}.png`) }).catch(() => undefined);
    });

    after(async () => {
        await browser?.close();
        await server?.stop();
    });

    it('shows a squiggle for each pitfall, with the rule in the Problems panel', async () => {
        await workbench.quickOpen('pitfalls.py');
        await workbench.waitForSquiggles(ALL_RULES.length);
        const problems = await workbench.problems(ALL_RULES.length);
        const codes = problems.map((row) => /bnlint\W*(BN\d{3})/.exec(row)?.[1]).sort();
        assert.deepEqual(codes, ALL_RULES, `Problems panel: ${JSON.stringify(problems)}`);
        await workbench.closePanel();
    });

    it('hovering a squiggle shows the rule and its message', async () => {
        const text = fs.readFileSync(path.join(workspace, 'pitfalls.py'), 'utf-8');
        await workbench.goTo(lineOf(text, 'net = slim.batch_norm(net)'), 11);
        await workbench.page.keyboard.press('Control+K');
        await workbench.page.keyboard.press('Control+I');
        const hover = workbench.page.locator('.monaco-hover', { hasText: 'BN002' }).first();
        await hover.waitFor({ timeout: APPEAR });
        const message = await hover.innerText();
        assert.match(message, /slim\.batch_norm is called without is_training, which defaults to True/);
        assert.match(message, /BN002/);
        await workbench.page.screenshot({ path: path.join(SCREENSHOTS, 'vscode-squiggles.png') });
        await workbench.page.keyboard.press('Escape');
    });

    it('Quick Fix (Ctrl+.) applies the preferred fix, which reaches the disk and clears the squiggle', async () => {
        const file = path.join(workspace, 'pitfalls.py');
        const before = fs.readFileSync(file, 'utf-8');
        const line = lineOf(before, 'net = slim.batch_norm(net)');
        await workbench.goTo(line, 11);
        await workbench.page.keyboard.press('Control+Period');
        const menu = workbench.page.locator('.action-widget');
        await menu.locator('.monaco-list-row').first().waitFor({ timeout: APPEAR });
        const titles = (await menu.locator('.monaco-list-row').allInnerTexts()).map((t) => t.trim());
        const wanted = 'Pass is_training=is_training';
        assert.ok(titles.some((t) => t.includes(wanted)), `Quick Fix menu: ${JSON.stringify(titles)}`);
        assert.ok(titles.some((t) => t.includes('Ignore BN002 on this line')), `Quick Fix menu: ${JSON.stringify(titles)}`);
        await workbench.page.screenshot({ path: path.join(SCREENSHOTS, 'vscode-quick-fix.png') });
        // Clicking a row is swallowed by an invisible pointer block: choose with the arrow keys.
        for (let step = 0; step < titles.length; step++) {
            const focused = (await menu.locator('.monaco-list-row.focused').innerText().catch(() => '')).trim();
            if (focused.includes(wanted)) {
                break;
            }
            await workbench.page.keyboard.press('ArrowDown');
        }
        assert.match(await menu.locator('.monaco-list-row.focused').innerText(), new RegExp(wanted));
        await workbench.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden', timeout: APPEAR });
        await workbench.save();
        const after = await changedOnDisk(file, before);
        const expected = before.replace('net = slim.batch_norm(net)', 'net = slim.batch_norm(net, is_training=is_training)');
        assert.equal(after, expected);
        await workbench.waitForSquiggles(ALL_RULES.length - 1);
        const problems = await workbench.problems(ALL_RULES.length - 1);
        assert.ok(!problems.some((row) => /bnlint\W*BN002/.test(row)), `BN002 still listed: ${JSON.stringify(problems)}`);
        await workbench.closePanel();
        await workbench.page.screenshot({ path: path.join(SCREENSHOTS, 'vscode-after-fix.png') });
    });

    it('source.fixAll.bnlint in editor.codeActionsOnSave fixes the file on save', async () => {
        fs.writeFileSync(
            path.join(workspace, '.vscode', 'settings.json'),
            JSON.stringify({ 'editor.codeActionsOnSave': { 'source.fixAll.bnlint': 'explicit' } }, null, 2),
        );
        const file = path.join(workspace, 'fixall.py');
        const before = fs.readFileSync(file, 'utf-8');
        await workbench.quickOpen('fixall.py');
        await workbench.waitForSquiggles(2);
        // Type a third pitfall on a new line and wait until the server has checked the new text:
        // the server offers fixes only for the version it checked, so a save before that fixes nothing.
        const line = lineOf(before, 'x = tf.layers.batch_normalization(x)');
        await workbench.goTo(line, 1);
        await workbench.page.keyboard.press('End');
        await workbench.page.keyboard.press('Enter');
        await workbench.page.keyboard.type('x = slim.batch_norm(x)');
        await workbench.waitForSquiggles(3);
        await workbench.save();
        const after = await changedOnDisk(file, before);
        const expected = before
            .replace('x = slim.batch_norm(x)', 'x = slim.batch_norm(x, is_training=is_training)')
            .replace(
                'x = tf.layers.batch_normalization(x)\n',
                'x = tf.layers.batch_normalization(x, training=is_training)\n    x = slim.batch_norm(x, is_training=is_training)\n',
            );
        assert.equal(after, expected);
        await workbench.waitForSquiggles(0);
    });

    it('checks the Python cells of a Jupyter notebook', async () => {
        await workbench.quickOpen('notebook.ipynb');
        // the notebook editor draws its cells in an overlay above the editor group
        const notebook = '.notebookOverlay';
        await workbench.page.locator(notebook).waitFor({ timeout: APPEAR });
        await workbench.waitForSquiggles(1, notebook);
        // the other open files' problems are listed too: pitfalls.py has 6 left, fixall.py none
        const problems = await workbench.problems(ALL_RULES.length);
        const cell = problems.filter((row) => /without is_training.*bnlint\W*BN002 \[Ln 2, Col 12\]/.test(row));
        assert.equal(cell.length, 1, `Problems panel: ${JSON.stringify(problems)}`);
        await workbench.closePanel();
        await workbench.page.screenshot({ path: path.join(SCREENSHOTS, 'vscode-notebook.png') });
    });

    it('"bnlint: Show Logs" shows the log and "bnlint: Restart Server" starts the server again', async () => {
        await workbench.runCommand('bnlint: Show Logs');
        const output = workbench.page.locator('.part.panel .monaco-editor .view-lines');
        await output.filter({ hasText: 'Starting the bnlint server' }).waitFor({ timeout: APPEAR });
        // Monaco renders spaces as no-break spaces
        const starts = (text: string) => text.replace(/\u00a0/g, ' ').split('Starting the bnlint server').length - 1;
        assert.equal(starts(await output.innerText()), 1);
        await workbench.runCommand('bnlint: Restart Server');
        await output.filter({ hasText: /Starting\sthe\sbnlint\sserver[^]*Starting\sthe\sbnlint\sserver/ }).waitFor({ timeout: APPEAR });
        assert.equal(starts(await output.innerText()), 2);
        await workbench.closePanel();
        // the restarted server checks the open file again
        await workbench.quickOpen('pitfalls.py');
        await workbench.waitForSquiggles(ALL_RULES.length - 1);
    });

    it('a missing interpreter gives one notification whose button opens the setting', async () => {
        const settingsFile = path.join(workspace, '.vscode', 'settings.json');
        const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf-8'));
        fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'bnlint.interpreter': '/nonexistent/bin/python3' }, null, 2));
        const toast = workbench.notification('could not run the Python interpreter "/nonexistent/bin/python3"');
        await toast.waitFor({ timeout: APPEAR });
        assert.equal(await toast.count(), 1);
        // with no server, the squiggles go
        await workbench.waitForSquiggles(0);
        await toast.getByRole('button', { name: 'Open Setting' }).click();
        await workbench.page
            .locator('.settings-editor .setting-item-contents', { hasText: 'Python interpreter that runs the bnlint server' })
            .first()
            .waitFor({ timeout: APPEAR });
        // a good interpreter again: the server comes back, and no other error was shown on the way
        fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
        await workbench.quickOpen('pitfalls.py');
        await workbench.waitForSquiggles(ALL_RULES.length - 1);
        const toasts = await workbench.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
        assert.deepEqual(toasts.filter((text) => !text.includes('/nonexistent/bin/python3')), []);
    });

    it('importStrategy "fromEnvironment" runs the bnlint installed for the interpreter, and says when there is none', async () => {
        const settingsFile = path.join(workspace, '.vscode', 'settings.json');
        const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf-8'));
        // Debian's python3 has no bnlint; the repository's .venv has it (editable, from server/)
        const bare = '/usr/bin/python3';
        const venv = path.join(REPO, '.venv', 'bin', 'python');
        assert.ok(fs.existsSync(bare) && fs.existsSync(venv), `this step needs ${bare} and ${venv}`);
        const withSettings = (extra: object) => fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, ...extra }, null, 2));
        withSettings({ 'bnlint.importStrategy': 'fromEnvironment', 'bnlint.interpreter': bare });
        const toast = workbench.notification('but bnlint is not installed for');
        await toast.waitFor({ timeout: APPEAR });
        assert.match(await toast.innerText(), /-m pip install bnlint/);
        await workbench.waitForSquiggles(0);
        withSettings({ 'bnlint.importStrategy': 'fromEnvironment', 'bnlint.interpreter': venv });
        await workbench.waitForSquiggles(ALL_RULES.length - 1);
        await workbench.runCommand('bnlint: Show Logs');
        const output = workbench.page.locator('.part.panel .monaco-editor .view-lines');
        await output.filter({ hasText: `bnlint from ${path.join(REPO, 'server', 'bnlint', '__init__.py')}` }).waitFor({ timeout: APPEAR });
        await workbench.closePanel();
        fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
    });

    it('settings reach the running server: bnlint.ignore and bnlint.severity', async () => {
        const settingsFile = path.join(workspace, '.vscode', 'settings.json');
        const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf-8'));
        await workbench.quickOpen('pitfalls.py');
        await workbench.waitForSquiggles(ALL_RULES.length - 1);
        fs.writeFileSync(
            settingsFile,
            JSON.stringify({ ...settings, 'bnlint.ignore': ['BN004'], 'bnlint.severity': { BN001: 'error' } }, null, 2),
        );
        // BN004 gone, BN001 now an error: four warnings and one error left of six
        await workbench.waitForSquiggles(ALL_RULES.length - 3);
        const errors = await workbench.page.locator('.editor-group-container.active .monaco-editor .squiggly-error').count();
        assert.equal(errors, 1);
        fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
        await workbench.waitForSquiggles(ALL_RULES.length - 1);
    });
});
