import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, expect, it } from 'vitest';
import type { Finding } from '../../src/commands/doctor.js';
import { describeWith, python, shells } from '../helpers/machine.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { snapshotTree } from '../helpers/snapshot.js';

/**
 * The rule for the user's own virtualenvwrapper settings (docs/DESIGN.md), in
 * a HOME laid out as users have it: Debian's skeleton files, an environment
 * in ~/.virtualenvs made by a real interpreter, `export WORKON_HOME=~/Envs`
 * in ~/.bashrc after pyshim's block, then before it, and WORKON_HOME in the
 * environment pyshim runs in.
 */
const py312 = python('3.12');
const skel = ['/etc/skel/.bashrc', '/etc/skel/.profile'].every((f) => fs.existsSync(f));
let s: Sandbox;
afterEach(() => s?.cleanup());

function registry(sb: Sandbox): { sharedHomes?: string[]; lines: Record<string, { workonHome?: string }> } {
  return JSON.parse(fs.readFileSync(path.join(sb.pyshimHome, 'registry.json'), 'utf8'));
}

/** A HOME as a Debian user has it, with one environment in ~/.virtualenvs and ~/Envs assigned at the end of ~/.bashrc. */
async function debianHome(): Promise<Sandbox> {
  const sb = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
  for (const name of ['.bashrc', '.profile']) fs.copyFileSync(`/etc/skel/${name}`, path.join(sb.home, name));
  fs.appendFileSync(path.join(sb.home, '.bashrc'), 'export WORKON_HOME=~/Envs\n');
  fs.mkdirSync(path.join(sb.home, 'Envs'));
  const made = await execa(py312!.path, ['-m', 'venv', '--without-pip', path.join(sb.home, '.virtualenvs', 'old')], { reject: false });
  expect(made.exitCode, String(made.stderr)).toBe(0);
  // As install.sh leaves it: the pyshim command in ~/.local/bin (doctor checks new shells find it).
  fs.mkdirSync(path.join(sb.home, '.local/bin'), { recursive: true });
  fs.symlinkSync(CLI, path.join(sb.home, '.local/bin/pyshim'));
  return sb;
}

/**
 * WORKON_HOME as a new interactive bash has it, the same in a login one (Debian's ~/.profile reads
 * ~/.bashrc, so pyshim's init file is read twice there); the two differing is returned as both.
 */
async function bashWorkonHome(sb: Sandbox): Promise<string> {
  const seen = new Set<string>();
  for (const flags of [['-i'], ['-l', '-i']]) {
    const r = await execa('bash', [...flags, '-c', 'printf "%s\\n" "$WORKON_HOME"'], { env: sb.env, extendEnv: false, reject: false });
    seen.add(`${String(r.stdout).trim().split('\n').pop() ?? ''}`);
  }
  return [...seen].join(' | bash -l -i: ');
}

async function doctorJson(sb: Sandbox): Promise<{ code: number | undefined; findings: Finding[] }> {
  const r = await sb.pyshim(['doctor', '--json']);
  return { code: r.exitCode, findings: (JSON.parse(String(r.stdout)) as { findings: Finding[] }).findings };
}

