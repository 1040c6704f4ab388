// The rc-file text a user of each tool would write, per shell, as documented
// by that tool. These are benchmark fixtures, not pyshim's generated code.

/** POSIX single quoting. */
export function sq(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** fish single quoting: only \ and ' are special inside. */
export function fq(text) {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** @param {'bash'|'zsh'|'fish'} shell @param {string} name @param {string} value */
function setenv(shell, name, value) {
  return shell === 'fish' ? `set -gx ${name} ${fq(value)}` : `export ${name}=${sq(value)}`;
}

/** @param {'bash'|'zsh'|'fish'} shell @param {string} dir */
function prependPath(shell, dir) {
  return shell === 'fish' ? `set -gx PATH ${fq(dir)} $PATH` : `export PATH=${sq(dir)}:"$PATH"`;
}

/**
 * pyenv's documented set-up. `--no-rehash` is NOT used: users get a rehash at
 * every shell start, and so does the benchmark (into a temporary PYENV_ROOT).
 *
 * @param {'bash'|'zsh'|'fish'} shell
 * @param {{ root: string, binDir: string, virtualenvInit?: boolean }} pyenv
 */
export function pyenvRc(shell, pyenv) {
  const lines = [setenv(shell, 'PYENV_ROOT', pyenv.root), prependPath(shell, pyenv.binDir)];
  if (shell === 'fish') {
    lines.push(`pyenv init - fish | source`);
    if (pyenv.virtualenvInit) lines.push(`pyenv virtualenv-init - fish | source`);
  } else {
    lines.push(`eval "$(pyenv init - ${shell})"`);
    if (pyenv.virtualenvInit) lines.push(`eval "$(pyenv virtualenv-init - ${shell})"`);
  }
  return lines.join('\n') + '\n';
}

/**
 * virtualenvwrapper as its documentation says (bash and zsh only).
 *
 * @param {'bash'|'zsh'} shell
 * @param {{ script: string, lazy?: string, python: string }} vew
 * @param {boolean} lazy
 */
export function virtualenvwrapperRc(shell, vew, lazy) {
  const lines = ['export WORKON_HOME="$HOME/.virtualenvs"', setenv(shell, 'VIRTUALENVWRAPPER_PYTHON', vew.python)];
  if (lazy && vew.lazy) {
    lines.push(setenv(shell, 'VIRTUALENVWRAPPER_SCRIPT', vew.script), `. ${sq(vew.lazy)}`);
  } else {
    lines.push(`. ${sq(vew.script)}`);
  }
  return lines.join('\n') + '\n';
}

/** @param {'bash'|'zsh'|'fish'} shell @param {string} exe */
export function miseRc(shell, exe) {
  return shell === 'fish' ? `${fq(exe)} activate fish | source\n` : `eval "$(${sq(exe)} activate ${shell})"\n`;
}

/** Source an init file if it is readable: the fallback while `pyshim init` does not exist. */
export function sourceIfReadable(shell, file) {
  return shell === 'fish'
    ? `test -r ${fq(file)}; and source ${fq(file)}\n`
    : `[ -r ${sq(file)} ] && . ${sq(file)}\n`;
}

/** A command that prints `yes` when the named function is defined (bash, zsh). */
export function hasFunction(name, not) {
  const test = `typeset -f ${name} >/dev/null`;
  return not ? `${test} && ! typeset -f ${not} >/dev/null && echo yes` : `${test} && echo yes`;
}
