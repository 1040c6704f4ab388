/**
 * The user's own virtualenvwrapper settings: WORKON_HOME,
 * VIRTUALENVWRAPPER_PYTHON, VIRTUALENVWRAPPER_VIRTUALENV_ARGS and PROJECT_HOME,
 * as the environment pyshim runs in gives them and as the profiles the shells
 * read assign them — each with where it is, relative to pyshim's block. Pure:
 * the files come in as text (read through TargetFacts at the edge).
 *
 * API
 *   SETTING_NAMES                          the four variables
 *   assignmentsIn(text, syntax, home)      every assignment of them in one file's text (1-based lines);
 *                                          value undefined when it cannot be known without running the shell
 *   settingFiles(shells, facts, planned?, extra?)  the profiles those shells read, as text, with where each is
 *                                          read relative to pyshim's block (planned: texts setup is about to
 *                                          write; extra: other files with a block, such as setup's --rc-file)
 *   findUserSettings(input)                the user's settings, files first, then the environment's
 *                                          (a value pyshim's init exported is not the user's)
 *   userWorkonHomes(settings, exclude)     the absolute WORKON_HOMEs among them: Registry.sharedHomes
 *
 * Only `$HOME`, `${HOME}` and a leading `~` are expanded; any other `$`,
 * a command substitution or a relative result makes a value unknown (and
 * reported as such), never guessed.
 */
import path from 'node:path';
import type { Env } from '../paths.js';
import { findBlocks } from '../profile/block.js';
import type { ShellName } from '../shell/adapter.js';
import { settingsFiles, type TargetFacts } from '../shell/targets.js';

export const SETTING_NAMES = ['WORKON_HOME', 'VIRTUALENVWRAPPER_PYTHON', 'VIRTUALENVWRAPPER_VIRTUALENV_ARGS', 'PROJECT_HOME'] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** Settings whose value is a path: resolved to an absolute one. */
const PATH_SETTINGS: readonly SettingName[] = ['WORKON_HOME', 'VIRTUALENVWRAPPER_PYTHON', 'PROJECT_HOME'];

export interface Assignment {
  name: SettingName;
  /** 1-based line number. */
  line: number;
  /** The value as written (quotes included). */
  raw: string;
  /** The value as the shell would see it; for a path setting, absolute. Undefined: not knowable statically. */
  value?: string;
}

/** A word of a shell command line: its text as written, and its value when it can be known. */
interface Word {
  raw: string;
  value?: string;
}

const isName = (name: string): name is SettingName => (SETTING_NAMES as readonly string[]).includes(name);

/**
 * The words of one line, cut into commands at unquoted `;`, `&&`, `||`, `|`
 * and `&`; nothing after an unquoted `#` that starts a word. Quotes as the
 * shell reads them (fish: `\\` and `\'` inside single quotes too); `$HOME`,
 * `${HOME}` (and fish's `{$HOME}`) expanded outside single quotes, a leading
 * unquoted `~` or `~/`; anything else that expands makes the word's value unknown.
 */
function commandsOf(line: string, syntax: 'posix' | 'fish', home: string): Word[][] {
  const commands: Word[][] = [[]];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') break;
    if (c === ';' || c === '&' || c === '|') {
      while (i < n && (line[i] === '&' || line[i] === '|' || line[i] === ';')) i++;
      commands.push([]);
      continue;
    }
    const start = i;
    let value: string | undefined = '';
    const unknown = () => (value = undefined);
    const add = (text: string) => {
      if (value !== undefined) value += text;
    };
    // A `$HOME`/`${HOME}` at i (outside single quotes): expanded; another expansion: unknown.
    const dollar = () => {
      const m = /^\$(?:HOME\b|\{HOME\})/.exec(line.slice(i));
      if (m) {
        add(home);
        i += m[0].length;
      } else if (line[i + 1] === '(') {
        i++;
        substitution();
      } else {
        unknown();
        i++;
      }
    };
    // A command substitution at i (`(`, or a backquote): skipped whole, whatever spaces it holds; its value unknown.
    const substitution = () => {
      unknown();
      const close = line[i] === '`' ? '`' : ')';
      let depth = 0;
      for (i++; i < n; i++) {
        if (close === ')' && line[i] === '(') depth++;
        else if (line[i] === close && depth-- === 0) break;
      }
      i++;
    };
    // A tilde that starts the word, or its value after `NAME=` (bash and zsh expand it there too).
    const tildeHere = () => i === start || (syntax === 'posix' && /^[A-Za-z_][A-Za-z0-9_]*=$/.test(line.slice(start, i)));
    while (i < n && !/[\s;&|]/.test(line[i]!)) {
      const ch = line[i]!;
      if (ch === '~' && tildeHere() && (i + 1 === n || /[/\s;&|]/.test(line[i + 1]!))) {
        add(home);
        i++;
      } else if (ch === '~' && tildeHere()) {
        unknown(); // ~user
        i++;
      } else if (ch === "'") {
        i++;
        while (i < n && line[i] !== "'") {
          if (syntax === 'fish' && line[i] === '\\' && (line[i + 1] === "'" || line[i + 1] === '\\')) i++;
          add(line[i]!);
          i++;
        }
        i++;
      } else if (ch === '"') {
        i++;
        while (i < n && line[i] !== '"') {
          if (line[i] === '\\' && i + 1 < n) {
            add(line[i + 1]!);
            i += 2;
          } else if (line[i] === '$') dollar();
          else if (line[i] === '`') substitution();
          else {
            add(line[i]!);
            i++;
          }
        }
        i++;
      } else if (ch === '\\' && i + 1 < n) {
        add(line[i + 1]!);
        i += 2;
      } else if (ch === '$') dollar();
      else if (syntax === 'fish' && line.startsWith('{$HOME}', i)) {
        add(home);
        i += 7;
      } else if (ch === '`' || (syntax === 'fish' && ch === '(')) {
        substitution();
      } else if (ch === '(' || ch === '*' || ch === '?' || (syntax === 'fish' && ch === '{')) {
        unknown();
        i++;
      } else {
        add(ch);
        i++;
      }
    }
    commands.at(-1)!.push({ raw: line.slice(start, i), ...(value === undefined ? {} : { value }) });
  }
  // Keywords that may start a command line before the command itself (`then export …`, fish's `or set …`).
  const lead = syntax === 'fish' ? ['and', 'or', 'not', 'begin', 'else', 'command', 'builtin'] : ['then', 'do', 'else', '{', '!'];
  return commands.map((words) => {
    let at = 0;
    while (at < words.length && lead.includes(words[at]!.raw)) at++;
    return words.slice(at);
  }).filter((words) => words.length > 0);
}

