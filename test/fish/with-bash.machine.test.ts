/**
 * fish next to bash's virtualenvwrapper (Debian's, on this machine): the same
 * steps in both give the same messages, exit codes, hook calls and files, and
 * what one makes the other uses (cpvirtualenv, mkproject, mktmpenv).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWith, shells, systemPython3 } from '../helpers/machine.js';
import { debianVirtualenvwrapper, makeFishWorld, py312, virtualenvClone, type FishWorld, type RunResult } from './world.js';

/** Exit statuses printed as `echo "RC=$?"` (bash) or `echo "RC=$status"` (fish), in order. */
const statuses = (r: RunResult) => r.lines.filter((l) => l.startsWith('RC='));

describeWith(
  shells.fish && shells.bash && py312 && systemPython3 && debianVirtualenvwrapper,
  "fish, bash, CPython 3.12 and Debian's virtualenvwrapper",
)('fish and bash virtualenvwrapper side by side', () => {
  let w: FishWorld;
  let projectHome: string;
  beforeEach(() => {
    w = makeFishWorld();
    projectHome = path.join(w.home, 'projects');
    w.env.PROJECT_HOME = projectHome;
  });
  afterEach(() => w.cleanup());

  /** Each side starts from no WORKON_HOME and an empty PROJECT_HOME. */
  function fresh(): void {
    fs.rmSync(w.workonHome, { recursive: true, force: true });
    fs.rmSync(projectHome, { recursive: true, force: true });
    fs.mkdirSync(projectHome);
  }

  describe('the same steps, the same results', () => {
    it('rmvirtualenv of a missing name, and commands after WORKON_HOME went missing: same messages, exit codes and directories', async () => {
      const gone = path.join(w.home, 'gone');
      // Each step: its output, then its status. The first line loads virtualenvwrapper (bash does it when sourced).
      const steps = (status: string) =>
        [
          'rmvirtualenv nope',
          `echo "RC=${status}"`,
          `export WORKON_HOME='${gone}-rm'`,
          'rmvirtualenv nope other',
          `echo "RC=${status}"`,
          `export WORKON_HOME='${gone}-ls'`,
          'lsvirtualenv -b',
          `echo "RC=${status}"`,
          `export WORKON_HOME='${gone}-mk'`,
          'mkvirtualenv made >/dev/null',
          `echo "RC=${status}"`,
          'deactivate',
        ].join('\n');
      fresh();
      const bash = await w.bashVew(steps('$?'));
      const bashDirs = fs.readdirSync(w.home).filter((d) => d.startsWith('gone')).sort();
      for (const dir of bashDirs) fs.rmSync(path.join(w.home, dir), { recursive: true });
      fresh();
      const fish = await w.fish(`workon >/dev/null 2>&1\n${steps('$status').replace(/^export (\w+)=/gm, 'set -gx $1 ')}`);
      const creating = (l: string) => l !== '' && !l.startsWith('virtualenvwrapper.user_scripts creating ');
      // One difference, on purpose: bash's lsvirtualenv -b fails when it lists no name (its last
      // command is a grep that found nothing), in any WORKON_HOME; an empty list is no failure in fish.
      expect(statuses(bash)).toEqual(['RC=0', 'RC=0', 'RC=1', 'RC=0']);
      expect(statuses(fish)).toEqual(['RC=0', 'RC=0', 'RC=0', 'RC=0']);
      expect(fish.stdout).toBe(bash.stdout.replace('RC=1', 'RC=0'));
      expect(fish.stderr.split('\n').filter(creating)).toEqual(bash.stderr.split('\n').filter(creating));
      expect(fish.stderr).toContain(`NOTE: Virtual environments directory ${gone}-rm does not exist. Creating...`);
      expect(fish.stderr).toContain(`Did not find environment ${path.join(w.workonHome, 'nope')} to remove.`);
      expect(fs.readdirSync(w.home).filter((d) => d.startsWith('gone')).sort()).toEqual(bashDirs);
      expect(bashDirs).toEqual(['gone-ls', 'gone-mk', 'gone-rm']);
    });

    it('the hook templates fish writes are the bytes and modes bash writes', async () => {
      const snapshot = () => {
        const files: Record<string, string> = {};
        const take = (dir: string, prefix: string) => {
          for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            if (!e.isFile()) continue;
            const file = path.join(dir, e.name);
            files[`${prefix}${e.name}`] = `${(fs.statSync(file).mode & 0o777).toString(8)} ${fs.readFileSync(file, 'utf8')}`;
          }
        };
        take(w.workonHome, '');
        take(path.join(w.workonHome, 'e1', 'bin'), 'e1/bin/');
        for (const key of Object.keys(files)) if (/^e1\/bin\/(activate|Activate|python)/.test(key)) delete files[key];
        return files;
      };
      const env = { SHELL: '/usr/bin/fish' };
      fresh();
      await w.bashVew('mkvirtualenv e1 >/dev/null 2>&1', { env });
      const bash = snapshot();
      fresh();
      await w.fish('mkvirtualenv e1 >/dev/null 2>&1', { env });
      expect(Object.keys(bash)).toHaveLength(12 + 5);
      expect(snapshot()).toEqual(bash);
    });

    describeWith(virtualenvClone, 'virtualenv-clone')('hooks', () => {
      it('mkvirtualenv, workon, deactivate, cpvirtualenv, mkproject, showvirtualenv and rmvirtualenv call the same hooks, with the same arguments, from the same directories', async () => {
        const out = path.join(w.tools, 'catch_output');
        const runHooks = ['premkvirtualenv', 'prermvirtualenv', 'postrmvirtualenv', 'preactivate', 'get_env_details', 'precpvirtualenv', 'premkproject'];
        const sourceHooks = ['postmkvirtualenv', 'postactivate', 'predeactivate', 'postdeactivate', 'postcpvirtualenv', 'postmkproject'];
        const writeHooks = () => {
          fs.mkdirSync(w.workonHome, { recursive: true });
          for (const hook of runHooks) {
            fs.writeFileSync(path.join(w.workonHome, hook), `#!/bin/sh\necho "run ${hook} $(pwd) $*" >> '${out}'\n`, { mode: 0o755 });
          }
          // The sh hook for bash, its fish twin for fish: the same line.
          for (const hook of sourceHooks) {
            fs.writeFileSync(path.join(w.workonHome, hook), `echo "sourced ${hook} [$VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV] $VIRTUAL_ENV" >> '${out}'\n`);
            fs.writeFileSync(path.join(w.workonHome, `${hook}.fish`), `echo "sourced ${hook} [$VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV] $VIRTUAL_ENV" >> '${out}'\n`);
          }
        };
        const steps = [
          'cd /',
          'mkvirtualenv e1 >/dev/null 2>&1',
          'deactivate',
          'workon e1',
          'cpvirtualenv e1 e2 >/dev/null 2>&1',
          'mkproject p1 >/dev/null 2>&1',
          'deactivate',
          'showvirtualenv e1 >/dev/null',
          'rmvirtualenv e2 >/dev/null',
        ].join('\n');
        const log = () => {
          const text = fs.readFileSync(out, 'utf8');
          fs.rmSync(out);
          return text.split('\n');
        };
        fresh();
        writeHooks();
        await w.bashVew(steps);
        const bash = log();
        fresh();
        writeHooks();
        await w.fish(steps);
        expect(log()).toEqual(bash);
        // Not vacuous: every hook was called.
        for (const hook of [...runHooks, ...sourceHooks]) expect(bash.some((l) => l.includes(` ${hook} `)), hook).toBe(true);
      });
    });
  });

  describe('what one makes, the other uses', () => {
    describeWith(virtualenvClone, 'virtualenv-clone')('cpvirtualenv', () => {
      it('a copy made in fish is usable by bash workon, and one made in bash by fish workon', async () => {
        fresh();
        const f = await w.fish('mkvirtualenv orig >/dev/null; and cpvirtualenv orig fishcopy >/dev/null; echo "RC=$status"');
        expect(statuses(f)).toEqual(['RC=0']);
        const b = await w.bashVew(
          [
            'workon fishcopy; echo "VE=$VIRTUAL_ENV"',
            `echo "PREFIX=$(python -c 'import sys; print(sys.prefix)')"`,
            'cpvirtualenv fishcopy bashcopy >/dev/null 2>&1; echo "RC=$?"',
          ].join('\n'),
        );
        expect(b.value('VE')).toBe(path.join(w.workonHome, 'fishcopy'));
        expect(b.value('PREFIX')).toBe(path.join(w.workonHome, 'fishcopy'));
        expect(statuses(b)).toEqual(['RC=0']);
        const f2 = await w.fish(['workon bashcopy; echo "VE=$VIRTUAL_ENV"', `echo "PREFIX="(python -c 'import sys; print(sys.prefix)')`].join('\n'));
        expect(f2.value('VE')).toBe(path.join(w.workonHome, 'bashcopy'));
        expect(f2.value('PREFIX')).toBe(path.join(w.workonHome, 'bashcopy'));
      });
    });

    it('a project made in fish: bash workon goes to it; one made in bash: fish workon goes to it', async () => {
      fresh();
      const f = await w.fish('mkproject fishproj >/dev/null; echo "RC=$status"');
      expect(statuses(f)).toEqual(['RC=0']);
      const b = await w.bashVew(['cd /; workon fishproj; echo "PWD=$PWD"; cdproject; echo "CDPROJECT=$PWD"', 'deactivate; mkproject bashproj >/dev/null 2>&1; echo "RC=$?"'].join('\n'));
      expect(b.value('PWD')).toBe(path.join(projectHome, 'fishproj'));
      expect(b.value('CDPROJECT')).toBe(path.join(projectHome, 'fishproj'));
      expect(statuses(b)).toEqual(['RC=0']);
      const f2 = await w.fish('cd /; workon bashproj; echo "PWD=$PWD"; cd /; cdproject; echo "CDPROJECT=$PWD"');
      expect(f2.value('PWD')).toBe(path.join(projectHome, 'bashproj'));
      expect(f2.value('CDPROJECT')).toBe(path.join(projectHome, 'bashproj'));
    });

    it('a temporary environment made in fish is removed when bash deactivates it', async () => {
      fresh();
      const f = await w.fish('mktmpenv -n >/dev/null; echo "VE=$VIRTUAL_ENV"');
      const tmp = f.value('VE')!;
      expect(fs.existsSync(tmp)).toBe(true);
      const b = await w.bashVew(`workon ${path.basename(tmp)}; deactivate; echo "RC=$?"`);
      expect(statuses(b)).toEqual(['RC=0']);
      expect(b.stdout).toContain(`Removing temporary environment: ${path.basename(tmp)}`);
      expect(fs.existsSync(tmp)).toBe(false);
    });
  });
});
