import fs from 'node:fs';
import path from 'node:path';

/** Every path under `root` with its kind, mode, bytes (hex digest-free: the bytes themselves) or link target. */
export function snapshotTree(root: string, skip: (rel: string) => boolean = () => false): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const rel = path.relative(root, full);
      if (skip(rel)) continue;
      const st = fs.lstatSync(full);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[rel] = `link ${fs.readlinkSync(full)}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${mode}`;
        walk(full);
      } else out[rel] = `file ${mode} ${fs.readFileSync(full).toString('base64')}`;
    }
  };
  walk(root);
  return out;
}