/** NAME=VALUE as one word: the name, and the value's word (raw and value without the `NAME=`). */
function splitAssignment(word: Word): { name: string; value: Word } | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word.raw);
  if (!m) return undefined;
  const prefix = m[0].length;
  const raw = word.raw.slice(prefix);
  // The word's value begins with the same `NAME=` (a name holds nothing that expands or is quoted).
  return { name: m[1]!, value: { raw, ...(word.value === undefined ? {} : { value: word.value.slice(prefix) }) } };
}

/** POSIX shells: `NAME=v` alone on its command, or `export|declare -x|typeset -x NAME=v …`. */
function posixAssignments(words: Word[]): { name: string; value: Word }[] {
  const first = words[0]!.raw;
  if (first === 'export' || ((first === 'declare' || first === 'typeset') && words[1]?.raw.startsWith('-') && words[1].raw.includes('x'))) {
    return words.slice(first === 'export' ? 1 : 2).flatMap((w) => splitAssignment(w) ?? []);
  }
  const all = words.map(splitAssignment);
  // `NAME=v command`: the value is for that command only, not a setting.
  return all.every(Boolean) ? (all as { name: string; value: Word }[]) : [];
}

/** fish: `set [-g|-x|-U|--global|--export|--universal …] NAME VALUE` with one value (not -l, -e, -q, -a, -p, …). */
function fishAssignments(words: Word[]): { name: string; value: Word }[] {
  if (words[0]!.raw !== 'set') return [];
  let i = 1;
  while (i < words.length && words[i]!.raw.startsWith('-')) {
    const flag = words[i]!.raw;
    const ok = /^-[gxuU]+$/.test(flag) || ['--global', '--export', '--universal', '--unexport'].includes(flag);
    if (!ok) return [];
    i++;
  }
  const name = words[i];
  const values = words.slice(i + 1);
  if (!name || values.length !== 1) return [];
  return [{ name: name.raw, value: values[0]! }];
}

/** A path setting's value made absolute; undefined when it cannot be (relative: it depends on where the shell starts). */
function resolveValue(name: SettingName, value: string | undefined): string | undefined {
  if (value === undefined || !PATH_SETTINGS.includes(name)) return value;
  return path.isAbsolute(value) ? path.resolve(value) : undefined;
}

/** Every assignment of one of the four settings in a profile's text. Pure. */
export function assignmentsIn(text: string, syntax: 'posix' | 'fish', home: string): Assignment[] {
  const found: Assignment[] = [];
  // Latin1 in (one code unit per byte, as the profile editor reads files); values back to UTF-8.
  const utf8 = (s: string) => Buffer.from(s, 'latin1').toString('utf8');
  text.split('\n').forEach((line, index) => {
    if (!/WORKON_HOME|VIRTUALENVWRAPPER_|PROJECT_HOME/.test(line)) return;
    for (const words of commandsOf(line, syntax, home)) {
      for (const { name, value } of syntax === 'fish' ? fishAssignments(words) : posixAssignments(words)) {
        if (!isName(name)) continue;
        const resolved = resolveValue(name, value.value === undefined ? undefined : utf8(value.value));
        found.push({ name, line: index + 1, raw: utf8(value.raw), ...(resolved === undefined ? {} : { value: resolved }) });
      }
    }
  });
  return found;
}

/** A profile a shell reads at start, as text, and where it stands against pyshim's block. */
export interface SettingFile {
  file: string;
  shell: ShellName;
  text: string;
  /** Where the file is read relative to pyshim's block when it holds no block that loads the init file. */
  order: 'before' | 'after';
}

