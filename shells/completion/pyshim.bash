# bash completion for pyshim. Load it with: source <(pyshim completion bash)
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

# _pyshim_complete_paths -f|-d: file or directory names for $cur, shown and
# quoted as names (a directory gets its /, a space its backslash); compopt
# works only while bash completes, so its failure elsewhere is quiet.
_pyshim_complete_paths() {
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen "$1" -- "$cur")
}

_pyshim_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]} key=pyshim pyshim_words pyshim_flags pyshim_kind i
  _pyshim_complete_spec pyshim
  # The command being typed: the words so far that name one (python, build).
  for (( i = 1; i < COMP_CWORD; i++ )); do
    if _pyshim_complete_spec "$key-${COMP_WORDS[i]}"; then key=$key-${COMP_WORDS[i]}; fi
  done
  # The option taking a value that this word is for: the word before
  # (--python /x), or --python=/x, which bash splits at the = (COMP_WORDBREAKS)
  # into --python, = and /x, the = being the word while nothing follows it.
  local prev=${COMP_WORDS[COMP_CWORD-1]} value=$cur
  if [[ $cur == = ]]; then
    value=''
  elif [[ $prev == = ]] && (( COMP_CWORD > 2 )); then
    prev=${COMP_WORDS[COMP_CWORD-2]}
  fi
  if [[ $prev == --* ]] && _pyshim_complete_value "$key$prev"; then
    cur=$value
  elif [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$pyshim_flags" -- "$cur")
    return
  fi
  case $pyshim_kind in
    lines) mapfile -t COMPREPLY < <(compgen -W "$(command pyshim __lines 2>/dev/null)" -- "$cur") ;;
    files) _pyshim_complete_paths -f ;;
    dirs) _pyshim_complete_paths -d ;;
    # The versions found and not registered yet; a path once the word starts like one.
    versions)
      case $cur in
        [/.~]*) _pyshim_complete_paths -f ;;
        *) mapfile -t COMPREPLY < <(compgen -W "$(command pyshim __lines --found 2>/dev/null)" -- "$cur") ;;
      esac
      ;;
    *) mapfile -t COMPREPLY < <(compgen -W "$pyshim_words" -- "$cur") ;;
  esac
}
complete -F _pyshim_complete pyshim
