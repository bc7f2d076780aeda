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

    /** The editor that has focus (a text editor, or the focused cell of a notebook). */
    get activeEditor(): Locator {
        return this.page.locator('.editor-group-container.active .monaco-editor').first();
    }

    async quickOpen(fileName: string): Promise<void> {
        await this.page.keyboard.press('Control+P');
        const input = this.page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: APPEAR });
        await input.fill(fileName);
        await this.page
            .locator('.quick-input-list .monaco-list-row', { hasText: fileName })
            .first()
            .waitFor({ timeout: APPEAR });
        await this.page.keyboard.press('Enter');
        await this.page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: APPEAR });
    }

    /** Runs a command from the palette by its full title ("bnlint: Restart Server"). */
    async runCommand(title: string): Promise<void> {
        await this.page.keyboard.press('Control+Shift+P');
        const input = this.page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: APPEAR });
        await input.fill(`>${title}`);
        await this.page
            .locator('.quick-input-list .monaco-list-row.focused', { hasText: title })
            .waitFor({ timeout: APPEAR });
        await this.page.keyboard.press('Enter');
        await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: APPEAR });
    }

    /** Puts the cursor at a 1-based line and column with Go to Line. */
    async goTo(line: number, column: number): Promise<void> {
        await this.page.keyboard.press('Control+G');
        const input = this.page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: APPEAR });
        await input.fill(`${line}:${column}`);
        await this.page.keyboard.press('Enter');
        await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: APPEAR });
    }

    /** Waits until the active editor shows `count` warning squiggles, and returns it. */
    async waitForSquiggles(count: number, scope: Locator = this.activeEditor): Promise<number> {
        const squiggles = scope.locator('.squiggly-warning');
        try {
            await this.page.waitForFunction(
                ([element, wanted]) => (element as Element).querySelectorAll('.squiggly-warning').length === wanted,
                [await scope.elementHandle(), count] as const,
                { timeout: APPEAR },
            );
        } catch {
            throw new Error(`expected ${count} warning squiggles, found ${await squiggles.count()}`);
        }
        return count;
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
                ([element, wanted]) => (element as Element).querySelectorAll('.monaco-list-row[aria-level="2"]').length === wanted,
                [await panel.elementHandle(), expected] as const,
                { timeout: APPEAR },
            );
        } catch {
            throw new Error(`expected ${expected} problems, the panel lists: ${JSON.stringify(await rows.allInnerTexts())}`);
        }
        return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    }

    async closePanel(): Promise<void> {
        if (await this.page.locator('.part.panel').isVisible()) {
            await this.runCommand('View: Close Panel');
        }
    }

    /** Text of the visible toasts. */
    notification(containing: string): Locator {
        return this.page.locator('.notifications-toasts .notification-toast', { hasText: containing });
    }
}
