#!/usr/bin/env node
/**
 * `npm start`: builds the app and opens it in Electron. Electron's own binary and an Electron-ABI
 * build of the SQLCipher addon are fetched or built on the first start only, each step said aloud;
 * the Node build of the addon (used by the web host and the tests) is never touched.
 *   npm start [-- --kiosk]
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const say = (msg) => console.log(`start: ${msg}`);
const SQLITE = 'better-sqlite3-multiple-ciphers';

function fail(en, zh) {
  console.error(`\nstart: ${en}\n启动：${zh}\n`);
  process.exit(1);
}

say('building main, preload and renderer (electron-vite build)');
execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });

const electronDir = join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
if (!existsSync(join(electronDir, 'path.txt')) || !existsSync(join(electronDir, 'dist'))) {
  say(`the Electron ${electronVersion} binary is missing: downloading it (node node_modules/electron/install.js)`);
  try {
    execFileSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
  } catch {
    fail(
      `The Electron binary could not be downloaded (this machine cannot reach Electron's download site).\n` +
        `  Run the same app in a browser instead:  npm run web\n` +
        `  or set ELECTRON_MIRROR to a reachable mirror and run npm start again,\n` +
        `  or unpack electron-v${electronVersion} for this platform into node_modules/electron/dist and write its executable's name into node_modules/electron/path.txt.`,
      `无法下载 Electron 程序（本机无法访问其下载站点）。可改用浏览器运行同一应用：npm run web；或设置 ELECTRON_MIRROR 后重试。`,
    );
  }
}

// Native addons are compiled for one runtime's ABI: Electron gets its own copies, built once per
// version, beside the Node builds that the web host and the tests use. pcsclite is optional (it needs
// libpcsclite-dev to build); without it the app reads no cards over PC/SC and says so.
// Per platform and processor too: the same folder must never serve an x64 build to an arm64 machine
// (UOS and Kylin run on Phytium and Kunpeng, arm64, as well as on x64).
const nativeDir = join(root, 'node_modules', '.cache', 'acw-electron-native', `${electronVersion}-${process.platform}-${process.arch}`);
// A module tree of its own, so each addon finds its dependencies (bindings, nan) where Electron loads it.
const tree = join(nativeDir, 'modules');
const staged = [SQLITE, ...(existsSync(join(root, 'node_modules', '@pokusew', 'pcsclite')) ? ['@pokusew/pcsclite'] : [])];
const binding = join(tree, 'node_modules', SQLITE, 'build', 'Release', 'better_sqlite3.node');
const pcscDir = join(tree, 'node_modules', '@pokusew', 'pcsclite');
const built = (name) => existsSync(join(tree, 'node_modules', name, '.acw-built'));

/** Copies a package and, recursively, its dependencies from the project's tree into `tree`. */
function copyWithDeps(name, fromDir, seen = new Set()) {
  if (seen.has(name)) return;
  seen.add(name);
  const pkgDir = dirname(createRequire(join(fromDir, 'package.json')).resolve(`${name}/package.json`));
  cpSync(pkgDir, join(tree, 'node_modules', name), { recursive: true, filter: (src) => !src.startsWith(join(pkgDir, 'build')) && !src.startsWith(join(pkgDir, 'node_modules')) });
  const deps = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).dependencies ?? {};
  for (const dep of Object.keys(deps)) copyWithDeps(dep, pkgDir, seen);
}

if (staged.some((name) => !built(name))) {
  say(`building ${staged.join(' and ')} for Electron ${electronVersion} on ${process.platform}-${process.arch} (once; about a minute), beside the Node builds`);
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(join(tree, 'node_modules'), { recursive: true });
  const seen = new Set();
  for (const name of staged) copyWithDeps(name, root, seen);
  writeFileSync(join(tree, 'package.json'), JSON.stringify({ name: 'acw-electron-native', version: '0.0.0', dependencies: Object.fromEntries(staged.map((n) => [n, '*'])) }));
  try {
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({ buildPath: tree, electronVersion, arch: process.arch, onlyModules: staged, force: true, buildFromSource: true });
  } catch (err) {
    fail(
      `Building ${staged.join(' and ')} for Electron failed: ${err.message}\n  The web host needs no rebuild: npm run web`,
      `为 Electron 编译原生模块失败。网页宿主无需编译：npm run web`,
    );
  }
  for (const name of staged) writeFileSync(join(tree, 'node_modules', name, '.acw-built'), electronVersion);
}

say('opening the acceptance window');
const electron = require('electron');
const child = spawn(electron, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ACW_ELECTRON_SQLITE_BINDING: binding, ...(built('@pokusew/pcsclite') ? { ACW_ELECTRON_PCSCLITE_DIR: pcscDir } : {}) },
});
child.on('exit', (code) => process.exit(code ?? 0));
