// The .vsix as the Marketplace and Open VSX get it: `vsce ls` lists only what the extension
// runs or the listing shows, the package is the same for every platform (no native code, only
// py3-none-any wheels, no target platform), the manifest has what a listing needs, the README's
// pictures point at files of this repository, and the README states the package's size.
// The .vsix checks need `npm run package` first; without dist/bnlint.vsix they are skipped.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const REPO = path.resolve(__dirname, '..', '..', '..');
const VSIX = path.join(REPO, 'dist', 'bnlint.vsix');
const MANIFEST = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf-8'));
const NATIVE = /\.(node|so|pyd|dll|dylib|exe)$/i;

/** The README that `npm run package` hands to vsce (--readme-path). */
function packagedReadmeSource(): string {
    const match = /--readme-path (\S+)/.exec(MANIFEST.scripts.package);
    assert.ok(match, 'the package script names the README with --readme-path');
    return match[1];
}

/** Top-level names of the npm packages the extension runs (package-lock.json, not dev). */
function runtimeNpmPackages(): Set<string> {
    const lock = JSON.parse(fs.readFileSync(path.join(REPO, 'package-lock.json'), 'utf-8'));
    const names = new Set<string>();
    for (const [where, entry] of Object.entries<{ dev?: boolean }>(lock.packages)) {
        if (where.startsWith('node_modules/') && !entry.dev) {
            names.add(where.slice('node_modules/'.length).split('/node_modules/')[0]);
        }
    }
    return names;
}

