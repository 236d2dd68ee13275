#!/usr/bin/env node
// `npm run lint:deps`: the core's layers and cycles, by the rules in .dependency-cruiser.cjs.
//
// Through dependency-cruiser's API rather than its command line: the command line refuses Node 20
// (its engines say 22 and later), the API cruises and validates here alike (ENVIRONMENT.md measured
// 18.7.2 on Node 20). Prints each broken rule with the files that break it; exits 1 when any does.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);

/** The rules' violations in the tree at `root` (its src/, by its .dependency-cruiser.cjs). */
export async function layerViolations(root) {
  const config = require(resolve(root, '.dependency-cruiser.cjs'));
  const roots = ['src/main', 'src/upstream', 'src/shared', 'src/lib'].filter((p) => existsSync(resolve(root, p)));
  const options = { ...config.options, baseDir: root, validate: true, ruleSet: { forbidden: config.forbidden } };
  if (options.tsConfig) {
    if (existsSync(resolve(root, options.tsConfig.fileName))) options.tsConfig = { fileName: resolve(root, options.tsConfig.fileName) };
    else delete options.tsConfig;
  }
  const { output } = await cruise(roots, options);
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, cycle: (v.cycle ?? []).map((c) => (typeof c === 'string' ? c : c.name)) }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const config = require(resolve('.dependency-cruiser.cjs'));
  const comments = new Map(config.forbidden.map((r) => [r.name, r.comment]));
  const found = await layerViolations(process.cwd());
  for (const v of found) {
    console.error(`layers: ${v.rule}: ${v.from} → ${v.to}${v.cycle.length ? ` (cycle: ${v.cycle.join(' → ')})` : ''}`);
    console.error(`        ${comments.get(v.rule) ?? ''}`);
  }
  console.log(found.length ? `layers: ${found.length} broken` : 'layers: the core is layered, with no cycle');
  process.exit(found.length ? 1 : 0);
}
