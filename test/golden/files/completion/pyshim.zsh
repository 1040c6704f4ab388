#compdef pyshim
# zsh completion for pyshim. Load it with: source <(pyshim completion zsh)
_pyshim() {
  local -a commands
  commands=(list add remove bootstrap init setup uninstall use default doctor completion python)
  if (( CURRENT == 2 )); then
    compadd -- $commands
    return
  fi
  case ${words[2]} in
    remove|bootstrap|use|default) compadd -- ${(f)"$(command pyshim __lines 2>/dev/null)"} ;;
    init|completion) compadd -- bash zsh fish ;;
    setup) compadd -- --shell --dry-run --rc-file ;;
    add) _files ;;
  esac
}
if (( $+functions[compdef] )); then
  compdef _pyshim pyshim
fi
