import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

/**
 * The module's `main`, for console scripts: prints the marker, the Python
 * X.Y that runs it and its argv, and exits with the status its first
 * argument names after `exit=` (2.6–3.14 syntax).
 */
const MAIN = `
def main():
    import sys
    sys.stdout.write("%s on %d.%d argv=%r\\n" % (MARKER, sys.version_info[0], sys.version_info[1], sys.argv))
    args = sys.argv[1:]
    if args and args[0].startswith("exit="):
        return int(args[0][5:])
    return 0
`;

/**
 * A minimal pure-Python wheel, written by hand (a stored zip with METADATA,
 * WHEEL and RECORD), so installing it needs no network and no build tools.
 * The module prints a marker the test checks after `pip install`; with
 * `scripts` (console script name → attribute of the module, e.g. 'main'),
 * it has those console scripts, each running `main` above.
 */
export function buildWheel(dir: string, name = 'pyshimprobe', version = '1.0', scripts: Record<string, string> = {}): { file: string; name: string; marker: string } {
  const marker = `${name} ${version} installed`;
  const distInfo = `${name}-${version}.dist-info`;
  const hasScripts = Object.keys(scripts).length > 0;
  const files: [string, string][] = [
    [`${name}.py`, `MARKER = ${JSON.stringify(marker)}\n${hasScripts ? MAIN : ''}`],
    [`${distInfo}/METADATA`, `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`],
    [`${distInfo}/WHEEL`, 'Wheel-Version: 1.0\nGenerator: pyshim-test\nRoot-Is-Purelib: true\nTag: py2-none-any\nTag: py3-none-any\n'],
  ];
  if (hasScripts) {
    const lines = Object.entries(scripts).map(([script, attr]) => `${script} = ${name}:${attr}`);
    files.push([`${distInfo}/entry_points.txt`, `[console_scripts]\n${lines.join('\n')}\n`]);
  }
  const record = files
    .map(([n, text]) => `${n},sha256=${createHash('sha256').update(text).digest('base64url')},${Buffer.byteLength(text)}`)
    .concat([`${distInfo}/RECORD,,`])
    .join('\n');
  files.push([`${distInfo}/RECORD`, record + '\n']);
  const file = path.join(dir, `${name}-${version}-py2.py3-none-any.whl`);
  fs.writeFileSync(file, storedZip(files));
  return { file, name, marker };
}

function storedZip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