/** Does this file hold a pyshim block that loads the init file (not only env.sh, the PATH part)? Its lines, if so. */
function initBlock(text: string): { beginLine: number; endLine: number } | undefined {
  const found = findBlocks(Buffer.from(text, 'latin1'));
  if (!found.ok) return undefined;
  const lines = text.split('\n');
  return found.blocks.find((b) => lines.slice(b.beginLine - 1, b.endLine).some((l) => /init\.(bash|zsh|fish)\b|\.bashrc\b/.test(l)));
}

/**
 * The profiles each shell reads at start where a user sets these variables,
 * with where each is read against the file holding pyshim's block (the
 * shells' start-up declarations say: src/shell/startup/), as text. `planned`
 * holds the text setup is about to give a file (its block in place). Pure
 * over the facts.
 */
export function settingFiles(
  shells: readonly ShellName[],
  facts: TargetFacts,
  planned: ReadonlyMap<string, string> = new Map(),
  extra: readonly { file: string; shell: ShellName }[] = [],
): SettingFile[] {
  const wanted = settingsFiles(shells, facts);
  // Other files with a block (`setup --rc-file`): where the block is in them says the rest.
  for (const e of extra) wanted.push({ ...e, order: 'before' });
  const seen = new Set<string>();
  return wanted.flatMap((w) => {
    if (seen.has(w.file)) return [];
    seen.add(w.file);
    const text = planned.get(w.file) ?? facts.read(w.file);
    return text === undefined ? [] : [{ ...w, text }];
  });
}

export type SettingPlace =
  | { kind: 'file'; file: string; line: number; shell: ShellName; place: 'before' | 'after'; blockHere: boolean }
  | { kind: 'env' };

/** One setting of the user's: what it is, and where. */
export interface UserSetting {
  name: SettingName;
  /** As written (in a file), or as the environment holds it. */
  raw: string;
  /** The value; absolute for a path setting. Undefined: not knowable without running the shell. */
  value?: string;
  where: SettingPlace;
}

export interface SettingsInput {
  env: Env;
  home: string;
  files: SettingFile[];
  /** The values pyshim's init exports (each line's home, hook Python and interpreter): in the environment they are pyshim's. */
  pyshimValues: { homes: string[]; pythons: string[] };
}

/** The environment's value is pyshim's own, exported by the init file of the shell pyshim runs in. */
function setByPyshim(name: SettingName, value: string, input: SettingsInput): boolean {
  if (name === 'WORKON_HOME') {
    const line = input.env.PYSHIM_LINE;
    // A line removed since this shell started still has its usual home exported.
    const usual = line && /^\d+\.\d+$/.test(line) ? path.join(input.home, `.virtualenvs${line.replace('.', '')}`) : undefined;
    return input.pyshimValues.homes.includes(path.resolve(value)) || path.resolve(value) === usual;
  }
  if (name === 'VIRTUALENVWRAPPER_PYTHON') return input.pyshimValues.pythons.includes(value);
  return false;
}

/**
 * The user's settings: each assignment in the files (in the files' order,
 * then by line), then each one in the environment that pyshim did not set and
 * that no file found already assigns the same value to (a value assigned after
 * the block is in the environment of a shell that read it). Pure.
 */
export function findUserSettings(input: SettingsInput): UserSetting[] {
  const settings: UserSetting[] = [];
  for (const file of input.files) {
    const block = initBlock(file.text);
    for (const a of assignmentsIn(file.text, file.shell === 'fish' ? 'fish' : 'posix', input.home)) {
      const place = block ? (a.line < block.beginLine ? 'before' : a.line > block.endLine ? 'after' : undefined) : file.order;
      if (!place) continue; // inside the block: pyshim's own text
      settings.push({ name: a.name, raw: a.raw, ...(a.value === undefined ? {} : { value: a.value }), where: { kind: 'file', file: file.file, line: a.line, shell: file.shell, place, blockHere: Boolean(block) } });
    }
  }
  for (const name of SETTING_NAMES) {
    const raw = input.env[name];
    if (!raw || setByPyshim(name, raw, input)) continue;
    const value = resolveValue(name, raw);
    if (settings.some((s) => s.name === name && s.value !== undefined && s.value === value)) continue;
    settings.push({ name, raw, ...(value === undefined ? {} : { value }), where: { kind: 'env' } });
  }
  return settings;
}

/**
 * The user's own WORKON_HOMEs among the settings: absolute, known, once each,
 * without those in `exclude` (the lines' homes, and ~/.virtualenvs, searched
 * anyway). What setup and add keep as Registry.sharedHomes.
 */
export function userWorkonHomes(settings: readonly UserSetting[], exclude: readonly string[]): string[] {
  const skip = new Set(exclude.map((dir) => path.resolve(dir)));
  const homes = settings.flatMap((s) => (s.name === 'WORKON_HOME' && s.value !== undefined && !skip.has(s.value) ? [s.value] : []));
  return [...new Set(homes)];
}
