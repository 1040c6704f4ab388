# shellcheck shell=bash disable=SC2016 # quoted paths may hold a literal $ or `
# pyshim for {{SHELL}}, generated from its registry: what init.{{SHELL}} reads the
# first time `pyshim use`, a virtualenvwrapper command or the completion of
# environment names runs. It replaces init.{{SHELL}}'s trampolines with the real
# functions: all of them, or (when pyshim's own files cannot be read) none,
# so that every later try says what is wrong again.

# The loader for virtualenvwrapper and the completion of environment names.
if [ -r {{VEW_LAZY}} ] && [ -r {{VEW_TOGGLE}} ]; then
  # shellcheck source=/dev/null
  builtin . {{VEW_LAZY}}
  # shellcheck source=/dev/null
  builtin . {{VEW_TOGGLE}}
else
  {{VEW_LAZY_MISSING}}
  return 1
fi

# The homes `workon NAME`, rmvirtualenv, cpvirtualenv, showvirtualenv and the
# completion of names search (virtualenvwrapper-lazy.sh): pairs of line ('' for
# a searched home) and directory, each line's home first.
# shellcheck disable=SC2034 # read by virtualenvwrapper-lazy.sh
{{HOMES}}

# Switch this shell to a line, silently (the shell's start uses it too): one
# arm per registered line, every value baked in:
# $1 line, $2 Python for virtualenvwrapper's hooks, $3 virtualenv-X.Y,
# $4 WORKON_HOME, $5 virtualenvwrapper.sh ('' when the machine has none).
_pyshim_use() {
  {{USE_SWITCH}}
  {{SWITCH}}
  # Loaded already: back to stubs, so the next command reloads it with this
  # line's variables.
  if [ -n "${_pyshim_vew_loaded-}" ]; then _pyshim_vew_stubs; fi
}

# `pyshim use X.Y`, as typed: switch and say what changed. The program
# answers the rest: `pyshim use` prints the line from PYSHIM_LINE, and refuses
# two lines or more; `pyshim use --help`.
_pyshim_use_cmd() {
  case $#:${1-} in 1:-*|1:) ;; 1:*)
    set -- "$1" "${PYSHIM_LINE-}"
    _pyshim_use "$1" || return
    if [ "$1" = "$2" ]; then
      printf 'pyshim: this shell already uses the %s line; workon and mkvirtualenv use %s\n' "$1" "$WORKON_HOME"
    else
      printf 'pyshim: this shell now uses the %s line%s; workon and mkvirtualenv use %s\n' "$1" "${2:+ (was $2)}" "$WORKON_HOME"
    fi
    return
  esac
  command pyshim use "$@"
}

# pyshim's own completion, from the program, on the first Tab after `pyshim`
# (it defines the real {{COMPLETER}}, which then completes).
{{COMPLETER}}() { local s; s=$(command pyshim completion {{SHELL}} 2>/dev/null) && [ -n "$s" ] && eval "$s" && {{COMPLETER}} "$@"; }

# A shell started before any line was registered (the `pyshim add` just now
# came after it) takes the default line now, as a new shell would.
{{ADOPT_DEFAULT}}
