#!/usr/bin/env node
// Runs a command and watches /proc while it runs: how many of its descendant
// processes whose command line contains PATTERN were alive at once. Prints
// one JSON line {"status", "maxAtOnce", "seen"} on stdout.
//
//   node overlap.js PATTERN -- COMMAND [ARGS...]
//
// Whether work runs in parallel is a matter of overlap, which a busy machine
// does not hide; whether it finishes sooner is a matter of idle cores, which
// a busy machine has none of. The cold-list check asks the first question.
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { setImmediate } from 'node:timers';

/** pid → { ppid, cmdline } for every process /proc shows now. */
function processes() {
  const table = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the ppid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      table.set(Number(name), { ppid, cmdline });
    } catch {
      // gone between readdir and read
    }
  }
  return table;
}

function descendants(table, root) {
  const out = [];
  for (const [pid] of table) {
    for (let at = pid, hops = 0; at > 1 && hops < 64; hops++) {
      const entry = table.get(at);
      if (!entry) break;
      if (entry.ppid === root) {
        out.push(pid);
        break;
      }
      at = entry.ppid;
    }
  }
  return out;
}

function main() {
  const [pattern, dashes, command, ...args] = process.argv.slice(2);
  if (!pattern || dashes !== '--' || !command) {
    process.stderr.write('usage: node overlap.js PATTERN -- COMMAND [ARGS...]\n');
    process.exit(2);
  }
  const child = spawn(command, args, { stdio: 'ignore' });
  const seen = new Set();
  let maxAtOnce = 0;
  let done = false;
  const poll = () => {
    if (done) return;
    const table = processes();
    const matching = descendants(table, child.pid).filter((pid) => table.get(pid)?.cmdline.includes(pattern));
    for (const pid of matching) seen.add(pid);
    maxAtOnce = Math.max(maxAtOnce, matching.length);
    setImmediate(poll);
  };
  child.on('exit', (code, signal) => {
    done = true;
    process.stdout.write(`${JSON.stringify({ status: code ?? signal, maxAtOnce, seen: seen.size })}\n`);
  });
  poll();
}

main();
