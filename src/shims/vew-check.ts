/**
 * doctor's check of a line's virtualenvwrapper pair: the hook Python really
 * imports virtualenvwrapper.hook_loader (it is run, as the script runs it),
 * and the package it imports is the version the script came with (the
 * script's version is the one whose install record holds its content;
 * virtualenvwrapper.sh itself carries none in most releases).
 *
 * API
 *   checkVewPair(pair, facts, env) → Promise<VewCheck>
 */
import fs from 'node:fs';
import type { Env } from '../paths.js';
import type { VirtualenvwrapperChoice } from './plan.js';
import { distIn } from './vew-installs.js';
import type { VewFacts } from './vew-pair.js';

export type VewCheck =
  /** Same version (or one side's version cannot be told: `unknown` says which). */
  | { kind: 'agree'; version?: string; unknown?: string }
  | { kind: 'gone' }
  /** The hook Python cannot import the hook loader: `said` is its last line of error. */
  | { kind: 'no-import'; said: string }
  | { kind: 'mismatch'; scriptVersions: string[]; hookVersion: string; hookSite: string };

/** Prints the site directory the hook loader comes from (2.6–3.14 syntax). */
const WHERE = 'import os, sys\nimport virtualenvwrapper.hook_loader as h\nsys.stdout.write(os.path.dirname(os.path.dirname(os.path.abspath(h.__file__))) + "\\n")\n';

/**
 * Check one pair. `facts` must include the pair's script (gatherVewFacts
 * with it among the candidates). Runs the hook Python once (outside any
 * active environment, as a new shell would).
 */
export async function checkVewPair(pair: VirtualenvwrapperChoice, facts: VewFacts, env: Env): Promise<VewCheck> {
  if (!fs.existsSync(pair.script) || !fs.existsSync(pair.hookPython)) return { kind: 'gone' };
  const { execa } = await import('execa');
  const clean = Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'VIRTUAL_ENV' && name !== 'PYTHONPATH'));
  const ran = await execa(pair.hookPython, ['-c', WHERE], { env: clean, extendEnv: false, reject: false, all: true, stdin: 'ignore', timeout: 60_000 });
  if (ran.exitCode !== 0) return { kind: 'no-import', said: String(ran.all ?? ran.message ?? '').trim().split('\n').pop() ?? '' };
  const site = String(ran.stdout).trim();
  const hookVersion = distIn(site)?.version;
  const scriptVersions = facts.scripts.find((s) => s.path === pair.script)?.versions ?? [];
  if (!hookVersion) return { kind: 'agree', unknown: `no metadata beside ${site}/virtualenvwrapper` };
  if (!scriptVersions.length) return { kind: 'agree', version: hookVersion, unknown: 'no install record holds this script' };
  if (!scriptVersions.includes(hookVersion)) return { kind: 'mismatch', scriptVersions, hookVersion, hookSite: site };
  return { kind: 'agree', version: hookVersion };
}