function vsceLs(): string[] {
    const vsce = path.join(REPO, 'node_modules', '.bin', 'vsce');
    const output = execFileSync(vsce, ['ls', '--readme-path', packagedReadmeSource()], { cwd: REPO, encoding: 'utf-8' });
    return output.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Why `file` should not be in the package, or undefined when it belongs there. */
function stray(file: string, runtime: Set<string>): string | undefined {
    if (NATIVE.test(file)) {
        return 'native code ties the package to one platform';
    }
    if (/(^|\/)__pycache__\/|\.pyc$/.test(file)) {
        return 'compiled Python cache';
    }
    const fixed = ['package.json', 'LICENSE', 'CHANGELOG.md', packagedReadmeSource(), MANIFEST.icon];
    if (fixed.includes(file)) {
        return undefined;
    }
    if (/^out\/src\/[\w/]+\.js$/.test(file)) {
        return undefined;
    }
    if (/^bundled\/(libs|libs-py39)\//.test(file)) {
        return undefined;
    }
    const npm = /^node_modules\/((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(file);
    if (npm) {
        if (!runtime.has(npm[1])) {
            return `${npm[1]} is not a runtime dependency`;
        }
        return /\.js$|(^|\/)package\.json$|^licen[cs]e/i.test(npm[2]) ? undefined : 'not code or license of a dependency';
    }
    return 'not part of the extension';
}

/** name -> bytes of the .vsix's entries (read with Python's zipfile: no zip library is a dependency). */
function vsixEntries(): Map<string, Buffer> {
    const script =
        'import base64, json, sys, zipfile\n' +
        'z = zipfile.ZipFile(sys.argv[1])\n' +
        'wanted = lambda n: n.endswith((".vsixmanifest", ".md", "package.json", "/WHEEL", ".png")) and "/node_modules/" not in n\n' +
        'print(json.dumps({n: base64.b64encode(z.read(n)).decode() if wanted(n) else "" for n in z.namelist()}))\n';
    const listing = JSON.parse(execFileSync('python3', ['-c', script, VSIX], { encoding: 'utf-8', maxBuffer: 64 << 20 }));
    return new Map(Object.entries<string>(listing).map(([name, data]) => [name, Buffer.from(data, 'base64')]));
}

function trackedFiles(): Set<string> {
    const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf-8' });
    return new Set(listed.split('\n').filter(Boolean));
}

describe('the .vsix for the Marketplace and Open VSX', () => {
    it('vsce ls lists no stray files', () => {
        const runtime = runtimeNpmPackages();
        const files = vsceLs();
        const problems = files.map((file) => [file, stray(file, runtime)]).filter(([, why]) => why);
        assert.deepEqual(problems, [], 'files that vsce would package but should not');
        for (const needed of ['package.json', 'CHANGELOG.md', MANIFEST.icon, MANIFEST.main.replace(/^\.\//, '')]) {
            assert.ok(files.includes(needed), `${needed} is packaged`);
        }
        assert.ok(files.includes('node_modules/vscode-languageclient/lib/node/main.js'), 'the language client is packaged');
    });

    it('has what a listing needs: icon, banner, changelog, extension kind', () => {
        assert.deepEqual(MANIFEST.extensionKind, ['workspace']);
        assert.match(MANIFEST.galleryBanner.color, /^#[0-9a-f]{6}$/i);
        assert.ok(['dark', 'light'].includes(MANIFEST.galleryBanner.theme));
        assert.ok(MANIFEST.repository.url.startsWith('https://'), 'vsce rewrites README links from the repository');
        const icon = fs.readFileSync(path.join(REPO, MANIFEST.icon));
        // the Marketplace takes a PNG of at least 128x128 (no SVG)
        assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
        const [width, height] = [icon.readUInt32BE(16), icon.readUInt32BE(20)];
        assert.ok(width >= 128 && width === height, `icon is ${width}x${height}`);
        const changelog = fs.readFileSync(path.join(REPO, 'CHANGELOG.md'), 'utf-8');
        assert.match(changelog, new RegExp(`^## ${MANIFEST.version.replace(/\./g, '\\.')}$`, 'm'), 'the changelog has this version');
    });

    const notBuilt = fs.existsSync(VSIX) ? undefined : `no ${VSIX}: run npm run package`;

    it('is one package for every platform', { skip: notBuilt }, () => {
        const entries = vsixEntries();
        const manifest = entries.get('extension.vsixmanifest')!.toString('utf-8');
        assert.doesNotMatch(manifest, /TargetPlatform=/, 'no target platform: the same .vsix installs everywhere');
        assert.deepEqual([...entries.keys()].filter((name) => NATIVE.test(name)), []);
        const wheels = [...entries.keys()].filter((name) => /^extension\/bundled\/[^/]+\/[^/]+\.dist-info\/WHEEL$/.test(name));
        assert.ok(wheels.length >= 8, `the bundled packages' WHEEL files (${wheels.length})`);
        for (const name of wheels) {
            const tags = [...entries.get(name)!.toString('utf-8').matchAll(/^Tag: (\S+)$/gm)].map((m) => m[1]);
            assert.ok(tags.length > 0 && tags.every((tag) => /^py[23](\.py3)?-none-any$/.test(tag)), `${name}: ${tags}`);
        }
    });

    it("the README's pictures and links point at files of this repository", { skip: notBuilt }, () => {
        const entries = vsixEntries();
        const readme = entries.get('extension/readme.md')!.toString('utf-8');
        const tracked = trackedFiles();
        const base = MANIFEST.repository.url.replace(/\.git$/, '');
        const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
        assert.ok(images.length >= 3, 'the README shows pictures');
        const links = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
        for (const url of [...images, ...links]) {
            // the listing pages cannot read files inside the package: vsce rewrites relative
            // links to the repository, and a browser resolves the ../ in them
            const resolved = new URL(url);
            assert.equal(resolved.protocol, 'https:', url);
            if (!resolved.href.startsWith(`${base}/`)) {
                continue; // another site
            }
            const file = /^\/[^/]+\/[^/]+\/(?:raw|blob)\/HEAD\/(.+)$/.exec(resolved.pathname)?.[1];
            if (file === undefined) {
                assert.equal(resolved.href.replace(/[#?].*$/, ''), base, url);
                continue;
            }
            assert.ok(tracked.has(decodeURIComponent(file)), `${url} -> ${file}, which is not a file of this repository`);
            if (images.includes(url)) {
                assert.match(file, /\.(png|gif|jpe?g)$/i, 'the Marketplace refuses SVG pictures');
                assert.match(resolved.pathname, /\/raw\//, `${url}: a picture needs the raw file`);
            }
        }
    });

    it('the README states the size of the .vsix', { skip: notBuilt }, () => {
        const readme = fs.readFileSync(path.join(REPO, 'README.md'), 'utf-8');
        const stated = /The `\.vsix` is ([\d.]+) MB/.exec(readme);
        assert.ok(stated, 'README.md says "The `.vsix` is N MB"');
        const actual = fs.statSync(VSIX).size / 1e6;
        const ratio = actual / Number(stated[1]);
        assert.ok(ratio > 0.9 && ratio < 1.1, `README says ${stated[1]} MB, the .vsix is ${actual.toFixed(2)} MB`);
    });
});
