import { execFileSync } from 'node:child_process';

/** The tests drive the same build a user runs: main (web host), preload and renderer. */
export default function globalSetup(): void {
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'inherit' });
}
