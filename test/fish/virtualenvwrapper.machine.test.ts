import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { VEW_COMMANDS } from '../../src/init/render.js';
import { describeWith, pyenvPythons, shells, systemPython3 } from '../helpers/machine.js';
import {
  VEW_FISH,
  debianVirtualenv,
  debianVirtualenvwrapper,
  between,
  makeFishWorld,
  makeWheel,
  py27,
  py312,
  type FishWorld,
} from './world.js';

/** The base interpreter's own site-packages: on sys.path only with global site-packages. */
function baseSitePackages(pythonPath: string, line: string): string {
  return path.join(path.dirname(path.dirname(pythonPath)), 'lib', `python${line}`, 'site-packages');
}

const printSysPath = `echo BEGIN-syspath; python -c 'import sys; sys.stdout.write("\\n".join(sys.path) + "\\n")'; echo END-syspath`;

describeWith(shells.fish, 'fish')('virtualenvwrapper.fish as a file', () => {
  it('passes fish --no-execute', async () => {
    const r = await execa(shells.fish!, ['--no-execute', VEW_FISH], { reject: false });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('sourcing it runs no process and sets no variable: it only defines commands', async () => {
    // With PATH pointing nowhere, any external command at source time would
    // fail loudly; `set -n` before and after shows no variable was made.
    const script = [
      'set -g __names_before (set -n)',
      'source "$VEW_FISH"; or echo SOURCE-FAILED',
      'set -l now (set -n)',
      'for v in $now; contains -- $v $__names_before __names_before; or echo "NEW-VARIABLE=$v"; end',
      `for c in ${VEW_COMMANDS.join(' ')}`,
      '  functions -q $c; and echo "DEFINED=$c"',
      'end',
      'functions -q deactivate; and echo DEACTIVATE-PREDEFINED',
    ].join('\n');
    const r = await execa(shells.fish!, ['--no-config', '-c', script], {
      env: { HOME: '/nonexistent-home', PATH: '/nonexistent-bin', VEW_FISH },
      extendEnv: false,
      reject: false,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('SOURCE-FAILED');
    expect(r.stdout).not.toContain('NEW-VARIABLE');
    // deactivate comes from activate.fish, as in bash: none before a workon.
    expect(r.stdout).not.toContain('DEACTIVATE-PREDEFINED');
    // virtualenvwrapper's 18 commands (the 19th, deactivate, comes from activate.fish).
    expect(r.stdout.split('\n').filter((l) => l.startsWith('DEFINED='))).toEqual(VEW_COMMANDS.map((c) => `DEFINED=${c}`));
  });
  it('sourcing it again, or over lazy stubs, replaces completions instead of adding to them', async () => {
    // init.fish may define cheap stubs that source this file on first use.
    const script = [
      "complete -c workon -f -a '(echo STUB-NAME)'",
      'source "$VEW_FISH"; set -g once (complete -c workon | count)',
      'source "$VEW_FISH"; set -g twice (complete -c workon | count)',
      'echo "ONCE=$once"; echo "TWICE=$twice"',
      'complete -c workon | string match -q "*STUB-NAME*"; and echo STUB-LEFT',
    ].join('\n');
    const r = await execa(shells.fish!, ['--no-config', '-c', script], {
      env: { HOME: '/nonexistent-home', PATH: '/usr/bin:/bin', VEW_FISH },
      extendEnv: false,
      reject: false,
    });
    expect(r.stderr).toBe('');
    expect(Number(r.stdout.match(/^ONCE=(\d+)$/m)?.[1])).toBeGreaterThan(0);
    expect(r.stdout.match(/^TWICE=(\d+)$/m)?.[1]).toBe(r.stdout.match(/^ONCE=(\d+)$/m)?.[1]);
    expect(r.stdout).not.toContain('STUB-LEFT');
  });
});

describeWith(shells.fish && py312, 'fish and a CPython 3.12')('virtualenvwrapper commands in fish (3.12 venv)', () => {
  let w: FishWorld;
  beforeEach(() => {
    w = makeFishWorld();
  });
  afterEach(() => w.cleanup());

  it('mkvirtualenv creates WORKON_HOME (quietly, as virtualenvwrapper does when it loads) and the environment, and activates it', async () => {
    expect(fs.existsSync(w.workonHome)).toBe(false);
    const r = await w.fish(
      [
        'set -g before (string join : $PATH)',
        'mkvirtualenv demo; echo "STATUS=$status"',
        'echo "VE=$VIRTUAL_ENV"',
        'echo "WHICH="(command -s python)',
        `echo "VERSION="(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')`,
        'echo "PATH1="(string join : $PATH)',
        'echo "BEFORE=$before"',
      ].join('\n'),
    );
    const env = path.join(w.workonHome, 'demo');
    expect(r.value('STATUS')).toBe('0');
    expect(r.value('VE')).toBe(env);
    expect(r.value('WHICH')).toBe(path.join(env, 'bin', 'python'));
    expect(r.value('VERSION')).toBe('3.12');
    expect(r.value('PATH1')).toBe(`${env}/bin:${r.value('BEFORE')}`);
    expect(r.stderr).not.toContain('does not exist');
    expect(fs.existsSync(path.join(env, 'pyvenv.cfg'))).toBe(true);
  });

  it('mkvirtualenv passes virtualenv options through (--system-site-packages)', async () => {
    const r = await w.fish(['mkvirtualenv --system-site-packages withsys; echo "STATUS=$status"', printSysPath].join('\n'));
    expect(r.value('STATUS')).toBe('0');
    const cfg = fs.readFileSync(path.join(w.workonHome, 'withsys', 'pyvenv.cfg'), 'utf8');
    expect(cfg).toMatch(/^include-system-site-packages = true$/m);
    expect(between(r.lines, 'syspath')).toContain(baseSitePackages(py312!.path, '3.12'));
  });

  it('mkvirtualenv refuses a name that is a path or an option, and makes nothing', async () => {
    const r = await w.fish(
      ['mkvirtualenv ../escape; echo "S1=$status"', 'mkvirtualenv --clear; echo "S2=$status"', 'mkvirtualenv; echo "S3=$status"'].join('\n'),
    );
    expect([r.value('S1'), r.value('S2'), r.value('S3')]).toEqual(['2', '2', '2']);
    expect(fs.existsSync(path.join(w.home, 'escape'))).toBe(false);
    expect(fs.existsSync(w.workonHome)).toBe(false);
  });

  it('workon lists sorted names, switches environments, and deactivate restores PATH and prompt exactly', async () => {
    const r = await w.fish(
      [
        'mkvirtualenv beta >/dev/null; mkvirtualenv alpha >/dev/null; deactivate',
        // Not environments: a directory without bin/activate, a file.
        'mkdir $WORKON_HOME/not-an-env; touch $WORKON_HOME/stray-file',
        'set -g path0 (string join : $PATH)',
        'set -g prompt0 (fish_prompt | string collect)',
        'echo BEGIN-list; workon; set -g list_status $status; echo END-list; echo "LIST-STATUS=$list_status"',
        'workon alpha; echo "VE1=$VIRTUAL_ENV"',
        'string match -q "*(alpha)*" (fish_prompt | string collect); and echo PROMPT1=shows-alpha',
        'workon beta; echo "VE2=$VIRTUAL_ENV"; echo "PATH2="(string join : $PATH)',
        'string match -q "*(alpha)*" (fish_prompt | string collect); and echo PROMPT2=still-alpha',
        'deactivate; echo "DEACT=$status"',
        'echo "PATH3="(string join : $PATH); echo "PATH0=$path0"',
        'test "$prompt0" = (fish_prompt | string collect); and echo PROMPT3=same',
        'set -q VIRTUAL_ENV; and echo LEFT=VIRTUAL_ENV',
        'set -q _OLD_VIRTUAL_PATH; and echo LEFT=_OLD_VIRTUAL_PATH',
        'functions -q deactivate; and echo LEFT=deactivate',
        'functions -q _old_fish_prompt; and echo LEFT=_old_fish_prompt',
        'functions -q __pyshim_vew_env_deactivate; and echo LEFT=__pyshim_vew_env_deactivate',
      ].join('\n'),
      { interactive: true },
    );
    expect(between(r.lines, 'list')).toEqual(['alpha', 'beta']);
    expect(r.value('LIST-STATUS')).toBe('0');
    expect(r.value('VE1')).toBe(path.join(w.workonHome, 'alpha'));
    expect(r.value('PROMPT1')).toBe('shows-alpha');
    expect(r.value('VE2')).toBe(path.join(w.workonHome, 'beta'));
    expect(r.value('PROMPT2')).toBeUndefined();
    expect(r.value('PATH2')).toBe(`${path.join(w.workonHome, 'beta', 'bin')}:${r.value('PATH0')}`);
    expect(r.value('DEACT')).toBe('0');
    expect(r.value('PATH3')).toBe(r.value('PATH0'));
    expect(r.value('PROMPT3')).toBe('same');
    expect(r.lines.filter((l) => l.startsWith('LEFT='))).toEqual([]);
  });

  it('workon with an unknown name says so in one line, returns 1, and keeps the active environment', async () => {
    const r = await w.fish(['mkvirtualenv here >/dev/null 2>&1', 'workon nope; echo "STATUS=$status"', 'echo "VE=$VIRTUAL_ENV"'].join('\n'));
    expect(r.value('STATUS')).toBe('1');
    expect(r.value('VE')).toBe(path.join(w.workonHome, 'here'));
    const errors = r.stderr.split('\n').filter((l) => l.includes('nope'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^workon: no environment 'nope' in .*mkvirtualenv nope/);
  });

  it('rmvirtualenv removes environments, refuses the active one, and never leaves WORKON_HOME', async () => {
    fs.mkdirSync(path.join(w.home, 'outside'));
    const r = await w.fish(
      [
        'mkvirtualenv keep >/dev/null; mkvirtualenv gone >/dev/null; mkvirtualenv active >/dev/null',
        'rmvirtualenv active; echo "RM-ACTIVE=$status"',
        'rmvirtualenv gone keep; echo "RM-TWO=$status"',
        'rmvirtualenv ../outside; echo "RM-PATH=$status"',
        'rmvirtualenv missing; echo "RM-MISSING=$status"',
        'echo "LEFT="(workon | string join ,)',
        'deactivate; rmvirtualenv active; echo "RM-AFTER=$status"',
      ].join('\n'),
    );
    expect(r.value('RM-ACTIVE')).toBe('1');
    expect(r.stderr).toMatch(/'active' is the active environment; it was not removed\n {2}run: deactivate/);
    expect(r.value('RM-TWO')).toBe('0');
    expect(r.value('RM-PATH')).toBe('2');
    expect(fs.existsSync(path.join(w.home, 'outside'))).toBe(true);
    // As virtualenvwrapper: reported, and not a failure.
    expect(r.value('RM-MISSING')).toBe('0');
    expect(r.stderr).toContain(`Did not find environment ${path.join(w.workonHome, 'missing')} to remove.`);
    expect(r.value('LEFT')).toBe('active');
    expect(r.value('RM-AFTER')).toBe('0');
    // No environment is left: only the global hook templates (files).
    expect(fs.readdirSync(w.workonHome, { withFileTypes: true }).filter((e) => e.isDirectory())).toEqual([]);
  });

  it('lsvirtualenv -b lists names; lsvirtualenv shows each with its Python version', async () => {
    const r = await w.fish(
      ['mkvirtualenv two >/dev/null; mkvirtualenv one >/dev/null', 'echo BEGIN-brief; lsvirtualenv -b; echo END-brief', 'echo BEGIN-long; lsvirtualenv; echo END-long'].join('\n'),
    );
    expect(between(r.lines, 'brief')).toEqual(['one', 'two']);
    expect(between(r.lines, 'long')).toEqual(['one', '===', `python ${py312!.version}`, '', 'two', '===', `python ${py312!.version}`, '']);
  });

  it('cdvirtualenv goes to the environment or a directory in it; without one it says what to do', async () => {
    const r = await w.fish(
      [
        'mkvirtualenv place >/dev/null',
        'cdvirtualenv; echo "PWD1=$PWD"',
        'cdvirtualenv bin; echo "PWD2=$PWD"',
        'deactivate; cd $HOME',
        'cdvirtualenv; echo "NONE=$status"; echo "PWD3=$PWD"',
      ].join('\n'),
    );
    const env = path.join(w.workonHome, 'place');
    expect(r.value('PWD1')).toBe(env);
    expect(r.value('PWD2')).toBe(path.join(env, 'bin'));
    expect(r.value('NONE')).toBe('1');
    expect(r.value('PWD3')).toBe(w.home);
    expect(r.stderr).toContain('cdvirtualenv: no virtual environment is active\n  run: workon NAME');
  });

  it('toggleglobalsitepackages flips include-system-site-packages, and sys.path follows', async () => {
    await w.fish('mkvirtualenv tog >/dev/null');
    const cfgFile = path.join(w.workonHome, 'tog', 'pyvenv.cfg');
    const original = fs.readFileSync(cfgFile, 'utf8');
    const base = baseSitePackages(py312!.path, '3.12');
    expect(original).toMatch(/^include-system-site-packages = false$/m);

    const on = await w.fish(['workon tog', printSysPath, 'toggleglobalsitepackages; echo "S=$status"', printSysPath.replace(/syspath/g, 'after')].join('\n'));
    expect(between(on.lines, 'syspath')).not.toContain(base);
    expect(on.stdout).toContain('Enabled global site-packages');
    expect(on.value('S')).toBe('0');
    expect(between(on.lines, 'after')).toContain(base);
    // Only that one line changed.
    expect(fs.readFileSync(cfgFile, 'utf8')).toBe(original.replace('include-system-site-packages = false', 'include-system-site-packages = true'));

    const off = await w.fish(['workon tog', 'toggleglobalsitepackages -q; echo "S=$status"', printSysPath].join('\n'));
    expect(off.stdout).not.toContain('global site-packages');
    expect(between(off.lines, 'syspath')).not.toContain(base);
    expect(fs.readFileSync(cfgFile, 'utf8')).toBe(original);

    const none = await w.fish('toggleglobalsitepackages; echo "S=$status"');
    expect(none.value('S')).toBe('1');
    expect(fs.readFileSync(cfgFile, 'utf8')).toBe(original);
  });

  it('toggleglobalsitepackages on an environment of virtualenv before 20 (no pyvenv.cfg) uses its marker file', async () => {
    // The layout old virtualenv (<20) made; no interpreter on this machine can
    // make one any more, so this checks the files the old site.py reads.
    const legacy = path.join(w.workonHome, 'legacy');
    const lib = path.join(legacy, 'lib', 'python2.7');
    fs.mkdirSync(lib, { recursive: true });
    fs.writeFileSync(path.join(lib, 'orig-prefix.txt'), '/usr');
    fs.writeFileSync(path.join(lib, 'no-global-site-packages.txt'), '');
    const marker = path.join(lib, 'no-global-site-packages.txt');
    const r = await w.fish(`set -gx VIRTUAL_ENV '${legacy}'\ntoggleglobalsitepackages; echo "S1=$status"`);
    expect(r.value('S1')).toBe('0');
    expect(r.stdout).toContain('Enabled global site-packages');
    expect(fs.existsSync(marker)).toBe(false);
    const r2 = await w.fish(`set -gx VIRTUAL_ENV '${legacy}'\ntoggleglobalsitepackages; echo "S2=$status"`);
    expect(r2.stdout).toContain('Disabled global site-packages');
    expect(fs.existsSync(marker)).toBe(true);
    expect(fs.existsSync(path.join(legacy, 'pyvenv.cfg'))).toBe(false);

    const odd = path.join(w.home, 'not-an-env');
    fs.mkdirSync(odd);
    const r3 = await w.fish(`set -gx VIRTUAL_ENV '${odd}'\ntoggleglobalsitepackages; echo "S3=$status"`);
    expect(r3.value('S3')).toBe('1');
    expect(r3.stderr).toContain('nothing was changed');
    expect(fs.readdirSync(odd)).toEqual([]);
  });

  it('completes environment names for workon and rmvirtualenv, and directories inside the env for cdvirtualenv', async () => {
    const r = await w.fish(
      [
        'mkvirtualenv apple >/dev/null; mkvirtualenv apricot >/dev/null; mkvirtualenv banana >/dev/null',
        'echo BEGIN-workon; complete -C "workon " | string replace -r "\\t.*" ""; echo END-workon',
        'echo BEGIN-rm; complete -C "rmvirtualenv ap" | string replace -r "\\t.*" ""; echo END-rm',
        'echo BEGIN-cd; complete -C "cdvirtualenv " | string replace -r "\\t.*" ""; echo END-cd',
      ].join('\n'),
    );
    expect(between(r.lines, 'workon')).toEqual(['apple', 'apricot', 'banana']);
    expect(between(r.lines, 'rm')).toEqual(['apple', 'apricot']);
    expect(between(r.lines, 'cd')).toEqual(expect.arrayContaining(['bin/', 'include/', 'lib/']));
    expect(between(r.lines, 'cd')).not.toContain('apple');
  });

  it('mkvirtualenv -a PROJECT -r REQUIREMENTS -i PACKAGE: project dir, pip installs; workon cds there unless -n', async () => {
    // A tiny wheel built here, so pip needs no index.
    const wheels = path.join(w.home, 'wheels');
    fs.mkdirSync(wheels);
    await makeWheel(py312!.path, wheels, 'tinyreq');
    await makeWheel(py312!.path, wheels, 'tinyextra');
    const project = path.join(w.home, 'proj ect');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(w.home, 'req.txt'), `# requirements\n${path.join(wheels, 'tinyreq-1.0-py3-none-any.whl')}\n`);
    const r = await w.fish(
      [
        `mkvirtualenv -a "$HOME/proj ect" -r req.txt -i "$HOME/wheels/tinyextra-1.0-py3-none-any.whl" withproj; echo "STATUS=$status"`,
        'echo "PWD1=$PWD"',
        `python -c 'import tinyreq, tinyextra; print("IMPORTS=ok")'`,
        'cd $HOME; workon -n withproj; echo "PWD2=$PWD"',
        'workon withproj; echo "PWD3=$PWD"',
      ].join('\n'),
      { env: { VIRTUALENVWRAPPER_VIRTUALENV: w.venvWithPip, PIP_NO_INDEX: '1' } },
    );
    expect(r.value('STATUS')).toBe('0');
    expect(r.value('PWD1')).toBe(project);
    expect(r.value('IMPORTS')).toBe('ok');
    expect(r.value('PWD2')).toBe(w.home);
    expect(r.value('PWD3')).toBe(project);
    expect(fs.readFileSync(path.join(w.workonHome, 'withproj', '.project'), 'utf8')).toBe(`${project}\n`);
  });

  it('sources .fish hooks; an sh hook with commands gets a one-line note; comment-only sh hooks stay silent', async () => {
    fs.mkdirSync(w.workonHome, { recursive: true });
    fs.writeFileSync(path.join(w.workonHome, 'postactivate.fish'), 'set -gx HOOK_GLOBAL $VIRTUAL_ENV\n');
    const r1 = await w.fish('for e in hooked loud quiet; mkvirtualenv $e >/dev/null; end; deactivate');
    expect(r1.exitCode).toBe(0);
    const bin = (env: string) => path.join(w.workonHome, env, 'bin');
    const shHook = '#!/bin/bash\n# sourced after activation\nexport FROM_SH=1\n';
    fs.writeFileSync(path.join(bin('hooked'), 'postactivate.fish'), 'set -gx HOOK_LOCAL yes\n');
    fs.writeFileSync(path.join(bin('hooked'), 'predeactivate.fish'), 'echo "PRE=$VIRTUAL_ENV"\n');
    fs.writeFileSync(path.join(bin('hooked'), 'postdeactivate.fish'), 'echo "POST=[$VIRTUAL_ENV]"\n');
    // Its fish twin is there: the sh hook is left alone without a word.
    fs.writeFileSync(path.join(bin('hooked'), 'postactivate'), shHook);
    fs.writeFileSync(path.join(bin('loud'), 'postactivate'), shHook);
    fs.writeFileSync(path.join(bin('quiet'), 'postactivate'), '#!/bin/bash\n# This hook is sourced after this virtualenv is activated.\n\n');
    const r = await w.fish(
      [
        'workon hooked; echo "GLOBAL=$HOOK_GLOBAL"; echo "LOCAL=$HOOK_LOCAL"',
        'deactivate',
        'echo BEGIN-loud; workon loud; echo "LOUD=$status"; echo END-loud',
        'set -q FROM_SH; and echo RAN-SH-HOOK',
        'workon quiet; echo "QUIET=$status"',
      ].join('\n'),
    );
    expect(r.value('GLOBAL')).toBe(path.join(w.workonHome, 'hooked'));
    expect(r.value('LOCAL')).toBe('yes');
    expect(r.value('PRE')).toBe(path.join(w.workonHome, 'hooked'));
    expect(r.value('POST')).toBe('[]');
    expect(r.value('LOUD')).toBe('0');
    expect(r.value('QUIET')).toBe('0');
    expect(r.stdout).not.toContain('RAN-SH-HOOK');
    const hook = path.join(bin('loud'), 'postactivate');
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([`note: ${hook} is an sh hook and is not run in fish (put fish commands in ${hook}.fish)`]);
  });
});

const venvPythons = pyenvPythons.filter((p) => p.line.startsWith('3.'));

describeWith(shells.fish && venvPythons.length > 0, 'fish and CPython 3.x')('activate.fish of every venv on this machine', () => {
  let w: FishWorld;
  beforeEach(() => {
    w = makeFishWorld();
  });
  afterEach(() => w.cleanup());

  // Each CPython ships its own activate.fish (3.6's differs from 3.12's):
  // workon and deactivate must round-trip PATH and prompt with all of them.
  it.each(venvPythons.map((p) => [p.line, p.path]))('%s: workon/deactivate leave PATH and prompt exactly as before', async (line, pythonPath) => {
    const script = path.join(w.home, `venv-${line}`);
    fs.writeFileSync(script, `#!/bin/sh\nexec '${pythonPath}' -m venv --without-pip "$@"\n`, { mode: 0o755 });
    const r = await w.fish(
      [
        'mkvirtualenv first >/dev/null; and mkvirtualenv second >/dev/null; and deactivate; or echo SETUP-FAILED',
        'set -g path0 (string join : $PATH); set -g prompt0 (fish_prompt | string collect)',
        'workon first; workon second; echo "VE=$VIRTUAL_ENV"',
        `echo "VERSION="(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')`,
        'string match -q "*second*" (fish_prompt | string collect); and echo PROMPT=shows-env',
        'deactivate',
        'test "$path0" = (string join : $PATH); and echo PATH=same',
        'test "$prompt0" = (fish_prompt | string collect); and echo PROMPT=same',
      ].join('\n'),
      { interactive: true, env: { VIRTUALENVWRAPPER_VIRTUALENV: script } },
    );
    expect(r.stdout).not.toContain('SETUP-FAILED');
    expect(r.value('VE')).toBe(path.join(w.workonHome, 'second'));
    expect(r.value('VERSION')).toBe(line);
    expect(r.lines).toContain('PROMPT=shows-env');
    expect(r.value('PATH')).toBe('same');
    expect(r.value('PROMPT')).toBe('same');
  });

  it('works when WORKON_HOME is reached through a symlink and spelled with a trailing slash', async () => {
    const real = path.join(w.home, 'real-envs');
    fs.mkdirSync(real);
    const link = path.join(w.home, 'linked-envs');
    fs.symlinkSync(real, link);
    const r = await w.fish('mkvirtualenv via >/dev/null; echo "S=$status"; echo "VE=$VIRTUAL_ENV"; rmvirtualenv via; echo "RM=$status"', {
      env: { WORKON_HOME: `${link}/` },
    });
    expect(r.value('S')).toBe('0');
    expect(r.value('VE')).toBe(path.join(link, 'via'));
    expect(r.value('RM')).toBe('1');
    expect(fs.existsSync(path.join(real, 'via'))).toBe(true);
  });
});

describeWith(shells.fish && py27 && debianVirtualenv, 'fish, CPython 2.7 and a virtualenv 20 that can make 2.7 environments')(
  'virtualenvwrapper commands in fish (2.7, virtualenv 20)',
  () => {
    let w: FishWorld;
    beforeEach(() => {
      w = makeFishWorld();
    });
    afterEach(() => w.cleanup());

    it('mkvirtualenv makes a 2.7 env; toggleglobalsitepackages changes its sys.path; deactivate restores PATH', async () => {
      const workonHome = path.join(w.home, '.virtualenvs27');
      const r = await w.fish(
        [
          'set -g path0 (string join : $PATH)',
          'mkvirtualenv old; echo "STATUS=$status"',
          `echo "VERSION="(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')`,
          printSysPath,
          'toggleglobalsitepackages',
          printSysPath.replace(/syspath/g, 'after'),
          'deactivate',
          'test "$path0" = (string join : $PATH); and echo PATH=same',
          'functions -q pydoc; and echo LEFT=pydoc',
        ].join('\n'),
        { env: { WORKON_HOME: workonHome, VIRTUALENVWRAPPER_VIRTUALENV: w.virtualenv27, PYSHIM_LINE: '2.7' } },
      );
      expect(r.value('STATUS')).toBe('0');
      expect(r.value('VERSION')).toBe('2.7');
      const base = baseSitePackages(py27!.path, '2.7');
      expect(between(r.lines, 'syspath')).not.toContain(base);
      expect(r.stdout).toContain('Enabled global site-packages');
      expect(between(r.lines, 'after')).toContain(base);
      expect(fs.readFileSync(path.join(workonHome, 'old', 'pyvenv.cfg'), 'utf8')).toMatch(/^include-system-site-packages = true$/m);
      expect(r.value('PATH')).toBe('same');
      expect(r.value('LEFT')).toBeUndefined();
    });
  },
);

describeWith(
  shells.fish && shells.bash && py312 && systemPython3 && debianVirtualenvwrapper,
  "fish, bash, CPython 3.12 and Debian's virtualenvwrapper",
)('environments shared with bash virtualenvwrapper', () => {
  let w: FishWorld;
  beforeEach(() => {
    w = makeFishWorld();
  });
  afterEach(() => w.cleanup());

  it('an environment made by bash virtualenvwrapper works with fish workon, and one made in fish works with bash workon', async () => {
    const b1 = await w.bashVew('mkvirtualenv frombash >/dev/null 2>&1; echo "MK=$?"');
    expect(b1.value('MK')).toBe('0');

    const f = await w.fish(
      [
        'echo BEGIN-list; workon; echo END-list',
        'workon frombash; echo "STATUS=$status"',
        `echo "PREFIX="(python -c 'import sys; print(sys.prefix)')`,
        'deactivate',
        'mkvirtualenv fromfish >/dev/null; echo "MK=$status"; deactivate',
      ].join('\n'),
    );
    expect(between(f.lines, 'list')).toEqual(['frombash']);
    expect(f.value('STATUS')).toBe('0');
    expect(f.value('PREFIX')).toBe(path.join(w.workonHome, 'frombash'));
    // virtualenvwrapper's comment-only hook templates are not worth a note.
    expect(f.stderr).not.toContain('note:');
    expect(f.value('MK')).toBe('0');

    const b2 = await w.bashVew(
      [
        'echo BEGIN-list; lsvirtualenv -b; echo END-list',
        'workon fromfish; echo "STATUS=$?"',
        `echo "PREFIX=$(python -c 'import sys; print(sys.prefix)')"`,
        'deactivate; rmvirtualenv fromfish >/dev/null; echo "RM=$?"',
      ].join('\n'),
    );
    expect(between(b2.lines, 'list')).toEqual(['frombash', 'fromfish']);
    expect(b2.value('STATUS')).toBe('0');
    expect(b2.value('PREFIX')).toBe(path.join(w.workonHome, 'fromfish'));
    expect(b2.value('RM')).toBe('0');

    const f2 = await w.fish('rmvirtualenv frombash; echo "RM=$status"; set -l left (workon); echo "LEFT=$left"');
    expect(f2.value('RM')).toBe('0');
    expect(f2.value('LEFT')).toBe('');
  });
});
