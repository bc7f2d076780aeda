// A real VS Code for the end-to-end test: code-server (installed by scripts/setup/vscode.sh)
// with the built .vsix installed, every folder it writes in a temporary directory.

import { ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CODE_SERVER_DIR = process.env.BNLINT_CODE_SERVER_DIR ?? path.join(REPO, '.cache', 'code-server');
export const CODE_SERVER = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const VSIX = path.join(REPO, 'dist', 'bnlint.vsix');
export const CHROMIUM = process.env.BNLINT_CHROMIUM ?? '/usr/bin/chromium';

/** Fails with what to run when something the test needs is not installed: never a skip. */
export function requireInstalled(): void {
    const missing: string[] = [];
    if (!fs.existsSync(CODE_SERVER)) {
        missing.push(`code-server (${CODE_SERVER}): run scripts/setup/vscode.sh`);
    }
    if (!fs.existsSync(CHROMIUM)) {
        missing.push(`Chromium (${CHROMIUM}): run scripts/setup/vscode.sh (apt-get install chromium)`);
    }
    if (!fs.existsSync(VSIX)) {
        missing.push(`the extension (${VSIX}): run npm run package`);
    }
    if (missing.length) {
        throw new Error(`the VS Code end-to-end test cannot run without:\n  ${missing.join('\n  ')}`);
    }
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

function healthy(url: string): Promise<boolean> {
    return new Promise((resolve) => {
        const request = http.get(`${url}/healthz`, (response) => {
            response.resume();
            resolve(response.statusCode === 200);
        });
        request.on('error', () => resolve(false));
        request.setTimeout(2000, () => request.destroy());
    });
}

export interface CodeServer {
    url: string;
    /** Where code-server and its extensions write: removed by stop(). */
    home: string;
    userDataDir: string;
    log: () => string;
    stop: () => Promise<void>;
}

/** Installs the .vsix into a fresh extensions folder and starts code-server on a free port. */
export async function startCodeServer(userSettings: Record<string, unknown>): Promise<CodeServer> {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bnlint-vscode-'));
    const dirs = {
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
    };
    const userDataDir = path.join(home, 'user-data');
    const extensionsDir = path.join(home, 'extensions');
    for (const dir of [...Object.values(dirs), userDataDir, extensionsDir, path.join(userDataDir, 'User')]) {
        fs.mkdirSync(dir, { recursive: true });
    }
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
    const configFile = path.join(home, 'config.yaml');
    fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
    const env = { ...process.env, ...dirs };
    const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

    await promisify(execFile)(CODE_SERVER, [...common, '--install-extension', VSIX], { env });
    const installed = fs.readdirSync(extensionsDir).filter((name) => name.startsWith('bnlint.bnlint-'));
    if (installed.length !== 1) {
        throw new Error(`installing ${VSIX} left ${JSON.stringify(fs.readdirSync(extensionsDir))} in ${extensionsDir}`);
    }

    const port = await freePort();
    let output = '';
    const child: ChildProcess = spawn(
        CODE_SERVER,
        [
            ...common,
            '--auth', 'none',
            '--bind-addr', `127.0.0.1:${port}`,
            '--disable-telemetry',
            '--disable-update-check',
            '--disable-workspace-trust',
            '--disable-getting-started-override',
        ],
        { env, cwd: home, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const url = `http://127.0.0.1:${port}`;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

    const stop = async () => {
        if (child.exitCode === null && child.pid) {
            process.kill(-child.pid, 'SIGTERM'); // its extension host and the bnlint server too
            await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
            if (child.exitCode === null) {
                process.kill(-child.pid, 'SIGKILL');
            }
        }
        fs.rmSync(home, { recursive: true, force: true });
    };

    for (let attempt = 0; attempt < 120; attempt++) {
        if (child.exitCode !== null) {
            break;
        }
        if (await healthy(url)) {
            return { url, home, userDataDir, log: () => output, stop };
        }
        await new Promise((r) => setTimeout(r, 500));
    }
    await stop();
    throw new Error(`code-server did not answer on ${url}/healthz. Its output:\n${output}`);
}
