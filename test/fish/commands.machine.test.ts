/**
 * virtualenvwrapper's commands in pyshim's fish file, as virtualenvwrapper's
 * own test cases check them (its tests/ for mktmpenv, showvirtualenv,
 * cpvirtualenv, allvirtualenv, cdsitepackages, lssitepackages,
 * add2virtualenv, wipeenv, virtualenvwrapper, workon, mkvirtualenv,
 * rmvirtualenv, lsvirtualenv), translated to fish and run in real fish.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VEW_COMMANDS } from '../../src/init/render.js';
import { describeWith, itWith, shells } from '../helpers/machine.js';
import { between, debianVirtualenv, makeFishWorld, makeWheel, py312, virtualenvClone, type FishWorld } from './world.js';

const SITE = path.join('lib', 'python3.12', 'site-packages');
const printPrefix = `echo "PREFIX="(python -c 'import sys; print(sys.prefix)')`;

describeWith(shells.fish && py312, 'fish and a CPython 3.12')('virtualenvwrapper commands in fish', () => {
  let w: FishWorld;
  beforeEach(() => {
    w = makeFishWorld();
  });
  afterEach(() => w.cleanup());

  const env = (name: string) => path.join(w.workonHome, name);
  /** virtualenvwrapper's usual three: test1, test2 and ' env with space' (leading and inner spaces). */
  async function makeThree(): Promise<void> {
    const r = await w.fish("for e in test1 test2 ' env with space'; mkvirtualenv $e >/dev/null; or echo SETUP-FAILED; end; deactivate");
    expect(r.stdout).not.toContain('SETUP-FAILED');
  }
  const envNames = () =>
    fs
      .readdirSync(w.workonHome, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();

  describe('mktmpenv', () => {
    it('makes and activates tmp-…, cds into it and marks it; deactivate removes it', async () => {
      const r = await w.fish(
        [
          'cd /; mktmpenv; echo "S=$status"; echo "VE=$VIRTUAL_ENV"; echo "PWD=$PWD"',
          'echo "README="(cat $VIRTUAL_ENV/README.tmpenv)',
          'deactivate; echo "DEACT=$status"; echo "PWD2=$PWD"',
        ].join('\n'),
      );
      expect(r.value('S')).toBe('0');
      const made = r.value('VE')!;
      expect(path.dirname(made)).toBe(w.workonHome);
      expect(path.basename(made)).toMatch(/^tmp-[0-9a-f]{16}$/);
      expect(r.value('PWD')).toBe(made);
      expect(r.value('README')).toBe("This is a temporary environment. It will be deleted when you run 'deactivate'.");
      expect(r.value('DEACT')).toBe('0');
      expect(r.stdout).toContain(`Removing temporary environment: ${path.basename(made)}`);
      expect(fs.existsSync(made)).toBe(false);
      expect(envNames()).toEqual([]);
      // It was inside the environment: it is left in WORKON_HOME, as by virtualenvwrapper.
      expect(r.value('PWD2')).toBe(w.workonHome);
    });

    it('-n and --no-cd stay in the current directory', async () => {
      const r = await w.fish(['cd /; mktmpenv -n >/dev/null; echo "PWD1=$PWD"; deactivate >/dev/null', 'mktmpenv --no-cd >/dev/null; echo "PWD2=$PWD"'].join('\n'));
      expect(r.value('PWD1')).toBe('/');
      expect(r.value('PWD2')).toBe('/');
    });

    it('passes virtualenv options on (--system-site-packages)', async () => {
      const r = await w.fish('mktmpenv --system-site-packages >/dev/null; echo "VE=$VIRTUAL_ENV"');
      expect(fs.readFileSync(path.join(r.value('VE')!, 'pyvenv.cfg'), 'utf8')).toMatch(/^include-system-site-packages = true$/m);
      const plain = await w.fish('mktmpenv >/dev/null; echo "VE=$VIRTUAL_ENV"');
      expect(fs.readFileSync(path.join(plain.value('VE')!, 'pyvenv.cfg'), 'utf8')).toMatch(/^include-system-site-packages = false$/m);
    });

    itWith(debianVirtualenv, "Debian's virtualenv")('a name given by the user is refused by virtualenv, and nothing is made', async () => {
      const r = await w.fish('mktmpenv name-given-by-user; echo "S=$status"; echo "VE=[$VIRTUAL_ENV]"', { env: { VIRTUALENVWRAPPER_VIRTUALENV: w.virtualenv312 } });
      expect(r.value('S')).not.toBe('0');
      expect(r.value('VE')).toBe('[]');
      expect(envNames()).toEqual([]);
    });
  });

  describe('showvirtualenv', () => {
    it('shows the named or the active environment; without either it is a usage error', async () => {
      const r = await w.fish(
        [
          'showvirtualenv; echo "NONE=$status"',
          'mkvirtualenv shown >/dev/null',
          'echo BEGIN-active; showvirtualenv; echo END-active',
          'deactivate; echo BEGIN-named; showvirtualenv shown; echo END-named',
          'showvirtualenv nope; echo "MISSING=$status"',
        ].join('\n'),
      );
      expect(r.value('NONE')).toBe('2');
      expect(between(r.lines, 'active')).toEqual([`python ${py312!.version}`, '']);
      expect(between(r.lines, 'named')).toEqual([`python ${py312!.version}`, '']);
      expect(r.value('MISSING')).toBe('1');
      expect(r.stderr).toContain(`showvirtualenv: no environment 'nope' in ${w.workonHome}`);
    });
  });

  describeWith(virtualenvClone, 'virtualenv-clone')('cpvirtualenv', () => {
    it('copies an environment under a new name, with its files, and activates the copy', async () => {
      const r = await w.fish(
        [
          'mkvirtualenv cpvenv_test >/dev/null; touch $VIRTUAL_ENV/mytestpackage',
          'cpvirtualenv cpvenv_test copied_venv; echo "S=$status"; echo "VE=$VIRTUAL_ENV"',
          printPrefix,
          'echo BEGIN-list; lsvirtualenv -b; echo END-list',
        ].join('\n'),
      );
      expect(r.value('S')).toBe('0');
      expect(r.stdout).toContain('Copying cpvenv_test as copied_venv...');
      expect(r.value('VE')).toBe(env('copied_venv'));
      expect(r.value('PREFIX')).toBe(env('copied_venv'));
      expect(fs.existsSync(path.join(env('copied_venv'), 'mytestpackage'))).toBe(true);
      expect(between(r.lines, 'list')).toEqual(['copied_venv', 'cpvenv_test']);
    });

    it('names with spaces', async () => {
      const r = await w.fish(`mkvirtualenv ' space source' >/dev/null; cpvirtualenv ' space source' ' space destination' >/dev/null; echo "VE=$VIRTUAL_ENV"`);
      expect(r.value('VE')).toBe(env(' space destination'));
    });

    it('copies an environment from a directory outside WORKON_HOME, under its own name unless given one; ~ is expanded', async () => {
      const outside = path.join(w.home, 'cpvenv_test');
      const r = await w.fish(
        [
          `$VIRTUALENVWRAPPER_VIRTUALENV '${outside}'; touch '${outside}/mytestpackage'`,
          `cpvirtualenv '${outside}' cloned_venv >/dev/null; echo "VE1=$VIRTUAL_ENV"`,
          // Quoted: the ~ reaches cpvirtualenv, which expands it as virtualenvwrapper does.
          `cpvirtualenv '~/cpvenv_test' >/dev/null; echo "VE2=$VIRTUAL_ENV"`,
          printPrefix,
        ].join('\n'),
      );
      expect(r.value('VE1')).toBe(env('cloned_venv'));
      expect(r.value('VE2')).toBe(env('cpvenv_test'));
      expect(r.value('PREFIX')).toBe(env('cpvenv_test'));
      expect(fs.existsSync(path.join(env('cloned_venv'), 'mytestpackage'))).toBe(true);
      expect(fs.existsSync(path.join(env('cpvenv_test'), 'mytestpackage'))).toBe(true);
    });

    it('refuses no source, a source that is nowhere, and a copy that exists, changing nothing', async () => {
      const r = await w.fish(
        [
          'cpvirtualenv; echo "NONE=$status"',
          "cpvirtualenv virtualenvthatdoesntexist foo; echo \"MISSING=$status\"",
          "cpvirtualenv '~/cpvenv_test'; echo \"BAD-PATH=$status\"",
          'mkvirtualenv cpvenv_test >/dev/null; deactivate',
          'cpvirtualenv cpvenv_test; echo "SAME=$status"',
        ].join('\n'),
      );
      expect(r.value('NONE')).toBe('2');
      expect(r.value('MISSING')).toBe('1');
      expect(r.stderr).toContain("cpvirtualenv: 'virtualenvthatdoesntexist' is neither an environment in");
      expect(r.value('BAD-PATH')).toBe('1');
      expect(r.value('SAME')).toBe('1');
      expect(r.stderr).toContain('cpvirtualenv: cpvenv_test virtualenv already exists');
      expect(envNames()).toEqual(['cpvenv_test']);
    });

    it('uses VIRTUALENVWRAPPER_VIRTUALENV_CLONE, and says what to install when it cannot run it', async () => {
      const marker = path.join(w.tools, 'clone-ran');
      const clone = w.script('fake-clone', `#!/bin/sh\ntouch '${marker}'\nexec '${virtualenvClone}' "$@"\n`);
      const r = await w.fish(
        [
          'mkvirtualenv source >/dev/null',
          `cpvirtualenv source destination >/dev/null; echo "S=$status"`,
          'set -gx VIRTUALENVWRAPPER_VIRTUALENV_CLONE /nonexistent/virtualenv-clone',
          'cpvirtualenv source other; echo "NO-CLONE=$status"',
        ].join('\n'),
        { env: { VIRTUALENVWRAPPER_VIRTUALENV_CLONE: clone } },
      );
      expect(r.value('S')).toBe('0');
      expect(fs.existsSync(marker)).toBe(true);
      expect(r.value('NO-CLONE')).toBe('1');
      expect(r.stderr).toContain('cpvirtualenv: cannot run /nonexistent/virtualenv-clone (VIRTUALENVWRAPPER_VIRTUALENV_CLONE)');
      expect(r.stderr).toMatch(/\n {2}install it: .*virtualenv-clone/);
      expect(envNames()).toEqual(['destination', 'source']);
    });

    it('runs precpvirtualenv SOURCE NAME and premkvirtualenv NAME from WORKON_HOME, then postmkvirtualenv and postcpvirtualenv', async () => {
      const out = path.join(w.tools, 'catch_output');
      await w.fish('mkvirtualenv source >/dev/null');
      for (const hook of ['premkvirtualenv', 'precpvirtualenv']) {
        fs.writeFileSync(path.join(w.workonHome, hook), `#!/bin/sh\necho "GLOBAL ${hook} $(pwd) $*" >> '${out}'\n`);
        fs.chmodSync(path.join(w.workonHome, hook), 0o755);
      }
      for (const hook of ['postmkvirtualenv', 'postcpvirtualenv']) fs.writeFileSync(path.join(w.workonHome, `${hook}.fish`), `echo "GLOBAL ${hook}" >> '${out}'\n`);
      await w.fish('cpvirtualenv source destination >/dev/null');
      expect(fs.readFileSync(out, 'utf8')).toBe(
        [
          `GLOBAL precpvirtualenv ${w.workonHome} ${env('source')} destination`,
          `GLOBAL premkvirtualenv ${w.workonHome} destination`,
          'GLOBAL postmkvirtualenv',
          'GLOBAL postcpvirtualenv',
          '',
        ].join('\n'),
      );
    });
  });

  describe('allvirtualenv', () => {
    beforeEach(makeThree);

    it('runs a command in each environment, from its directory, with it active; this shell stays as it was', async () => {
      const r = await w.fish(
        [
          'cd /; set -g path0 (string join : $PATH); set -g dirprev0 (string join : $dirprev)',
          // A program runs from each environment without this shell changing directory …
          'function watch_pwd --on-variable PWD; echo PWD-CHANGED; end',
          "echo BEGIN-sh; allvirtualenv sh -c pwd; echo END-sh; echo \"S=$status\"",
          'functions -e watch_pwd',
          // … a builtin (fish's pwd) from each environment's directory in this shell, which then comes back.
          'echo BEGIN-pwd; allvirtualenv pwd; echo END-pwd',
          "echo BEGIN-prefix; allvirtualenv python -c 'import sys; print(sys.prefix)'; echo END-prefix",
          'echo "PWD=$PWD"; echo "VE=[$VIRTUAL_ENV]"',
          'test "$path0" = (string join : $PATH); and echo PATH=same',
          'test "$dirprev0" = (string join : $dirprev); and echo DIRPREV=same',
        ].join('\n'),
      );
      const block = (name: string, line: string) => [name, '='.repeat(name.length), line, ''];
      const names = [' env with space', 'test1', 'test2'];
      expect(between(r.lines, 'sh')).toEqual(names.flatMap((n) => block(n, env(n))));
      expect(between(r.lines, 'pwd')).toEqual(names.flatMap((n) => block(n, env(n))));
      expect(between(r.lines, 'prefix')).toEqual(names.flatMap((n) => block(n, env(n))));
      expect(r.value('S')).toBe('0');
      expect(r.value('PWD')).toBe('/');
      expect(r.value('VE')).toBe('[]');
      expect(r.value('PATH')).toBe('same');
      expect(r.value('DIRPREV')).toBe('same');
    });

    it('runs fish functions too, and fails when the command fails somewhere', async () => {
      const r = await w.fish(
        [
          "function whereami; echo \"in $VIRTUAL_ENV\"; end",
          'allvirtualenv whereami | string match "in *"',
          "allvirtualenv sh -c 'test \"$(basename \"$VIRTUAL_ENV\")\" != test2' >/dev/null; echo \"S=$status\"",
          'allvirtualenv; echo "NONE=$status"',
        ].join('\n'),
      );
      expect(r.lines.filter((l) => l.startsWith('in '))).toEqual([' env with space', 'test1', 'test2'].map((n) => `in ${env(n)}`));
      expect(r.value('S')).toBe('1');
      expect(r.value('NONE')).toBe('2');
    });
  });

  describe('cdsitepackages, lssitepackages, add2virtualenv', () => {
    it('cdsitepackages goes to site-packages, or a directory in it', async () => {
      const r = await w.fish(
        ['mkvirtualenv sp >/dev/null', 'cdsitepackages; echo "PWD1=$PWD"', 'mkdir -p $PWD/subdir; cd /; cdsitepackages subdir; echo "PWD2=$PWD"'].join('\n'),
      );
      expect(r.value('PWD1')).toBe(path.join(env('sp'), SITE));
      expect(r.value('PWD2')).toBe(path.join(env('sp'), SITE, 'subdir'));
    });

    it('with WORKON_HOME gone they make it again with a note, and without an active environment they refuse and stay put', async () => {
      const gone = path.join(w.workonHome, 'not_there');
      const r = await w.fish(
        [
          'workon >/dev/null; cd $WORKON_HOME',
          `set -gx WORKON_HOME '${gone}'`,
          'cdsitepackages; echo "CD=$status"; echo "PWD=$PWD"',
          `set -gx WORKON_HOME '${gone}2'`,
          'lssitepackages; echo "LS=$status"',
          `set -gx WORKON_HOME '${gone}3'`,
          'cdvirtualenv; echo "CDV=$status"',
        ].join('\n'),
      );
      expect(r.value('CD')).toBe('1');
      expect(r.value('PWD')).toBe(w.workonHome);
      expect(r.value('LS')).toBe('1');
      expect(r.value('CDV')).toBe('1');
      for (const dir of [gone, `${gone}2`, `${gone}3`]) {
        expect(r.stderr).toContain(`NOTE: Virtual environments directory ${dir} does not exist. Creating...`);
        expect(fs.existsSync(dir)).toBe(true);
      }
    });

    it('add2virtualenv puts a directory first on sys.path through the .pth file, and lssitepackages shows it', async () => {
      const r = await w.fish(
        [
          'mkvirtualenv pathtest >/dev/null',
          'add2virtualenv $HOME; echo "S=$status"',
          `echo "PATH1="($VIRTUAL_ENV/bin/python -c 'import sys; print(sys.path[1])')`,
          'echo BEGIN-ls; lssitepackages; echo END-ls',
        ].join('\n'),
      );
      expect(r.value('S')).toBe('0');
      expect(r.value('PATH1')).toBe(w.home);
      const pth = path.join(env('pathtest'), SITE, '_virtualenv_path_extensions.pth');
      const text = fs.readFileSync(pth, 'utf8');
      expect(text.split('\n')).toEqual([
        'import sys; sys.__plen = len(sys.path)',
        w.home,
        "import sys; new=sys.path[sys.__plen:]; del sys.path[sys.__plen:]; p=getattr(sys,'__egginsert',0); sys.path[p:p]=new; sys.__egginsert = p+len(new)",
        '',
      ]);
      expect(fs.readdirSync(path.dirname(pth))).toEqual(['_virtualenv_path_extensions.pth']);
      expect(between(r.lines, 'ls')).toEqual(['_virtualenv_path_extensions.pth', '', '_virtualenv_path_extensions.pth:', ...text.trimEnd().split('\n')]);
    });

    it('add2virtualenv makes relative paths absolute (with a warning), keeps spaces and &, and -d takes paths off', async () => {
      fs.mkdirSync(path.join(w.home, 'a b'));
      fs.mkdirSync(path.join(w.home, 'a & b'));
      const r = await w.fish(
        [
          'mkvirtualenv pathtest >/dev/null; cd $HOME',
          "add2virtualenv '../home' 'a b' 'a & b' '/full/path' '/full/path with spaces' '/full/path & dir'",
          'echo BEGIN-added; string match -v "import*" <(cdsitepackages; echo $PWD)/_virtualenv_path_extensions.pth; echo END-added',
          "add2virtualenv -d '/full/path' '/full/path with spaces' '/full/path & dir'",
          'echo BEGIN-left; add2virtualenv; set -g usage $status; echo END-left; echo "USAGE=$usage"',
        ].join('\n'),
      );
      expect(r.stderr).toContain(`Warning: Converting "../home" to "${w.home}"`);
      expect(between(r.lines, 'added')).toEqual(['/full/path & dir', '/full/path with spaces', '/full/path', path.join(w.home, 'a & b'), path.join(w.home, 'a b'), w.home]);
      expect(between(r.lines, 'left')).toEqual(['Usage: add2virtualenv [-d] DIR...', '', 'Existing paths:', path.join(w.home, 'a & b'), path.join(w.home, 'a b'), w.home]);
      expect(r.value('USAGE')).toBe('1');
    });

    it('without an active environment they refuse', async () => {
      const r = await w.fish('add2virtualenv /x; echo "ADD=$status"; lssitepackages; echo "LS=$status"; cdsitepackages; echo "CD=$status"');
      expect([r.value('ADD'), r.value('LS'), r.value('CD')]).toEqual(['1', '1', '1']);
      expect(r.stderr).toContain('add2virtualenv: no virtual environment is active');
    });
  });

  describe('wipeenv', () => {
    it('uninstalls what was installed, keeps what virtualenvwrapper keeps, and says when there is nothing', async () => {
      const wheels = path.join(w.home, 'wheels');
      fs.mkdirSync(wheels);
      const tiny = await makeWheel(py312!.path, wheels, 'tinypkg');
      const six = await makeWheel(py312!.path, wheels, 'six');
      const r = await w.fish(
        [
          `mkvirtualenv -i '${tiny}' -i '${six}' wipetest >/dev/null 2>&1; echo "MK=$status"`,
          'echo BEGIN-before; python -m pip list --format=freeze; echo END-before',
          'echo BEGIN-wipe; wipeenv; echo END-wipe; echo "S=$status"',
          'echo BEGIN-after; python -m pip list --format=freeze; echo END-after',
          'wipeenv; echo "AGAIN=$status"',
          'deactivate; wipeenv; echo "INACTIVE=$status"',
        ].join('\n'),
        { env: { VIRTUALENVWRAPPER_VIRTUALENV: w.venvWithPip, PIP_NO_INDEX: '1' } },
      );
      expect(r.value('MK')).toBe('0');
      expect(between(r.lines, 'before')).toEqual(expect.arrayContaining(['tinypkg==1.0', 'six==1.0']));
      const wipe = between(r.lines, 'wipe');
      expect(wipe.slice(0, 3)).toEqual(['Uninstalling packages:', 'tinypkg==1.0', '']);
      expect(r.value('S')).toBe('0');
      expect(between(r.lines, 'after')).toContain('six==1.0');
      expect(between(r.lines, 'after')).not.toContain('tinypkg==1.0');
      expect(r.stdout).toContain('Nothing to remove.');
      expect(r.value('AGAIN')).toBe('0');
      expect(r.value('INACTIVE')).toBe('1');
    });
  });

  describe('completion', () => {
    it('completes environment names for showvirtualenv and cpvirtualenv’s source, and directories of site-packages for cdsitepackages', async () => {
      const r = await w.fish(
        [
          'complete -C "cdsitepackages " | count',
          'mkvirtualenv apple >/dev/null; mkvirtualenv banana >/dev/null; mkdir (cdsitepackages; echo $PWD)/pkgdir',
          'echo BEGIN-show; complete -C "showvirtualenv " | string replace -r "\\t.*" ""; echo END-show',
          'echo BEGIN-cp; complete -C "cpvirtualenv a" | string replace -r "\\t.*" ""; echo END-cp',
          'echo BEGIN-site; complete -C "cdsitepackages " | string replace -r "\\t.*" ""; echo END-site',
        ].join('\n'),
      );
      expect(r.lines[0]).toBe('0');
      expect(between(r.lines, 'show')).toEqual(['apple', 'banana']);
      expect(between(r.lines, 'cp')).toEqual(['apple']);
      expect(between(r.lines, 'site')).toEqual(['pkgdir/']);
    });
  });

  describe('virtualenvwrapper (help)', () => {
    it('lists every command, each one defined', async () => {
      const r = await w.fish('virtualenvwrapper; echo "S=$status"; for c in (virtualenvwrapper | string replace -rf "^  ([a-z0-9]+): .*" "\\$1"); functions -q $c; and echo "DEFINED=$c"; end');
      expect(r.value('S')).toBe('0');
      expect(r.stdout).toContain(`WORKON_HOME: ${w.workonHome}`);
      const listed = r.lines.filter((l) => /^ {2}[a-z0-9]+: /.test(l)).map((l) => l.trim().split(':')[0]);
      expect(listed).toEqual([...VEW_COMMANDS].sort());
      expect(r.lines.filter((l) => l.startsWith('DEFINED='))).toHaveLength(VEW_COMMANDS.length);
    });
  });

  describe('workon, mkvirtualenv, rmvirtualenv, lsvirtualenv (virtualenvwrapper’s cases)', () => {
    beforeEach(makeThree);

    it('workon NAME, workon . and names with spaces', async () => {
      const r = await w.fish(
        [
          "workon ' env with space'; echo \"VE1=$VIRTUAL_ENV\"",
          'cd $WORKON_HOME/test1; workon .; echo "VE2=$VIRTUAL_ENV"',
          "cd \"$WORKON_HOME/ env with space\"; workon .; echo \"VE3=$VIRTUAL_ENV\"",
        ].join('\n'),
      );
      expect([r.value('VE1'), r.value('VE2'), r.value('VE3')]).toEqual([env(' env with space'), env('test1'), env(' env with space')]);
    });

    it('the list shows environments (a symlink to one too), not other directories, and no blank lines', async () => {
      fs.mkdirSync(path.join(w.workonHome, 'not_env'));
      fs.symlinkSync('test1', path.join(w.workonHome, 'link_env'));
      const r = await w.fish('echo BEGIN-b; lsvirtualenv -b; echo END-b');
      expect(between(r.lines, 'b')).toEqual([' env with space', 'link_env', 'test1', 'test2']);
    });

    it('mkvirtualenv adds VIRTUALENVWRAPPER_VIRTUALENV_ARGS; no name is a usage error', async () => {
      const r = await w.fish('mkvirtualenv without_pip >/dev/null; echo "S=$status"; echo BEGIN-ls; lssitepackages; echo END-ls; mkvirtualenv; echo "NONE=$status"', {
        env: { VIRTUALENVWRAPPER_VIRTUALENV: w.venvWithPip, VIRTUALENVWRAPPER_VIRTUALENV_ARGS: '--without-pip' },
      });
      expect(r.value('S')).toBe('0');
      expect(between(r.lines, 'ls')).toEqual([]);
      expect(r.value('NONE')).toBe('2');
    });

    it('with WORKON_HOME gone, mkvirtualenv, workon, lsvirtualenv and rmvirtualenv make it again with a note', async () => {
      const gone = path.join(w.workonHome, 'not_there');
      const r = await w.fish(
        [
          'workon >/dev/null',
          `set -gx WORKON_HOME '${gone}-mk'; mkvirtualenv should_be_created >/dev/null; echo "MK=$status"; deactivate`,
          `set -gx WORKON_HOME '${gone}-workon'; workon should_not_be_created; echo "WORKON=$status"`,
          `set -gx WORKON_HOME '${gone}-ls'; lsvirtualenv; echo "LS=$status"`,
          `set -gx WORKON_HOME '${gone}-rm'; rmvirtualenv should_not_be_created; echo "RM=$status"`,
        ].join('\n'),
      );
      expect([r.value('MK'), r.value('WORKON'), r.value('LS'), r.value('RM')]).toEqual(['0', '1', '0', '0']);
      for (const what of ['mk', 'workon', 'ls', 'rm']) expect(r.stderr).toContain(`NOTE: Virtual environments directory ${gone}-${what} does not exist. Creating...`);
      expect(fs.existsSync(path.join(`${gone}-mk`, 'should_be_created', 'pyvenv.cfg'))).toBe(true);
      expect(r.stderr).toContain(`Did not find environment ${path.join(`${gone}-rm`, 'should_not_be_created')} to remove.`);
    });

    it('lsvirtualenv with a space in WORKON_HOME', async () => {
      const spaced = path.join(w.home, 'with space');
      const r = await w.fish(`mkvirtualenv testenv >/dev/null; deactivate; echo BEGIN-b; lsvirtualenv -b; echo END-b`, { env: { WORKON_HOME: spaced } });
      expect(between(r.lines, 'b')).toEqual(['testenv']);
    });

    it('rmvirtualenv removes names with spaces and several at once; from inside the environment it leaves for WORKON_HOME', async () => {
      const r = await w.fish(
        [
          "rmvirtualenv ' env with space'; echo \"RM1=$status\"",
          'mkvirtualenv deleteme2 >/dev/null; cdvirtualenv; deactivate',
          'rmvirtualenv deleteme2 test1; echo "RM2=$status"; echo "PWD=$PWD"',
        ].join('\n'),
      );
      expect(r.value('RM1')).toBe('0');
      expect(r.value('RM2')).toBe('0');
      expect(r.value('PWD')).toBe(w.workonHome);
      expect(envNames()).toEqual(['test2']);
    });
  });
});
