// Driving the VS Code workbench in Chromium the way a user does: keys, not internal APIs.
// Selectors are the workbench's own classes (see ../shared/spec/real-editors.md).

import { Browser, chromium, Locator, Page } from 'playwright-core';
import { CHROMIUM } from './codeServer';

/** Generous bounds for "this should appear": a failure names what never appeared. */
export const APPEAR = 60_000;

export async function openBrowser(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        // the machine's closed network refuses Chromium's own background connections
        args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
        ],
    });
}

export class Workbench {
    constructor(readonly page: Page) {}

    static async open(browser: Browser, url: string, folder: string): Promise<Workbench> {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: APPEAR });
        // the explorer has loaded the folder once its files are listed
        await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: APPEAR });
        return new Workbench(page);
    }

    /** Opens the quick input with Ctrl+Shift+P, which the browser leaves to the page wherever the
     *  focus is (Ctrl+P, Ctrl+G and Ctrl+S can reach Chromium's own print, find and save instead),
     *  and types `text`: ">" for a command, ":" for Go to Line, else a file name. */
    private async quickInput(text: string): Promise<void> {
        await this.page.keyboard.press('Control+Shift+P');
        const input = this.page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: APPEAR });
        await input.fill(text);
    }

    async quickOpen(fileName: string): Promise<void> {
        await this.quickInput(fileName);
        await this.page
            .locator('.quick-input-list .monaco-list-row', { hasText: fileName })
            .first()
            .waitFor({ timeout: APPEAR });
        await this.page.keyboard.press('Enter');
        await this.page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: APPEAR });
    }

    /** Runs a command from the palette by its full title ("bnlint: Restart Server"). The palette's
     *  fuzzy order may put another command first: move to the exact title with the arrow keys. */
    async runCommand(title: string): Promise<void> {
        await this.quickInput(`>${title}`);
        const rows = this.page.locator('.quick-input-list .monaco-list-row');
        const exact = (label: string | null) => label === title || (label ?? '').startsWith(`${title},`);
        await this.page
            .locator('.quick-input-list .monaco-list-row', { hasText: title })
            .first()
            .waitFor({ timeout: APPEAR });
        const labels = await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label')));
        const target = labels.findIndex(exact);
        if (target < 0) {
            throw new Error(`no command "${title}" in the palette, which offers ${JSON.stringify(labels)}`);
        }
        const focused = await rows.evaluateAll((elements) => elements.findIndex((e) => e.classList.contains('focused')));
        for (let step = Math.max(focused, 0); step < target; step++) {
            await this.page.keyboard.press('ArrowDown');
        }
        if (!exact(await this.page.locator('.quick-input-list .monaco-list-row.focused').getAttribute('aria-label'))) {
            throw new Error(`could not move the palette's focus to "${title}"`);
        }
        await this.page.keyboard.press('Enter');
        await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: APPEAR });
    }

    /** An explicit save (what editor.codeActionsOnSave "explicit" runs on), whatever has focus. */
    async save(): Promise<void> {
        await this.runCommand('File: Save');
    }

    /** Puts the cursor at a 1-based line and column with Go to Line. */
    async goTo(line: number, column: number): Promise<void> {
        await this.quickInput(`:${line}:${column}`);
        await this.page.keyboard.press('Enter');
        await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: APPEAR });
    }

    /** Waits until the element `scope` selects (by default the active editor) shows `count`
     *  warning squiggles. Squiggles are decorations Monaco attaches for the visible lines. */
    async waitForSquiggles(count: number, scope = '.editor-group-container.active .monaco-editor'): Promise<void> {
        const countNow = () =>
            this.page.evaluate((selector) => document.querySelector(selector)?.querySelectorAll('.squiggly-warning').length ?? -1, scope);
        try {
            await this.page.waitForFunction(
                ([selector, wanted]) => document.querySelector(selector)?.querySelectorAll('.squiggly-warning').length === wanted,
                [scope, count] as const,
                { timeout: APPEAR },
            );
        } catch {
            const found = await countNow();
            throw new Error(`expected ${count} warning squiggles in ${scope}, found ${found < 0 ? 'no such element' : found}`);
        }
    }

    /** The rows of the Problems panel, as text ("message bnlint(BN002) [Ln 14, Col 11]"). */
    async problems(expected: number): Promise<string[]> {
        const panel = this.page.locator('.markers-panel');
        if (!(await panel.isVisible())) {
            await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
        }
        const rows = panel.locator('.monaco-list-row[aria-level="2"]');
        try {
            await this.page.waitForFunction(
                (wanted) => document.querySelectorAll('.markers-panel .monaco-list-row[aria-level="2"]').length === wanted,
                expected,
                { timeout: APPEAR },
            );
        } catch {
            throw new Error(`expected ${expected} problems, the panel lists: ${JSON.stringify(await rows.allInnerTexts())}`);
        }
        return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    }

    async closePanel(): Promise<void> {
        const panel = this.page.locator('.part.panel');
        if (await panel.isVisible()) {
            await this.runCommand('View: Toggle Panel Visibility');
            await panel.waitFor({ state: 'hidden', timeout: APPEAR });
        }
    }

    /** Text of the visible toasts. */
    notification(containing: string): Locator {
        return this.page.locator('.notifications-toasts .notification-toast', { hasText: containing });
    }
}
