/**
 * One interface, one implementation per shell (as direnv does): every piece
 * of shell text pyshim generates is built through an adapter, so quoting and
 * syntax live in exactly one place per shell.
 */
export type ShellName = 'bash' | 'zsh' | 'fish';

export const SHELLS: readonly ShellName[] = ['bash', 'zsh', 'fish'];

/** An arm of a case/switch: a literal value and the code to run for it. */
export interface SwitchArm {
  value: string;
  body: string;
}

/**
 * What a profile block loads. `rc`: the init file (an interactive shell's rc
 * file: ~/.bashrc, .zshrc, fish's conf.d). `env`: only the PATH part, env.sh
 * (~/.zshenv, read by every zsh; a ~/.profile only sh reads). `login`: bash's
 * login file: the PATH part for every login shell, the init file when
 * interactive.
 */
export type BlockKind = 'rc' | 'env' | 'login';

export interface ProfileBlockOptions {
  kind?: BlockKind;
  /** The profile is also read by sh (~/.profile), which must not source this shell's init file. */
  sharedWithSh?: boolean;
  /** A login file pyshim creates: in bash it reads ~/.bashrc, as login files usually do (which loads the init file). */
  readsBashrc?: boolean;
}

/** The generated files a block may source. */
export interface BlockFiles {
  init: string;
  env: string;
}

export interface ShellAdapter {
  /** File name of this shell's generated init file in pyshim's data dir. */
  readonly initFileName: string;
  /** One word whose value is `value`, byte for byte. */
  quote(value: string): string;
  /** A word naming `file`, relative to `$HOME` when it lies inside `home`. */
  homePath(file: string, home: string): string;
  /** Set NAME to `word` (text from quote/homePath); exported unless `exported` is false. */
  setVariable(name: string, word: string, options?: { exported?: boolean }): string;
  /** Set NAME, global and not exported, to a list of words (bash and zsh: an array; fish: a list). */
  setList(name: string, words: string[]): string;
  /**
   * Put the directory `word` first on PATH unless PATH already has it, so
   * sourcing twice adds nothing — but after an active virtual environment's
   * bin when that is first (an IDE terminal's venv keeps winning).
   */
  prependPathOnce(word: string): string;
  /** Put the directory `word` last on PATH unless PATH already has it (pyshim's own command). */
  appendPathOnce(word: string): string;
  /** Run a command or function: `name` and already-rendered words. */
  call(name: string, words: string[]): string;
  /** The word for a variable's value (empty when unset). */
  variable(name: string): string;
  /** Run each command until one succeeds. */
  firstThatWorks(commands: string[]): string;
  /** The word for the function's n-th argument (1-based). */
  argument(n: number): string;
  /** printf with a format (a plain value, quoted here) and already-rendered words, to stderr if asked. */
  printf(format: string, words: string[], options?: { stderr?: boolean }): string;
  /** Branch on the word `subject`; `otherwise` runs when no arm's literal value matches. */
  switchOn(subject: string, arms: SwitchArm[], otherwise: string): string;
  /**
   * The body of the profile block: static text that sources the init file (or
   * for `env` and `login` blocks env.sh) if it is readable, relative to
   * `$HOME` when inside `home`. Starts nothing; immune to the user's aliases
   * and functions named `.` or `source`.
   */
  profileBlockBody(files: BlockFiles, home: string, options?: ProfileBlockOptions): string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Variable and function names are pyshim's own constants; refuse anything else early. */
export function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a valid shell name: ${JSON.stringify(name)}`);
  return name;
}

const ARM = /^[A-Za-z0-9._-]+$/;

/** Case values are pyshim's own words (line versions): no glob, nothing to quote. */
export function checkArmValue(value: string): string {
  if (!ARM.test(value)) throw new Error(`not a plain case value: ${JSON.stringify(value)}`);
  return value;
}

export function indent(body: string, by = '  '): string {
  return body
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}