describeWith(py312 && shells.bash && skel, "CPython 3.12, bash and Debian's /etc/skel")('the user\'s WORKON_HOME and ~/.virtualenvs', () => {
  it('after the block: setup reports it, keeps ~/Envs searched, the user\'s value wins in a new bash; doctor reports it as information', async () => {
    s = await debianHome();
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    const setup = await s.pyshim(['setup']);
    expect(setup.exitCode, String(setup.stderr)).toBe(0);
    const out = String(setup.stdout);
    const bashrcLines = fs.readFileSync(path.join(s.home, '.bashrc'), 'utf8').split('\n');
    const line = bashrcLines.indexOf('export WORKON_HOME=~/Envs') + 1;
    // The reports come after the files setup chose.
    expect(out.indexOf('WORKON_HOME=~/Envs')).toBeGreaterThan(out.indexOf('bash: ~/.profile'));
    expect(out).toContain(`WORKON_HOME=~/Envs (~/.bashrc:${line}, after pyshim's block): it wins in new bash shells until \`pyshim use\``);
    expect(out).toContain("to make it a line's home: pyshim add 3.12 --workon-home ~/Envs; to give each line its own home: move the assignment before pyshim's block");
    expect(out).toContain('1 environment in ~/.virtualenvs: workon finds them by name; new environments of a line go to its home (~/.virtualenvs312 for 3.12); to keep using ~/.virtualenvs for 3.12: pyshim add 3.12 --workon-home ~/.virtualenvs');
    expect(registry(s).sharedHomes).toEqual([path.join(s.home, 'Envs')]);

    expect(await bashWorkonHome(s)).toBe(path.join(s.home, 'Envs'));

    const doctor = await doctorJson(s);
    expect(doctor.findings.filter((f) => !f.ok)).toEqual([]);
    expect(doctor.code).toBe(0);
    const info = doctor.findings.filter((f) => f.info);
    expect(info.map((f) => [f.subject, f.ok])).toEqual([['WORKON_HOME', true], ['environments', true]]);
    expect(info[0]?.message).toMatch(/^~\/Envs \(~\/\.bashrc:\d+, after pyshim's block\): it wins/);
    const text = await s.pyshim(['doctor']);
    expect(text.exitCode).toBe(0);
    expect(String(text.stdout)).toMatch(/^i WORKON_HOME: ~\/Envs /m);

    // Run again from a shell that read the block and the user's line: nothing new, the same home kept once.
    const again = await s.pyshim(['setup'], { env: { ...s.env, WORKON_HOME: path.join(s.home, 'Envs'), PYSHIM_LINE: '3.12' } });
    expect(again.exitCode).toBe(0);
    expect(String(again.stdout)).not.toContain('(in your environment)');
    expect(registry(s).sharedHomes).toEqual([path.join(s.home, 'Envs')]);

    const gone = await s.pyshim(['uninstall']);
    expect(gone.exitCode, String(gone.stderr)).toBe(0);
    expect(String(gone.stdout)).toContain("~/.virtualenvs: environments (virtualenvwrapper's default home); pyshim deletes nothing there");
    expect(String(gone.stdout)).toContain('~/Envs: environments (a shared home: your WORKON_HOME, or the home of a line since removed); pyshim deletes nothing there');
    expect(fs.existsSync(path.join(s.home, '.virtualenvs/old/bin/activate'))).toBe(true);
    expect(fs.existsSync(path.join(s.home, 'Envs'))).toBe(true);
  });

  it('before the block: the line\'s home wins in a new bash, and setup and doctor say so', async () => {
    s = await debianHome();
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    expect((await s.pyshim(['setup'])).exitCode).toBe(0);
    // The user moves the assignment above pyshim's block.
    const rc = path.join(s.home, '.bashrc');
    const text = fs.readFileSync(rc, 'utf8').replace('export WORKON_HOME=~/Envs\n', '');
    fs.writeFileSync(rc, `export WORKON_HOME=~/Envs\n${text}`);
    expect(await bashWorkonHome(s)).toBe(path.join(s.home, '.virtualenvs312'));

    const setup = await s.pyshim(['setup']);
    expect(setup.exitCode).toBe(0);
    expect(String(setup.stdout)).toContain("WORKON_HOME=~/Envs (~/.bashrc:1, before pyshim's block): new bash shells replace it with the line's home (~/.virtualenvs312 on the 3.12 line); workon finds its environments by name (a searched home)");
    expect(String(setup.stdout)).toContain("to keep it in those shells: move the assignment after pyshim's block");
    expect(registry(s).sharedHomes).toEqual([path.join(s.home, 'Envs')]);
    const doctor = await doctorJson(s);
    expect(doctor.code).toBe(0);
    expect(doctor.findings.find((f) => f.subject === 'WORKON_HOME')?.message).toMatch(/^~\/Envs \(~\/\.bashrc:1, before pyshim's block\): new bash shells replace it/);
  });

  it('WORKON_HOME in the environment: kept as a shared home by add unless it is a line\'s home', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const own = path.join(s.home, 'mine');
    const added = await s.pyshim(['add', '3.12', '--no-bootstrap'], { env: { ...s.env, WORKON_HOME: own } });
    expect(added.exitCode, String(added.stderr)).toBe(0);
    expect(String(added.stdout)).toContain('workon also finds environments in ~/mine by name (your WORKON_HOME); pyshim deletes nothing there');
    expect(registry(s).sharedHomes).toEqual([own]);
    expect(fs.existsSync(own)).toBe(false); // searched, never created
    // A shell pyshim's init started has the line's home exported: that is not the user's.
    const inPyshimShell = await s.pyshim(['add', '3.12', '--no-bootstrap'], { env: { ...s.env, WORKON_HOME: path.join(s.home, '.virtualenvs312'), PYSHIM_LINE: '3.12' } });
    expect(inPyshimShell.exitCode).toBe(0);
    expect(registry(s).sharedHomes).toEqual([own]);
  });
});

describeWith(py312, 'CPython 3.12')('pyshim add --workon-home', () => {
  it('a file is refused with nothing written', async () => {
    s = makeSandbox();
    fs.writeFileSync(path.join(s.home, 'notes'), 'x\n');
    fs.symlinkSync('nowhere', path.join(s.home, 'dangling'));
    const before = snapshotTree(s.home);
    const said = {
      '~/notes': /--workon-home ~\/notes: ~\/notes is a file, not a directory/,
      '~/notes/envs': /~\/notes is a file, so ~\/notes\/envs cannot be a directory/,
      '~/dangling': /--workon-home ~\/dangling: ~\/dangling is a link to nothing/,
    };
    for (const [dir, message] of Object.entries(said)) {
      const r = await s.pyshim(['add', '3.12', '--no-bootstrap', '--workon-home', dir]);
      expect(r.exitCode).toBe(1);
      const err = String(r.stderr).trim().split('\n');
      expect(err[0]).toMatch(message);
      expect(err.slice(1).join('\n')).toMatch(/pyshim add X\.Y --workon-home/);
      expect(err).toHaveLength(2);
      expect(snapshotTree(s.home)).toEqual(before);
    }
  });

  it('sets the line\'s home (~ and relative paths made absolute), made like the usual one; list shows it; a new DIR changes it, the old one stays searched', async () => {
    s = makeSandbox();
    const first = await s.pyshim(['add', '3.12', '--no-bootstrap', '--workon-home', '~/.virtualenvs']);
    expect(first.exitCode, String(first.stderr)).toBe(0);
    const dotVenvs = path.join(s.home, '.virtualenvs');
    expect(registry(s).lines['3.12']?.workonHome).toBe(dotVenvs);
    expect(fs.statSync(dotVenvs).isDirectory()).toBe(true);
    expect(fs.readFileSync(path.join(s.pyshimHome, 'init.bash'), 'utf8')).toContain('WORKON_HOME="$HOME"/.virtualenvs');
    const json = JSON.parse(String((await s.pyshim(['list', '--json'])).stdout)) as { lines: { version: string; workonHome: string | null }[] };
    expect(json.lines.find((l) => l.version === '3.12')?.workonHome).toBe(dotVenvs);
    expect(String((await s.pyshim(['list'])).stdout)).toContain('3.12 line: its environments go to ~/.virtualenvs (set with --workon-home)');

    // Relative to where add runs; the old home (~/.virtualenvs) is searched anyway, so not kept in sharedHomes.
    const second = await s.pyshim(['add', '3.12', '--no-bootstrap', '--workon-home', 'work/envs'], { cwd: s.home });
    expect(second.exitCode, String(second.stderr)).toBe(0);
    const work = path.join(s.home, 'work/envs');
    expect(registry(s).lines['3.12']?.workonHome).toBe(work);
    expect(registry(s).sharedHomes).toBeUndefined();
    fs.mkdirSync(path.join(work, 'proj/bin'), { recursive: true });
    fs.writeFileSync(path.join(work, 'proj/bin/activate'), '');

    // Back to the usual home: no override kept; the home left with an environment in it stays searched.
    const third = await s.pyshim(['add', '3.12', '--no-bootstrap', '--workon-home', '~/.virtualenvs312']);
    expect(third.exitCode).toBe(0);
    expect(registry(s).lines['3.12']?.workonHome).toBeUndefined();
    expect(registry(s).sharedHomes).toEqual([work]);
    expect(String(third.stdout)).toContain("workon also finds environments in ~/work/envs by name (the 3.12 line's previous home)");

    const gone = await s.pyshim(['uninstall']);
    expect(gone.exitCode).toBe(0);
    expect(fs.existsSync(path.join(work, 'proj/bin/activate'))).toBe(true);
    // ~/.virtualenvs, made for the line while it was its home, is the user's default home: kept, even empty.
    expect(fs.existsSync(dotVenvs)).toBe(true);
  });
});

describeWith(py312 && shells.zsh && shells.fish, 'CPython 3.12, zsh and fish')('the rule in zsh and fish', () => {
  it('zsh: an assignment in .zshrc before the appended block gives way; fish: config.fish is read after conf.d, so it wins — as setup says', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    fs.mkdirSync(path.join(s.home, '.config/fish'), { recursive: true });
    fs.writeFileSync(path.join(s.home, '.config/fish/config.fish'), 'set -gx WORKON_HOME ~/Envs\n');
    fs.writeFileSync(path.join(s.home, '.zshrc'), 'export WORKON_HOME=~/Zenvs\n');
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    const setup = await s.pyshim(['setup', '--shell', 'zsh,fish']);
    expect(setup.exitCode, String(setup.stderr)).toBe(0);
    expect(String(setup.stdout)).toContain("WORKON_HOME=~/Zenvs (~/.zshrc:1, before pyshim's block): new zsh shells replace it");
    expect(String(setup.stdout)).toContain("WORKON_HOME=~/Envs (~/.config/fish/config.fish:1, read after pyshim's block): it wins in new fish shells");
    const zsh = await execa('zsh', ['-i', '-c', 'print -r -- $WORKON_HOME'], { env: s.env, extendEnv: false, reject: false });
    expect(String(zsh.stdout).trim().split('\n').pop()).toBe(path.join(s.home, '.virtualenvs312'));
    const fish = await execa('fish', ['-i', '-c', 'echo $WORKON_HOME'], { env: s.env, extendEnv: false, reject: false });
    expect(String(fish.stdout).trim().split('\n').pop()).toBe(path.join(s.home, 'Envs'));
    expect(registry(s).sharedHomes).toEqual([path.join(s.home, 'Zenvs'), path.join(s.home, 'Envs')]);
  });
});
