import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingPackage, NODE_MAJOR, nodeTooOld } from '../src/runtime.js';
import { ROOT } from './helpers/sandbox.js';

describe('the Node.js pyshim needs', () => {
  it('is the one package.json promises (engines.node)', () => {
    const engines = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    expect(engines).toBe(`>=${NODE_MAJOR}`);
  });

  it('refuses an older major in one line naming the executable and what it needs; takes the same or newer', () => {
    for (const old of ['18.20.4', 'v18.20.4', '19.9.0', '8.0.0', '', 'garbage']) {
      const line = nodeTooOld(old, '/opt/node18/bin/node');
      expect(line, old).toBe(`pyshim: error: pyshim needs Node.js 20 or newer, and /opt/node18/bin/node is ${old} (install a newer one, or put it first on PATH)`);
      expect(line).not.toContain('\n');
    }
    for (const ok of ['20.0.0', '20.20.2', 'v22.1.0', '100.0.0']) expect(nodeTooOld(ok, 'node'), ok).toBeUndefined();
  });
});

describe('an install without its packages', () => {
  it("names the missing package and how to reinstall, for import() and require() alike", () => {
    const esm = Object.assign(new Error("Cannot find package 'commander' imported from /x/dist/pyshim.cjs"), { code: 'ERR_MODULE_NOT_FOUND' });
    const cjs = Object.assign(new Error("Cannot find module '@scope/pkg'\nRequire stack:\n- /x/dist/commands/doctor.cjs"), { code: 'MODULE_NOT_FOUND' });
    expect(missingPackage(esm)?.message).toBe("this pyshim install is incomplete: the package 'commander' is missing from its node_modules");
    expect(missingPackage(esm)?.hint).toMatch(/install\.sh.*npm install -g/);
    expect(missingPackage(cjs)?.message).toContain("the package '@scope/pkg'");
  });

  it("leaves other errors alone, a missing file of pyshim's own included (a bug: it keeps its trace)", () => {
    const own = Object.assign(new Error("Cannot find module './commands/list.cjs'"), { code: 'MODULE_NOT_FOUND' });
    const absolute = Object.assign(new Error("Cannot find module '/x/dist/commands/list.cjs'"), { code: 'MODULE_NOT_FOUND' });
    expect(missingPackage(own)).toBeUndefined();
    expect(missingPackage(absolute)).toBeUndefined();
    expect(missingPackage(new Error("Cannot find package 'commander'"))).toBeUndefined();
    expect(missingPackage(undefined)).toBeUndefined();
  });
});

describe("pyshim's Python files", () => {
  // Python 2 refuses a source file with a non-ASCII byte and no coding line
  // (SyntaxError at import), and these run on 2.6 and 2.7 too.
  it('are ASCII, so that Python 2 can read them', () => {
    const dir = path.join(ROOT, 'python');
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.py'))) {
      const text = fs.readFileSync(path.join(dir, name), 'latin1');
      const at = text.search(/[^\t\n\r\f -~]/);
      expect(at, `${name}: a non-ASCII character on line ${text.slice(0, at).split('\n').length}`).toBe(-1);
    }
  });
});
