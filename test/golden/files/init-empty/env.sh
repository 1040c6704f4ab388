# pyshim: the PATH part alone, read at every shell start (sh, bash, zsh; login,
# interactive or neither). Generated; `pyshim setup` and every change rewrite it.
# It runs no program. Sourcing it twice changes nothing.
export PYSHIM_HOME="$HOME"/.pyshim
case ":${PATH-}:" in
  *:"$HOME"/.pyshim/bin:*) ;;
  *) case ${VIRTUAL_ENV:+"$PATH:"} in
       "$VIRTUAL_ENV"/bin:*) export PATH="$VIRTUAL_ENV"/bin:"$HOME"/.pyshim/bin"${PATH#"$VIRTUAL_ENV"/bin}" ;;
       *) export PATH="$HOME"/.pyshim/bin"${PATH:+:$PATH}" ;;
     esac ;;
esac
