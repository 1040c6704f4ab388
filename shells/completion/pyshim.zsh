#compdef pyshim
# zsh completion for pyshim. Load it, after compinit, with: source <(pyshim completion zsh)
# or save it as _pyshim in a directory on fpath (before compinit).
# What each command offers is rendered from pyshim's declaration of its commands.

# _pyshim_complete_spec KEY: what the command KEY (pyshim-python-build) offers:
# pyshim_words (its subcommands or argument values), pyshim_flags (its options),
# pyshim_kind (lines, files or versions: completed at TAB time). Fails, changing
# nothing, when KEY names no command.
_pyshim_complete_spec() {
{{SPEC}}
}

# _pyshim_complete_value KEY--OPTION (pyshim-add--python): what the value of
# the command's OPTION offers, in pyshim_words and pyshim_kind (files or dirs).
# Fails, changing nothing, when OPTION is not one of its options taking a value.
_pyshim_complete_value() {
{{VALUES}}
}

_pyshim() {
  # compsys's own options (extendedglob for _files' patterns): a _pyshim defined
  # in pyshim's init file runs in zsh's plain emulation, which compinit's
  # functions cannot work in.
  (( ${+_comp_options} )) && setopt localoptions ${_comp_options[@]}
  local key=pyshim pyshim_words pyshim_flags pyshim_kind i
  _pyshim_complete_spec pyshim
  # The command being typed: the words so far that name one (python, build).
  for (( i = 2; i < CURRENT; i++ )); do
    if _pyshim_complete_spec "$key-${words[i]}"; then key=$key-${words[i]}; fi
  done
  # The option taking a value that this word is for: --python=/x (only the
  # value is completed), or the word before (--python /x).
  if [[ $PREFIX == --*=* ]] && _pyshim_complete_value "$key${PREFIX%%=*}"; then
    compset -P '*='
  elif [[ ${words[CURRENT-1]} == --* ]] && _pyshim_complete_value "$key${words[CURRENT-1]}"; then
    :
  elif [[ $PREFIX == -* ]]; then
    compadd -- ${=pyshim_flags}
    return
  fi
  case $pyshim_kind in
    lines) compadd -- ${(f)"$(command pyshim __lines 2>/dev/null)"} ;;
    files) _files ;;
    dirs) _files -/ ;;
    # The versions found and not registered yet; a path once the word starts like one.
    versions)
      if [[ $PREFIX == [/.~]* ]]; then
        _files
      else
        compadd -- ${(f)"$(command pyshim __lines --found 2>/dev/null)"}
      fi
      ;;
    *) compadd -- ${=pyshim_words} ;;
  esac
}
# Installed as _pyshim on fpath, this file is the body compinit autoloads on the
# first TAB (it registered it from the #compdef line): that run must complete
# too. Sourced, it registers _pyshim, once compinit has defined compdef.
if [[ $funcstack[1] == _pyshim ]]; then
  _pyshim "$@"
elif (( $+functions[compdef] )); then
  compdef _pyshim pyshim
fi
