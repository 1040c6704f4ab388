import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect } from 'vitest';
import { describeWith, itWith, python, shells, systemPython3 } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { debianVew, DEBIAN_SCRIPT, writeUserSiteVew } from '../helpers/vew.js';

/**
 * virtualenvwrapper paired with its own Python (issue 13, items 4 and 5),
 * with real virtualenvwrapper code in real bash and zsh: Debian's package and
 * script, installed into the sandbox's user sites as `pip install --user`
 * leaves them (the index here has no virtualenvwrapper).
 */
const py27 = python('2.7');
const py312 = python('3.12');
const py313 = python('3.13');
const vew = debianVew();
const machine = py27 && py312 && py313 && systemPython3 && vew;
const need = "pyenv 2.7, 3.12 and 3.13, and Debian's python3 with virtualenvwrapper";

interface RegistryFile {
  lines: Record<string, { virtualenvwrapper?: { script: string; hookPython: string } | null }>;
}
const pairOf = (s: Sandbox, line: string) => (JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8')) as RegistryFile).lines[line]?.virtualenvwrapper;

/** One install of virtualenvwrapper into a line's user site (the shared ~/.local); `release` marks its script. */
function installInto(s: Sandbox, xy: string, release: string): string {
  return writeUserSiteVew({ userBase: path.join(s.home, '.local'), userSite: path.join(s.home, `.local/lib/python${xy}/site-packages`), version: `4.8.4+${release}`, ...vew!(release) });
}

/** A shell with nothing of the user's read (zsh -f; bash -c reads nothing), in the sandbox. */
function shell(s: Sandbox, name: 'bash' | 'zsh', script: string) {
  return execa(name, name === 'zsh' ? ['-f', '-c', script] : ['-c', script], { env: s.env, extendEnv: false, reject: false, cwd: s.home });
}

async function add(s: Sandbox, line: string): Promise<void> {
  const added = await s.pyshim(['add', line, '--no-bootstrap']);
  expect(added.exitCode, String(added.stderr)).toBe(0);
}

describeWith(machine, need)('the 2.7 line and a virtualenvwrapper another line installed into ~/.local', () => {
  let s: Sandbox;
  let script: string;
  beforeAll(async () => {
    s = makeSandbox();
    // pip's --user scripts are on PATH, as for anyone who ran `pip install --user`.
    s.env.PATH = `${path.join(s.home, '.local/bin')}:${s.env.PATH}`;
    // 3.12 installed one release, then 3.13 another, which wrote the script there now. (Discovery lists
    // 3.12 first: a rule taking any Python that imports virtualenvwrapper pairs the script with 3.12's.)
    installInto(s, '3.12', 'a');
    script = installInto(s, '3.13', 'b');
    await add(s, '2.7');
  });
  afterAll(() => s?.cleanup());

  itWith(true, need)("pairs the script with the Python whose install wrote it, not with 3.12's or Debian's (other releases)", () => {
    expect(pairOf(s, '2.7')).toEqual({ script, hookPython: fs.realpathSync(py313!.path) });
  });

  for (const name of ['bash', 'zsh'] as const) {
    itWith(shells[name], name)(`${name}: sourcing virtualenvwrapper-2.7.sh, the hooks run (postactivate) in a 2.7 environment`, async () => {
      const run = await shell(
        s,
        name,
        [
          `. "${s.bin}/virtualenvwrapper-2.7.sh"`,
          `echo 'echo "postactivate ran in $VIRTUAL_ENV"' >>"$WORKON_HOME/postactivate"`,
          `mkvirtualenv ${name}27 >/dev/null 2>&1; echo "mk=$?"`,
          'deactivate',
          `workon ${name}27`,
          `python -c 'import sys; print("py=%d.%d" % sys.version_info[:2])'`,
          'virtualenvwrapper >/dev/null; echo "help=$?"',
        ].join('\n'),
      );
      const out = String(run.stdout).split('\n');
      expect(out, String(run.stderr)).toContain('mk=0');
      expect(out).toContain(`postactivate ran in ${path.join(s.home, '.virtualenvs27', `${name}27`)}`);
      expect(out).toContain('py=2.7');
      expect(out).toContain('help=0');
      // Loading ran the initialize hooks with that Python: virtualenvwrapper.sh says nothing failed.
      expect(String(run.stderr)).not.toMatch(/There was a problem|No module named/);
    });
  }

  itWith(true, need)('doctor names a mismatch it is given (3.12 installs again, overwriting the script) and the fix; the fix re-pairs', async () => {
    const before = await s.pyshim(['doctor']);
    expect(String(before.stdout)).toMatch(/✓ 2\.7: virtualenvwrapper 4\.8\.4\+b: ~\/\.local\/bin\/virtualenvwrapper\.sh \(hooks run by .*python3\.13, same version\)/);
    // 3.12's `pip install --user --force-reinstall virtualenvwrapper`: the shared script is its release's again.
    installInto(s, '3.12', 'a');
    const mismatch = await s.pyshim(['doctor']);
    expect(mismatch.exitCode).toBe(1);
    const said = String(mismatch.stdout);
    expect(said).toMatch(/✗ 2\.7: virtualenvwrapper: ~\/\.local\/bin\/virtualenvwrapper\.sh is 4\.8\.4\+a, but its hooks run by .*python3\.13 with virtualenvwrapper 4\.8\.4\+b \(~\/\.local\/lib\/python3\.13\/site-packages\): hooks fail\n {4}fix: pyshim add 2\.7/);
    await add(s, '2.7');
    expect(pairOf(s, '2.7')).toEqual({ script, hookPython: fs.realpathSync(py312!.path) });
    const after = await s.pyshim(['doctor']);
    expect(String(after.stdout)).toMatch(/✓ 2\.7: virtualenvwrapper 4\.8\.4\+a: ~\/\.local\/bin\/virtualenvwrapper\.sh \(hooks run by .*python3\.12, same version\)/);
  });

  itWith(true, need)('doctor names a hook Python that cannot import the hook loader', async () => {
    // A registry from before pairing was checked: 2.7 itself named as the hook Python.
    const file = path.join(s.pyshimHome, 'registry.json');
    const registry = JSON.parse(fs.readFileSync(file, 'utf8')) as RegistryFile;
    registry.lines['2.7']!.virtualenvwrapper = { script, hookPython: fs.realpathSync(py27!.path) };
    fs.writeFileSync(file, JSON.stringify(registry));
    const run = await s.pyshim(['doctor']);
    expect(String(run.stdout)).toMatch(/✗ 2\.7: virtualenvwrapper: .*python2\.7 cannot import virtualenvwrapper\.hook_loader, so no hook of ~\/\.local\/bin\/virtualenvwrapper\.sh runs \(.*No module named.*\)\n {4}fix: pyshim add 2\.7/);
  });
});

describeWith(py312 && systemPython3 && vew, "pyenv 3.12 and Debian's python3 with virtualenvwrapper")('virtualenvwrapper-3.12.sh sourced directly', () => {
  let s: Sandbox;
  const marker = '/no-global-site-packages.txt';
  beforeAll(async () => {
    s = makeSandbox();
    // No virtualenvwrapper in 3.12's user site: Debian's 4.8.4 with its python3, whose toggle knows no pyvenv.cfg.
    await add(s, '3.12');
  });
  afterAll(() => s?.cleanup());

  for (const name of ['bash', 'zsh'] as const) {
    itWith(shells[name], name)(`${name}: pyshim's toggleglobalsitepackages flips pyvenv.cfg and writes nothing at /; WORKON_HOME exists at once`, async () => {
      expect(pairOf(s, '3.12')?.script).toBe(DEBIAN_SCRIPT);
      // As root, Debian's toggle would write this file: it must not be there before, to be seen not to appear.
      expect(fs.existsSync(marker), `${marker} exists before the test`).toBe(false);
      const home = path.join(s.home, '.virtualenvs312');
      fs.rmSync(home, { recursive: true, force: true });
      const run = await shell(
        s,
        name,
        [
          `. "${s.bin}/virtualenvwrapper-3.12.sh"`,
          'test -d "$WORKON_HOME" && echo "home=yes"',
          `mkvirtualenv ${name}t >/dev/null 2>&1; echo "mk=$?"`,
          'lsvirtualenv -b',
          'toggleglobalsitepackages',
          'grep include-system "$VIRTUAL_ENV/pyvenv.cfg"',
          'toggleglobalsitepackages -q',
          'grep include-system "$VIRTUAL_ENV/pyvenv.cfg"',
          // 4.8.4 asks distutils for site-packages, which 3.12 lacks: pyshim's answer is taken instead.
          'cdsitepackages && echo "sp=$PWD"',
          'lssitepackages >/dev/null && echo "ls=ok"',
          'add2virtualenv /tmp >/dev/null && cat "$VIRTUAL_ENV"/lib/python3.12/site-packages/_virtualenv_path_extensions.pth',
        ].join('\n'),
      );
      const out = String(run.stdout).split('\n');
      expect(out, String(run.stderr)).toContain('home=yes');
      expect(out).toContain('mk=0');
      expect(out).toContain(`${name}t`);
      expect(out).toContain('Enabled global site-packages');
      expect(out).toContain('include-system-site-packages = true');
      expect(out.filter((l) => l.startsWith('include-system'))).toEqual(['include-system-site-packages = true', 'include-system-site-packages = false']);
      expect(String(run.stderr)).not.toMatch(/distutils/);
      expect(out).toContain(`sp=${path.join(home, `${name}t`, 'lib', 'python3.12', 'site-packages')}`);
      expect(out).toContain('ls=ok');
      expect(out).toContain('/tmp');
      expect(fs.existsSync(marker)).toBe(false);
      expect(fs.readdirSync(path.join(home, `${name}t`, 'lib', 'python3.12'))).not.toContain('no-global-site-packages.txt');
    });
  }

  itWith(shells.bash, 'bash')('bash: mkvirtualenv -p python3.12 (a virtualenvwrapper habit) makes a 3.12 environment; -p python3.11 is refused', async () => {
    const run = await shell(
      s,
      'bash',
      [
        `. "${s.bin}/virtualenvwrapper-3.12.sh"`,
        'mkvirtualenv -p python3.12 withp >/dev/null; echo "mk=$?"',
        `python -c 'import sys; print("py=%d.%d" % sys.version_info[:2])'`,
        'deactivate',
        'mkvirtualenv -p python3.11 otherp >/dev/null; echo "other=$?"',
      ].join('\n'),
    );
    const out = String(run.stdout).split('\n');
    expect(out, String(run.stderr)).toContain('mk=0');
    expect(out).toContain('py=3.12');
    expect(out).not.toContain('other=0');
    expect(String(run.stderr)).toContain('virtualenv-3.12: makes Python 3.12 environments only; it does not take -p python3.11');
    expect(fs.existsSync(path.join(s.home, '.virtualenvs312', 'otherp'))).toBe(false);
  });
});
