import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BEGIN_MARKER, END_MARKER, blockText, findBlocks } from '../../src/profile/block.js';
import { applyPlan, type ApplyOptions } from '../../src/profile/apply.js';
import { describePlan, renderDiff } from '../../src/profile/diff.js';
import { planInsert, planRemove, type InsertRequest, type ProfileFile } from '../../src/profile/plan.js';
import { itWith } from '../helpers/need.js';
import { BODY, FISH_BODY, ins, makeProfileHome, refused, removeProfileHome, write } from './fixture.js';

let base: string;
let home: string;
let opts: ApplyOptions;

// No shell's syntax check here (a stand-in checker where one is the subject):
// the checks in real shells are apply.machine.test.ts.
beforeEach(() => ({ base, home, opts } = makeProfileHome({})));
afterEach(() => removeProfileHome(base));

const h = (...parts: string[]) => path.join(home, ...parts);
const setup = (files: InsertRequest[]) => applyPlan(planInsert(files), opts);
const uninstall = (files: ProfileFile[]) => applyPlan(planRemove(files, opts.dataDir), opts);
const blocksIn = (file: string) => {
  const found = findBlocks(fs.readFileSync(file));
  if (!found.ok) throw new Error('broken markers');
  return found.blocks.length;
};

/** Every path under dir with its type, mode, owner, bytes or link target. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    const key = path.relative(dir, p) || '.';
    const meta = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
    if (st.isSymbolicLink()) out[key] = `link -> ${fs.readlinkSync(p)}`;
    else if (st.isDirectory()) {
      out[key] = `dir ${meta}`;
      for (const name of fs.readdirSync(p)) walk(path.join(p, name));
    } else out[key] = `file ${meta} ${fs.readFileSync(p).toString('base64')}`;
  };
  walk(dir);
  return out;
}

describe('setup and uninstall on real files', () => {
  it('setup then uninstall leaves the tree byte-identical: CRLF, no final newline, non-UTF-8, modes, links, created files and directories', async () => {
    write(h('.bashrc'), Buffer.from('export A=1\r\nalias ll="ls -l"\r\n# caf\xe9 \x00\xff', 'latin1'), 0o640);
    write(h('.profile'), '', 0o600);
    write(h('dotfiles', 'zshrc'), 'setopt autocd\n# >>> conda initialize >>>\nconda\n# <<< conda initialize <<<\n');
    fs.symlinkSync('dotfiles/zshrc', h('.zshrc'));
    const files = [ins(h('.bashrc')), ins(h('.profile'), 'sh'), ins(h('.zshrc'), 'zsh'), ins(h('.config', 'fish', 'conf.d', 'pyshim.fish'), 'fish', FISH_BODY)];
    const before = snapshot(home);

    const result = await setup(files);
    expect(result.files.map((f) => f.action)).toEqual(['updated', 'updated', 'updated', 'created']);
    expect(result.createdDirs).toEqual([h('.config'), h('.config', 'fish'), h('.config', 'fish', 'conf.d')]);
    expect(snapshot(home)).not.toEqual(before);
    for (const f of files) expect(blocksIn(f.path)).toBe(1);

    await uninstall(files);
    expect(snapshot(home)).toEqual(before);
  });

  it('keeps every byte before the block: CRLF lines, the missing final newline, NUL and non-UTF-8 bytes', async () => {
    const original = Buffer.from('a=1\r\nb=\xff\xfe\x00\r\nno-newline', 'latin1');
    write(h('.bashrc'), original);
    await setup([ins(h('.bashrc'))]);
    const after = fs.readFileSync(h('.bashrc'));
    expect(after.subarray(0, original.length)).toEqual(original);
    expect(after.subarray(original.length).toString('utf8')).toBe(blockText(BODY));
  });

  it('is idempotent: a second setup changes nothing and makes no backup', async () => {
    write(h('.bashrc'), 'x\n');
    await setup([ins(h('.bashrc'))]);
    const once = fs.readFileSync(h('.bashrc'));
    const second = await setup([ins(h('.bashrc'))]);
    expect(second.files[0]).toMatchObject({ action: 'unchanged' });
    expect(second.files[0]?.backup).toBeUndefined();
    expect(fs.readFileSync(h('.bashrc'))).toEqual(once);
  });

  it('keeps the file mode', async () => {
    write(h('.bashrc'), 'x\n', 0o604);
    await setup([ins(h('.bashrc'))]);
    expect(fs.statSync(h('.bashrc')).mode & 0o7777).toBe(0o604);
  });

  itWith(process.getuid?.() === 0, 'root (to give a file to another owner)')('keeps the owner when running as root', async () => {
    write(h('.bashrc'), 'x\n');
    fs.chownSync(h('.bashrc'), 4321, 4322);
    await setup([ins(h('.bashrc'))]);
    const st = fs.statSync(h('.bashrc'));
    expect([st.uid, st.gid]).toEqual([4321, 4322]);
  });

  it('edits a symlinked profile at its target and leaves the link a link', async () => {
    write(h('dotfiles', 'bashrc'), 'x\n');
    fs.symlinkSync(h('dotfiles', 'bashrc'), h('.bashrc'));
    const plan = planInsert([ins(h('.bashrc'))]);
    expect(plan.changes[0]?.target).toBe(h('dotfiles', 'bashrc'));
    await applyPlan(plan, opts);
    expect(fs.lstatSync(h('.bashrc')).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(h('.bashrc'))).toBe(h('dotfiles', 'bashrc'));
    expect(blocksIn(h('dotfiles', 'bashrc'))).toBe(1);
  });

  it('creates the missing target of a dangling link, and uninstall removes it again but keeps the link', async () => {
    fs.symlinkSync('dotfiles/bashrc', h('.bashrc'));
    const before = snapshot(home);
    await setup([ins(h('.bashrc'))]);
    expect(fs.readFileSync(h('dotfiles', 'bashrc'), 'utf8')).toContain(BEGIN_MARKER);
    await uninstall([{ path: h('.bashrc'), shell: 'bash' }]);
    expect(snapshot(home)).toEqual(before);
  });

  it('edits one file once when two profile names lead to it', async () => {
    write(h('.bashrc'), 'x\n');
    fs.symlinkSync('.bashrc', h('.bash_profile'));
    const plan = planInsert([ins(h('.bashrc')), ins(h('.bash_profile'))]);
    expect(plan.changes).toHaveLength(1);
    await applyPlan(plan, opts);
    expect(blocksIn(h('.bashrc'))).toBe(1);
  });

  it('saves the previous content under backups/ with a name saying which file and when', async () => {
    write(h('.bashrc'), 'previous\n');
    const result = await setup([ins(h('.bashrc'))]);
    const backup = result.files[0]?.backup;
    expect(backup).toBeDefined();
    expect(path.dirname(backup!)).toBe(opts.backupsDir);
    expect(path.basename(backup!)).toMatch(/home%\.bashrc\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    expect(fs.readFileSync(backup!, 'utf8')).toBe('previous\n');
    expect(fs.statSync(backup!).mode & 0o777).toBe(0o600);
  });

  it('never deletes a file that existed before, even an empty one', async () => {
    write(h('.bashrc'), '');
    await setup([ins(h('.bashrc'))]);
    await uninstall([{ path: h('.bashrc'), shell: 'bash' }]);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('');
  });

  it('keeps a file pyshim created when the user has since written into it, and its directories', async () => {
    const fish = h('.config', 'fish', 'conf.d', 'pyshim.fish');
    await setup([ins(fish, 'fish', FISH_BODY)]);
    fs.appendFileSync(fish, 'set -gx MINE 1\n');
    const result = await uninstall([]);
    expect(result.files[0]).toMatchObject({ action: 'updated' });
    expect(fs.readFileSync(fish, 'utf8')).toBe('set -gx MINE 1\n');
    expect(result.removedDirs).toEqual([]);
  });

  it('removes blocks appended by hand (once or twice), and collapses them on setup', async () => {
    const original = 'set -g fish_greeting\n';
    const config = h('.config', 'fish', 'config.fish');
    write(config, original + blockText(FISH_BODY) + blockText(FISH_BODY));
    await setup([ins(config, 'fish', FISH_BODY)]);
    expect(blocksIn(config)).toBe(1);
    await uninstall([{ path: config, shell: 'fish' }]);
    expect(fs.readFileSync(config, 'utf8')).toBe(original);
  });
});

describe('refusals change nothing', () => {
  it('refuses broken markers with the line numbers, leaving the file untouched', async () => {
    const text = `a\nb\n${BEGIN_MARKER}\nc\n`;
    write(h('.bashrc'), text);
    const error = await refused(() => planInsert([ins(h('.bashrc'))]));
    expect(error.message).toMatch(/\.bashrc.*broken.*line 3/);
    expect(error.hint).toBeTruthy();
    expect(error.exitCode).toBe(1);
    const nested = await refused(() => planRemove([{ path: h('.bashrc'), shell: 'bash' }], opts.dataDir));
    expect(nested.message).toMatch(/line 3/);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe(text);
  });

  it('refuses markers broken between planning and applying, and writes no other file', async () => {
    write(h('.bashrc'), 'x\n');
    write(h('.zshrc'), 'y\n');
    const plan = planInsert([ins(h('.zshrc'), 'zsh'), ins(h('.bashrc'))]);
    write(h('.bashrc'), `x\n${BEGIN_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}\n`);
    const before = snapshot(home);
    const error = await refused(applyPlan(plan, opts));
    expect(error.message).toMatch(/line 3.*inside the block begun on line 2/);
    expect(snapshot(home)).toEqual(before);
  });

  it('refuses a profile that is a directory', async () => {
    fs.mkdirSync(h('.bashrc'));
    const error = await refused(() => planInsert([ins(h('.bashrc'))]));
    expect(error.message).toMatch(/\.bashrc is a directory/);
  });

  it('refuses a profile that is not a regular file (a link to a FIFO) without reading it', async () => {
    execFileSync('mkfifo', [h('fifo')]);
    fs.symlinkSync('fifo', h('.bashrc'));
    const error = await refused(() => planInsert([ins(h('.bashrc'))]));
    expect(error.message).toMatch(/\.bashrc \(-> .*fifo\) is not a regular file/);
    expect(fs.lstatSync(h('fifo')).isFIFO()).toBe(true);
  });

  it('refuses when the backup cannot be saved, and changes nothing', async () => {
    write(h('.bashrc'), 'x\n');
    write(opts.backupsDir, 'a file where the backups directory should be\n');
    const error = await refused(setup([ins(h('.bashrc'))]));
    expect(error.message).toMatch(/cannot save the previous content of .*\.bashrc/);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('x\n');
  });

  it('refuses a profile under something that is not a directory', async () => {
    write(h('.config'), 'a file\n');
    const error = await refused(() => planInsert([ins(h('.config', 'fish', 'conf.d', 'pyshim.fish'), 'fish', FISH_BODY)]));
    expect(error.message).toMatch(/not a directory/);
    expect(fs.readFileSync(h('.config'), 'utf8')).toBe('a file\n');
  });

  // chattr +i stops root too (CAP_LINUX_IMMUTABLE is about setting the flag, not writing past it).
  const chattr = spawnSync('sh', ['-c', 'd=$(mktemp -d) && chattr +i "$d" && chattr -i "$d" && rmdir "$d"']).status === 0;
  itWith(chattr, 'chattr +i on the temp file system')('refuses a profile whose directory cannot be written, and writes no other file', async () => {
    write(h('.bashrc'), 'x\n');
    write(h('locked', '.zshrc'), 'y\n');
    const before = snapshot(home);
    execFileSync('chattr', ['+i', h('locked')]);
    const error = await refused(setup([ins(h('.bashrc')), ins(h('locked', '.zshrc'), 'zsh')]));
    execFileSync('chattr', ['-i', h('locked')]);
    expect(error.message).toMatch(/locked\/\.zshrc: cannot write/);
    expect(error.hint).toBeTruthy();
    expect(snapshot(home)).toEqual(before);
  });

  itWith(chattr, 'chattr +i on the temp file system')('refuses an immutable profile', async () => {
    write(h('.bashrc'), 'x\n');
    execFileSync('chattr', ['+i', h('.bashrc')]);
    const error = await refused(setup([ins(h('.bashrc'))]));
    execFileSync('chattr', ['-i', h('.bashrc')]);
    expect(error.message).toMatch(/\.bashrc: cannot write the file \(EPERM\)/);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('x\n');
  });

  it('takes the checker as a parameter', async () => {
    write(h('.bashrc'), 'x\n');
    // sh -c 'script' NAME FILE: this checker accepts only files without a pyshim block.
    const checkers = { bash: ['sh', '-c', `! grep -q '${BEGIN_MARKER}' "$1"`, 'check'] };
    const error = await refused(applyPlan(planInsert([ins(h('.bashrc'))]), { ...opts, checkers }));
    expect(error.message).toMatch(/syntax check/);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('x\n');
  });

  it('does not refuse a profile that did not pass the check before (a stand-in checker)', async () => {
    // This checker refuses any file holding the word BROKEN, before and after the edit alike.
    const checkers = { bash: ['sh', '-c', '! grep -q BROKEN "$1"', 'check'] };
    write(h('.bashrc'), 'BROKEN\n');
    await applyPlan(planInsert([ins(h('.bashrc'))]), { ...opts, checkers });
    expect(blocksIn(h('.bashrc'))).toBe(1);
  });
});

describe('dry run', () => {
  it('renders the plan as a unified diff and changes nothing', () => {
    write(h('.bashrc'), 'export A=1\n');
    const before = snapshot(home);
    const plan = planInsert([ins(h('.bashrc')), ins(h('.config', 'fish', 'conf.d', 'pyshim.fish'), 'fish', FISH_BODY)]);
    const diff = renderDiff(plan, { home });
    expect(snapshot(home)).toEqual(before);
    expect(fs.existsSync(opts.dataDir)).toBe(false);
    expect(diff).toContain('--- ~/.bashrc\n+++ ~/.bashrc\n');
    expect(diff).toContain(` export A=1\n+\n+${BEGIN_MARKER}\n+${BODY}+${END_MARKER}\n`);
    expect(diff).toContain('--- /dev/null\n+++ ~/.config/fish/conf.d/pyshim.fish\n');
    expect(describePlan(plan, { home })).toEqual([
      '~/.bashrc: add or refresh the pyshim block',
      '~/.config/fish/conf.d/pyshim.fish: create (and ~/.config, ~/.config/fish, ~/.config/fish/conf.d)',
    ]);
  });

  it('shows nothing when there is nothing to do', async () => {
    write(h('.bashrc'), 'x\n');
    await setup([ins(h('.bashrc'))]);
    expect(renderDiff(planInsert([ins(h('.bashrc'))]))).toBe('');
  });
});

describe('separate processes', () => {
  let driver: string;
  let driverDir: string;
  beforeAll(async () => {
    driverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-driver-'));
    driver = path.join(driverDir, 'edit-profiles.mjs');
    await build({
      entryPoints: [path.join(import.meta.dirname, 'fixtures', 'edit-profiles.ts')],
      outfile: driver,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    });
  });
  afterAll(() => fs.rmSync(driverDir, { recursive: true, force: true }));

  const request = (op: 'insert' | 'remove', files: (InsertRequest | ProfileFile)[]) => JSON.stringify({ op, files, ...opts });

  it('ten setups at once leave exactly one block per file, and uninstall restores the tree', async () => {
    write(h('.bashrc'), 'export A=1\r\n');
    const files = [ins(h('.bashrc')), ins(h('.config', 'fish', 'conf.d', 'pyshim.fish'), 'fish', FISH_BODY)];
    const before = snapshot(home);
    const runs = await Promise.all(Array.from({ length: 10 }, () => execa(process.execPath, [driver, request('insert', files)], { reject: false })));
    for (const run of runs) expect(run.stderr).toBe('');
    expect(runs.map((r) => r.exitCode)).toEqual(Array(10).fill(0));
    const actions = runs.flatMap((r) => (JSON.parse(r.stdout) as { files: { action: string }[] }).files.map((f) => f.action)).sort();
    expect(actions.filter((a) => a !== 'unchanged')).toEqual(['created', 'updated']);
    expect(blocksIn(h('.bashrc'))).toBe(1);
    expect(blocksIn(files[1]!.path)).toBe(1);
    expect(fs.readdirSync(opts.dataDir).sort()).toEqual(['backups', 'profiles-created.json']);

    const removal = await execa(process.execPath, [driver, request('remove', [{ path: h('.bashrc'), shell: 'bash' }])], { reject: false });
    expect(removal.exitCode).toBe(0);
    expect(snapshot(home)).toEqual(before);
  });

  it('takes over a lock left by a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(path.join(opts.dataDir, 'profiles.lock'), JSON.stringify({ pid: dead, host: os.hostname(), time: Date.now() }));
    write(h('.bashrc'), 'x\n');
    await setup([ins(h('.bashrc'))]);
    expect(blocksIn(h('.bashrc'))).toBe(1);
    expect(fs.existsSync(path.join(opts.dataDir, 'profiles.lock'))).toBe(false);
  });

  it('waits for a live holder and gives up with a clear error', async () => {
    const holder = execa(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      fs.mkdirSync(opts.dataDir, { recursive: true });
      fs.writeFileSync(path.join(opts.dataDir, 'profiles.lock'), JSON.stringify({ pid: holder.pid, host: os.hostname(), time: Date.now() }));
      write(h('.bashrc'), 'x\n');
      const error = await refused(applyPlan(planInsert([ins(h('.bashrc'))]), { ...opts, lockTimeoutMs: 300 }));
      expect(error.message).toMatch(new RegExp(`another pyshim \\(pid ${holder.pid}\\)`));
      expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('x\n');
    } finally {
      holder.kill();
      await holder.catch(() => {});
    }
  });

  // A read-only bind mount refuses root too; unshare gives this test its own mount namespace.
  const unshare = spawnSync('unshare', ['-Urm', 'sh', '-c', 'mount --bind -o ro / /mnt 2>/dev/null || mount --bind -o ro /tmp /tmp']).status === 0;
  itWith(unshare, 'unshare -Urm (user + mount namespaces)')('refuses a profile on a read-only file system (EROFS)', async () => {
    write(h('.bashrc'), 'x\n');
    const script = 'mount --bind -o ro "$1" "$1" && exec "$2" "$3" "$4"';
    const run = await execa('unshare', ['-Urm', 'sh', '-c', script, 'sh', home, process.execPath, driver, request('insert', [ins(h('.bashrc'))])], { reject: false });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/\.bashrc: cannot write the file \(EROFS\); nothing was changed\n.+/);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('x\n');
  });
});
