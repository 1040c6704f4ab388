# shellcheck shell=bash
# (Template: the start of init.bash and init.zsh. No comments below this
# line: a shell start would read them. The notes are at the end of each file.)
pyshim() { case ${1-} in use) shift; _pyshim_use_cmd "$@" ;; *) command pyshim "$@" ;; esac; }
_pyshim_vew_loaded=
{{STUBS}}
_pyshim_load() { if [ -r {{LAZY}} ]; then builtin . {{LAZY}}; else {{LAZY_MISSING}}; return 1; fi; }
_pyshim_use() { _pyshim_load && _pyshim_use "$@"; }
_pyshim_use_cmd() { _pyshim_load && _pyshim_use_cmd "$@"; }
