// The extension's settings: which go to the server, which only the client reads, and which
// need a server restart. Pure functions over a reader, so unit tests run without VS Code.

import { ImportStrategy } from './python';

/** Reads one `bnlint.*` setting by its key without the prefix (`select`, `importStrategy`). */
export type SettingReader = (key: string) => unknown;

/** The settings the server reads (its `SERVER_KEYS`); the rest are the client's own. */
export const SERVER_KEYS = ['enable', 'run', 'select', 'ignore', 'severity', 'debounceMs'] as const;

export type ServerSettings = Partial<Record<(typeof SERVER_KEYS)[number], unknown>>;

/** Changing these means another interpreter or another server: restart it. */
export const RESTART_KEYS = ['interpreter', 'importStrategy'] as const;

/**
 * The server's keys with the values as the user wrote them: the server validates them and
 * names any wrong one in a message, so the client passes them on unchanged rather than
 * dropping them silently.
 */
export function toServerSettings(read: SettingReader): ServerSettings {
    const settings: ServerSettings = {};
    for (const key of SERVER_KEYS) {
        const value = read(key);
        if (value !== undefined) {
            settings[key] = value;
        }
    }
    return settings;
}

/** What only the client reads (bnlint.trace.server is read by vscode-languageclient itself). */
export interface ClientSettings {
    interpreter: string;
    importStrategy: ImportStrategy;
}

export function toClientSettings(read: SettingReader): ClientSettings {
    const interpreter = read('interpreter');
    const importStrategy = read('importStrategy');
    return {
        interpreter: typeof interpreter === 'string' ? interpreter : '',
        importStrategy: importStrategy === 'fromEnvironment' ? 'fromEnvironment' : 'useBundled',
    };
}

/** Given VS Code's `affectsConfiguration` for a change: does the server have to restart? */
export function needsRestart(affects: (section: string) => boolean): boolean {
    return RESTART_KEYS.some((key) => affects(`bnlint.${key}`));
}
