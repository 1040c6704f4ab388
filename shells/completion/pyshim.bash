# bash completion for pyshim. Load it with: source <(pyshim completion bash)
# What each command offers is rendered from pyshim's declaration of its commands.

# _pyshim_complete_spec KEY: what the command KEY (pyshim-python-build) offers:
# pyshim_words (its subcommands or argument values), pyshim_flags (its options),
# pyshim_kind (lines, files or versions: completed at TAB time). Fails, changing
# nothing, when KEY names no command.
_pyshim_complete_spec() {
{{SPEC}}
}

_pyshim_complete() {
  local cur=${COMP_WORDS[COMP_CWORD]} key=pyshim pyshim_words pyshim_flags pyshim_kind i
  _pyshim_complete_spec pyshim
  # The command being typed: the words so far that name one (python, build).
  for (( i = 1; i < COMP_CWORD; i++ )); do
    if _pyshim_complete_spec "$key-${COMP_WORDS[i]}"; then key=$key-${COMP_WORDS[i]}; fi
  done
  case $cur in
    -*) mapfile -t COMPREPLY < <(compgen -W "$pyshim_flags" -- "$cur") ;;
    *)
      case $pyshim_kind in
        lines) mapfile -t COMPREPLY < <(compgen -W "$(command pyshim __lines 2>/dev/null)" -- "$cur") ;;
        files) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
        # The versions found and not registered yet; a path once the word starts like one.
        versions)
          case $cur in
            [/.~]*) mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
            *) mapfile -t COMPREPLY < <(compgen -W "$(command pyshim __lines --found 2>/dev/null)" -- "$cur") ;;
          esac
          ;;
        *) mapfile -t COMPREPLY < <(compgen -W "$pyshim_words" -- "$cur") ;;
      esac
      ;;
  esac
}
complete -F _pyshim_complete pyshim
