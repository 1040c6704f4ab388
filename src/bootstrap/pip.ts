/**
 * pip for a line, however it can be had: already there, from its ensurepip,
 * or — for a Python with neither (2.6, 3.3) — from the pip wheel in a local
 * --find-links directory, unpacked and run from there (run from the zip,
 * 2.6's zipimport gives pip's __main__ no __file__), which installs
 * setuptools (when missing) and pip into the user site. Returns how the line
 * runs pip, decided by trying (src/pip-run.ts).
 *
 * API
 *   ensurePip(session)    → PipRun; throws PyshimError naming what to give
 *   pipWheelIn(dir)       the newest pip-*.whl in a directory, or undefined
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PyshimError } from '../errors.js';
import { compareVersions } from '../version.js';
import { decidePipRun, type PipRun } from '../pip-run.js';
import type { Session } from './session.js';

export function pipWheelIn(dir: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  const wheels = names.filter((f) => /^pip-\d[^-]*-.*\.whl$/.test(f));
  const version = (f: string) => f.split('-')[1] ?? '0';
  return wheels.sort((a, b) => compareVersions(version(a), version(b))).pop();
}

/** Try the ways to run pip (with `extra` in the environment), logging each try. */
async function decide(session: Session, extra: Record<string, string> = {}): Promise<PipRun | undefined> {
  const tried = await decidePipRun(session.python, session.ctx.env, extra);
  session.log.line(`\n${tried.output}`);
  return tried.run;
}

/** pip was just installed into the user site: how the line runs it now. */
async function installed(session: Session, how: string): Promise<PipRun> {
  const decided = await decide(session);
  if (!decided) return session.fail('running the pip just installed (neither -m pip nor -m pip.__main__ answered)', session.log.tail(8));
  session.progress.done(`installed into the user site ${how} (pip ${decided.version}, run as -m ${decided.module})`);
  session.report.installed.push('pip');
  return decided;
}

export async function ensurePip(session: Session): Promise<PipRun> {
  const { interpreter, options, progress, line } = session;
  if (interpreter.modules.pip) {
    progress.start('pip');
    const decided = options.pip ?? (await decide(session));
    if (!decided) return session.fail('running pip (neither -m pip nor -m pip.__main__ answered)', session.log.tail(8));
    progress.done(`already there (pip ${decided.version}, run as -m ${decided.module})`);
    session.report.present.push('pip');
    return decided;
  }
  const wheel = options.findLinks ? pipWheelIn(options.findLinks) : undefined;
  if (interpreter.modules.ensurepip) {
    progress.start('pip');
    const result = await session.run(['-m', 'ensurepip', '--user']);
    if (result.ok) return installed(session, 'from its ensurepip');
    if (!wheel) return session.fail('installing pip (ensurepip)', result.output);
    progress.warn('its ensurepip failed; trying the pip wheel in --find-links');
  }
  if (!wheel) {
    const why = options.findLinks && /^[a-z]+:\/\//i.test(options.findLinks) ? ' (--find-links must be a local directory for this)' : options.findLinks ? ` (there is none in ${options.findLinks})` : '';
    progress.start('pip');
    progress.fail('no pip, no ensurepip');
    throw new PyshimError(
      `Python ${session.release} has neither pip nor ensurepip, and pyshim has no pip wheel to start from${why}`,
      `give it a directory with wheels of pip, setuptools and virtualenv for ${line}${line === '2.6' ? ' (pip 9.0.3, setuptools 36.8.0, virtualenv 15.2.0)' : ''}: pyshim bootstrap ${line} --find-links DIR`,
    );
  }
  return fromWheel(session, path.join(options.findLinks!, wheel));
}

/** setuptools and pip into the user site, by the pip of an unpacked wheel on PYTHONPATH. */
async function fromWheel(session: Session, wheel: string): Promise<PipRun> {
  const { progress, report } = session;
  const name = path.basename(wheel);
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-pip-wheel-'));
  try {
    // Python's own zipfile: the interpreter at hand can always read a wheel.
    const unzip = await session.run(['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', wheel, unpacked]);
    if (!unzip.ok) session.fail(`unpacking ${name}`, unzip.output);
    const env = { PYTHONPATH: unpacked };
    const runner = await decide(session, env);
    if (!runner) return session.fail(`running pip from ${name}`, session.log.tail(8));
    const pip = ['-m', runner.module];
    await session.checkSsl();
    if (session.blocked) {
      progress.start('pip');
      progress.fail('no _ssl');
      throw new PyshimError(`${session.blocked}, which the pip wheel would need to fetch setuptools`, `give pip the packages: ${session.withWheels}`);
    }
    const facts = await session.facts();
    if (!facts.setuptools) {
      progress.start('setuptools');
      const result = await session.pipInstall('setuptools', { pip, env });
      if (!result.ok) session.fail('installing setuptools', result.output);
      progress.done(`installed into the user site by pip ${runner.version} from its wheel`);
      report.installed.push('setuptools');
      facts.setuptools = true;
    }
    progress.start('pip');
    // The pip on PYTHONPATH would count as installed already: install it anyway.
    const result = await session.pipInstall('pip', { pip, env, flags: ['--ignore-installed'] });
    if (!result.ok) session.fail('installing pip', result.output);
    return await installed(session, `from ${name}`);
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
}
