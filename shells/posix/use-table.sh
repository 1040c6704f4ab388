# shellcheck shell=bash
# (Template: the end of init.bash and init.zsh, read by `pyshim use` only.)

# `pyshim use X.Y`: one arm per registered line, every value baked in:
# $1 line, $2 Python for virtualenvwrapper's hooks, $3 virtualenv-X.Y,
# $4 WORKON_HOME, $5 virtualenvwrapper.sh ('' when the machine has none).
_pyshim_use() {
  {{USE_SWITCH}}
  {{SWITCH}}
  # Loaded already: back to stubs, so the next command reloads it with this
  # line's variables.
  if [ -n "${_pyshim_vew_loaded-}" ]; then _pyshim_vew_stubs; fi
}
