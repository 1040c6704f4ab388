/**
 * virtualenvwrapper's hooks in pyshim's fish commands: a fish translation of
 * virtualenvwrapper's own hook cases (its tests test_hook_dir, test_run_hook,
 * test_mkvirtualenv, test_workon, test_deactivate, test_rmvirtualenv,
 * test_project), run in real fish with real environments.
 *
 * Run-type hooks are programs here as there; source-type hooks are sh for
 * bash and zsh, so fish sources their ".fish" twins.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWith, shells } from '../helpers/machine.js';
import { makeFishWorld, py312, type FishWorld } from './world.js';

const SOURCE_HOOKS = ['initialize', 'postmkvirtualenv', 'predeactivate', 'postdeactivate', 'postactivate'];
const RUN_HOOKS = ['premkvirtualenv', 'prermvirtualenv', 'postrmvirtualenv', 'preactivate', 'get_env_details', 'premkproject', 'postmkproject'];

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describeWith(shells.fish && py312, 'fish and a CPython 3.12')('virtualenvwrapper hooks in fish', () => {
  let w: FishWorld;
  let catchFile: string;
  beforeEach(() => {
    w = makeFishWorld();
    catchFile = path.join(w.tools, 'catch_output');
  });
  afterEach(() => w.cleanup());

  /** What the hooks wrote, one line each. */
  const caught = () => (fs.existsSync(catchFile) ? fs.readFileSync(catchFile, 'utf8').split('\n').filter((l) => l !== '') : []);

  /** A run-type hook: an sh program that records its name, its directory and its arguments. */
  function programHook(file: string, label: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `#!/bin/sh\necho "${label} ${path.basename(file)} $(pwd) $*" >> '${catchFile}'\n`, { mode: 0o755 });
  }

  /** A source-type hook's fish twin: records its name, and what a sourced hook can see. */
  function fishHook(file: string, label: string, extra = ''): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(`${file}.fish`, `echo "${label} ${path.basename(file)}${extra}" >> '${catchFile}'\n`);
  }

  describe('start-up and templates', () => {
    it('the first command makes WORKON_HOME and the global hook templates (sourced ones not executable, run ones executable)', async () => {
      expect(fs.existsSync(w.workonHome)).toBe(false);
      const r = await w.fish('workon; echo "S=$status"');
      expect(r.value('S')).toBe('0');
      // Quiet, as virtualenvwrapper is when it loads: only its "creating" lines.
      expect(r.stderr).not.toContain('does not exist');
      for (const hook of SOURCE_HOOKS) expect(mode(path.join(w.workonHome, hook)), hook).toBe(0o644);
      for (const hook of RUN_HOOKS) expect(mode(path.join(w.workonHome, hook)), hook).toBe(0o755);
      expect(fs.readFileSync(path.join(w.workonHome, 'premkvirtualenv'), 'utf8')).toBe(
        '#!/bin/sh\n# This hook is run after a new virtualenv is created and before it is activated.\n# argument: name of new environment\n\n',
      );
      const created = r.stderr.split('\n').filter((l) => l.startsWith('virtualenvwrapper.user_scripts creating '));
      expect(created).toHaveLength(SOURCE_HOOKS.length + RUN_HOOKS.length);
    });

    it('after `pyshim use` (another line, another WORKON_HOME) the next command starts up again; a WORKON_HOME changed by hand gets the note', async () => {
      const other = path.join(w.home, '.virtualenvs27');
      const byHand = path.join(w.home, 'by-hand');
      const r = await w.fish(
        [
          'workon',
          `set -gx PYSHIM_LINE 2.7; set -gx WORKON_HOME '${other}'`,
          'workon; echo "S1=$status"',
          `set -gx WORKON_HOME '${byHand}'`,
          'workon; echo "S2=$status"',
        ].join('\n'),
      );
      expect([r.value('S1'), r.value('S2')]).toEqual(['0', '0']);
      expect(r.stderr).not.toContain(`${other} does not exist`);
      expect(fs.existsSync(path.join(other, 'premkvirtualenv'))).toBe(true);
      expect(r.stderr).toContain(`NOTE: Virtual environments directory ${byHand} does not exist. Creating...`);
      expect(fs.readdirSync(byHand)).toEqual([]);
    });

    it('with VIRTUALENVWRAPPER_HOOK_DIR the templates go there, and a hook the user wrote is never replaced', async () => {
      const hookDir = path.join(w.home, 'hooks');
      fs.mkdirSync(w.workonHome, { recursive: true });
      fs.mkdirSync(hookDir);
      fs.writeFileSync(path.join(hookDir, 'postactivate'), 'mine\n');
      await w.fish('workon', { env: { VIRTUALENVWRAPPER_HOOK_DIR: hookDir } });
      for (const hook of [...SOURCE_HOOKS, ...RUN_HOOKS]) expect(fs.existsSync(path.join(hookDir, hook)), hook).toBe(true);
      expect(fs.readFileSync(path.join(hookDir, 'postactivate'), 'utf8')).toBe('mine\n');
      expect(fs.readdirSync(w.workonHome)).toEqual([]);
    });

    it('the shebang of the templates is $SHELL, as virtualenvwrapper writes it', async () => {
      await w.fish('workon', { env: { SHELL: '/usr/bin/fish' } });
      expect(fs.readFileSync(path.join(w.workonHome, 'postactivate'), 'utf8')).toBe('#!/usr/bin/fish\n# This hook is sourced after every virtualenv is activated.\n\n');
    });

    it("initialize.fish is sourced by the first command only, from the hook directory only", async () => {
      const hookDir = path.join(w.home, 'hooks');
      fs.mkdirSync(hookDir);
      fs.mkdirSync(w.workonHome);
      fishHook(path.join(w.workonHome, 'initialize'), 'WORKON_HOME');
      fishHook(path.join(hookDir, 'initialize'), 'HOOK_DIR');
      await w.fish('workon >/dev/null; lsvirtualenv -b; workon', { env: { VIRTUALENVWRAPPER_HOOK_DIR: hookDir } });
      expect(caught()).toEqual(['HOOK_DIR initialize']);
    });

    it('mkvirtualenv writes the environment hook templates into bin/ (a name with spaces too)', async () => {
      const r = await w.fish(`mkvirtualenv ' env with space'; echo "S=$status"; echo "VE=$VIRTUAL_ENV"`);
      expect(r.value('S')).toBe('0');
      const bin = path.join(w.workonHome, ' env with space', 'bin');
      expect(r.value('VE')).toBe(path.dirname(bin));
      for (const hook of ['postactivate', 'predeactivate', 'postdeactivate']) expect(mode(path.join(bin, hook)), hook).toBe(0o644);
      for (const hook of ['preactivate', 'get_env_details']) expect(mode(path.join(bin, hook)), hook).toBe(0o755);
      expect(fs.readFileSync(path.join(bin, 'get_env_details'), 'utf8')).toBe(
        "#!/bin/sh\n# This hook is run when the list of virtualenvs is printed in 'long' mode so each name can include details.\n# argument: environment name\n\n",
      );
    });
  });

  describe('mkvirtualenv', () => {
    it('runs premkvirtualenv NAME from WORKON_HOME before activating, and sources postmkvirtualenv.fish after', async () => {
      fs.mkdirSync(w.workonHome);
      programHook(path.join(w.workonHome, 'premkvirtualenv'), 'GLOBAL');
      fishHook(path.join(w.workonHome, 'postmkvirtualenv'), 'GLOBAL', ' $VIRTUAL_ENV');
      const r = await w.fish('cd /; mkvirtualenv env3 >/dev/null; echo "S=$status"');
      expect(r.value('S')).toBe('0');
      expect(caught()).toEqual([`GLOBAL premkvirtualenv ${w.workonHome} env3`, `GLOBAL postmkvirtualenv ${path.join(w.workonHome, 'env3')}`]);
    });

    it('runs the same hooks with virtualenv options before the name (--system-site-packages)', async () => {
      fs.mkdirSync(w.workonHome);
      programHook(path.join(w.workonHome, 'premkvirtualenv'), 'GLOBAL');
      fishHook(path.join(w.workonHome, 'postmkvirtualenv'), 'GLOBAL');
      await w.fish('mkvirtualenv --system-site-packages env189 >/dev/null');
      expect(caught()).toEqual([`GLOBAL premkvirtualenv ${w.workonHome} env189`, 'GLOBAL postmkvirtualenv']);
    });

    it('runs no hook when virtualenv fails or cannot be found', async () => {
      fs.mkdirSync(w.workonHome);
      programHook(path.join(w.workonHome, 'premkvirtualenv'), 'GLOBAL');
      fishHook(path.join(w.workonHome, 'postmkvirtualenv'), 'GLOBAL');
      const failing = await w.fish('mkvirtualenv env3; echo "S=$status"', { env: { VIRTUALENVWRAPPER_VIRTUALENV: 'false' } });
      expect(failing.value('S')).toBe('1');
      const missing = await w.fish('mkvirtualenv env3; echo "S=$status"', { env: { VIRTUALENVWRAPPER_VIRTUALENV: '/path/to/missing/program' } });
      expect(missing.value('S')).toBe('1');
      expect(caught()).toEqual([]);
      expect(fs.existsSync(path.join(w.workonHome, 'env3'))).toBe(false);
    });

    it("a hook's failure is ignored, as virtualenvwrapper ignores it", async () => {
      fs.mkdirSync(w.workonHome);
      fs.writeFileSync(path.join(w.workonHome, 'premkvirtualenv'), '#!/bin/sh\nexit 3\n', { mode: 0o755 });
      const r = await w.fish('mkvirtualenv env4 >/dev/null; echo "S=$status"; echo "VE=$VIRTUAL_ENV"');
      expect(r.value('S')).toBe('0');
      expect(r.value('VE')).toBe(path.join(w.workonHome, 'env4'));
    });
  });

  describe('workon and deactivate', () => {
    beforeEach(async () => {
      const r = await w.fish('mkvirtualenv test1 >/dev/null; and mkvirtualenv test2 >/dev/null; and deactivate; or echo SETUP-FAILED');
      expect(r.stdout).not.toContain('SETUP-FAILED');
    });

    it('workon runs preactivate NAME (global, then the environment’s) and sources postactivate.fish (global, then the environment’s)', async () => {
      for (const t of ['pre', 'post']) {
        const make = t === 'pre' ? programHook : fishHook;
        make(path.join(w.workonHome, `${t}activate`), 'GLOBAL');
        make(path.join(w.workonHome, 'test1', 'bin', `${t}activate`), 'ENV');
      }
      const r = await w.fish('cd /; workon test1; echo "S=$status"');
      expect(r.value('S')).toBe('0');
      expect(caught()).toEqual([`GLOBAL preactivate ${w.workonHome} test1`, `ENV preactivate ${w.workonHome} test1`, 'GLOBAL postactivate', 'ENV postactivate']);
    });

    it('deactivate sources predeactivate.fish (the environment’s, then global) and postdeactivate.fish with VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV', async () => {
      for (const t of ['pre', 'post']) {
        fishHook(path.join(w.workonHome, `${t}deactivate`), 'GLOBAL', ' $VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV');
        fishHook(path.join(w.workonHome, 'test1', 'bin', `${t}deactivate`), 'ENV', ' $VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV');
      }
      const r = await w.fish('workon test1; deactivate; echo "S=$status"; set -q VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV; and echo LEFT=LAST');
      expect(r.value('S')).toBe('0');
      const last = path.join(w.workonHome, 'test1');
      // Empty while the predeactivate hooks run, as in virtualenvwrapper.
      expect(caught()).toEqual(['ENV predeactivate ', 'GLOBAL predeactivate ', `ENV postdeactivate ${last}`, `GLOBAL postdeactivate ${last}`]);
      expect(r.value('LEFT')).toBeUndefined();
    });

    it('workon from one environment to another runs the first one’s deactivate hooks', async () => {
      for (const t of ['pre', 'post']) {
        fishHook(path.join(w.workonHome, `${t}deactivate`), 'GLOBAL');
        fishHook(path.join(w.workonHome, 'test1', 'bin', `${t}deactivate`), 'ENV');
      }
      const r = await w.fish('workon test1; workon test2; echo "VE=$VIRTUAL_ENV"');
      expect(r.value('VE')).toBe(path.join(w.workonHome, 'test2'));
      expect(caught()).toEqual(['ENV predeactivate', 'GLOBAL predeactivate', 'ENV postdeactivate', 'GLOBAL postdeactivate']);
    });

    it('a project’s own .virtualenvwrapper/postactivate.fish and predeactivate.fish run (virtualenvwrapper 6)', async () => {
      const project = path.join(w.home, 'proj');
      fs.mkdirSync(path.join(project, '.virtualenvwrapper'), { recursive: true });
      fs.writeFileSync(path.join(project, '.virtualenvwrapper', 'postactivate.fish'), 'set -gx TEST_PROJECT_HOOK_VAR true\n');
      fs.writeFileSync(path.join(project, '.virtualenvwrapper', 'predeactivate.fish'), 'set -e TEST_PROJECT_HOOK_VAR\n');
      const r = await w.fish(
        [
          `setvirtualenvproject test1 '${project}' >/dev/null`,
          'echo "BEFORE=[$TEST_PROJECT_HOOK_VAR]"',
          'workon test1; echo "DURING=[$TEST_PROJECT_HOOK_VAR]"; echo "PWD=$PWD"',
          'deactivate; echo "AFTER=[$TEST_PROJECT_HOOK_VAR]"',
        ].join('\n'),
      );
      expect(r.value('BEFORE')).toBe('[]');
      expect(r.value('DURING')).toBe('[true]');
      expect(r.value('PWD')).toBe(project);
      expect(r.value('AFTER')).toBe('[]');
    });
  });

  describe('rmvirtualenv, showvirtualenv, lsvirtualenv', () => {
    it('rmvirtualenv runs prermvirtualenv NAME and postrmvirtualenv NAME from WORKON_HOME, for a missing environment too', async () => {
      await w.fish('mkvirtualenv gone >/dev/null; deactivate');
      programHook(path.join(w.workonHome, 'prermvirtualenv'), 'GLOBAL');
      programHook(path.join(w.workonHome, 'postrmvirtualenv'), 'GLOBAL');
      const r = await w.fish('cd /; rmvirtualenv gone never-was; echo "S=$status"; echo "PWD=$PWD"');
      expect(r.value('S')).toBe('0');
      expect(r.value('PWD')).toBe('/');
      expect(caught()).toEqual([
        `GLOBAL prermvirtualenv ${w.workonHome} gone`,
        `GLOBAL postrmvirtualenv ${w.workonHome} gone`,
        `GLOBAL prermvirtualenv ${w.workonHome} never-was`,
        `GLOBAL postrmvirtualenv ${w.workonHome} never-was`,
      ]);
    });

    it('showvirtualenv and lsvirtualenv run get_env_details NAME, global then the environment’s; lsvirtualenv as if each were active', async () => {
      await w.fish('mkvirtualenv one >/dev/null; mkvirtualenv two >/dev/null; deactivate');
      fs.writeFileSync(path.join(w.workonHome, 'get_env_details'), '#!/bin/sh\necho "global details of $1 (active: ${VIRTUAL_ENV:-none})"\n', { mode: 0o755 });
      fs.writeFileSync(path.join(w.workonHome, 'two', 'bin', 'get_env_details'), '#!/bin/sh\necho "own details of $1"\n', { mode: 0o755 });
      const r = await w.fish('echo BEGIN-show; showvirtualenv two; echo END-show; echo BEGIN-ls; lsvirtualenv; echo END-ls');
      const version = `python ${py312!.version}`;
      const show = r.lines.slice(r.lines.indexOf('BEGIN-show') + 1, r.lines.indexOf('END-show'));
      expect(show).toEqual([version, 'global details of two (active: none)', 'own details of two', '']);
      const ls = r.lines.slice(r.lines.indexOf('BEGIN-ls') + 1, r.lines.indexOf('END-ls'));
      expect(ls).toEqual([
        'one',
        '===',
        version,
        `global details of one (active: ${path.join(w.workonHome, 'one')})`,
        '',
        'two',
        '===',
        version,
        `global details of two (active: ${path.join(w.workonHome, 'two')})`,
        'own details of two',
        '',
      ]);
    });

    it('a run-type hook that is not executable is not run, and says so', async () => {
      await w.fish('workon');
      const hook = path.join(w.workonHome, 'prermvirtualenv');
      fs.writeFileSync(hook, `#!/bin/sh\necho "run $*" >> '${catchFile}'\n`);
      fs.chmodSync(hook, 0o444);
      const r = await w.fish('rmvirtualenv foo; echo "S=$status"');
      expect(r.value('S')).toBe('0');
      expect(caught()).toEqual([]);
      expect(r.stderr).toContain(`could not run the hook ${hook}: Permission denied`);
      expect(r.stderr).toContain(`  run: chmod +x ${hook}`);
    });
  });
});
