# pyshim for zsh, generated from its registry (notes at the end).
{{PATH_ONCE}}
{{COMMON}}
_pyshim_compadd_envs() { _pyshim_load && _pyshim_compadd_envs "$@"; }
(( ! ${+functions[compdef]} )) || compdef _pyshim_compadd_envs workon rmvirtualenv cpvirtualenv showvirtualenv
_pyshim() { _pyshim_load && _pyshim "$@"; }
(( ! ${+functions[compdef]} )) || compdef _pyshim pyshim
{{ONCE}}
{{START}}
{{LOADED}}
return 0

# Notes, below the `return` because a shell start reads nothing past it. Every
# character above it costs start-up time (budget: 0.5 ms), comments included.
# - `pyshim add`, `remove` and `default` rewrite this file: edits do not last.
# - It runs no program (no $(…), no node, no Python). Read again in the same
#   shell, it renews PATH and the functions but leaves the line and its
#   variables as they are (the line before the default line's part compares
#   a stamp of this text and the shell's PID with what the last line left):
#   a login bash whose ~/.profile reads ~/.bashrc reads it twice, and the
#   second must not undo what the user's lines between set (WORKON_HOME).
#   A new shell, or a file pyshim rewrote, sets them afresh.
# - `pyshim` is a function because `pyshim use X.Y` must change this shell.
# - virtualenvwrapper's commands are stubs (one definition for all names)
#   that load it on first use. They, `pyshim use` and the completion of
#   environment names first read lazy.zsh: the table of lines and pyshim's
#   loader.
# - Environment names complete before virtualenvwrapper loads through the
#   completion system, when compinit has run (most set-ups). Without it, the
#   old compctl system would cost 0.2-0.8 ms at every start (it loads zsh/zle,
#   zsh/complete and zsh/compctl), so there names complete once
#   virtualenvwrapper has loaded, which registers its own compctl completion.
# - The shell starts on the line it inherited from a parent that ran
#   `pyshim use`, else on the default line, set inline.
