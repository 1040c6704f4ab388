# pyshim: the PATH part alone, read at every shell start (sh, bash, zsh; login,
# interactive or neither). Generated; `pyshim setup` and every change rewrite it.
# It runs no program. Sourcing it twice changes nothing.
{{PATH_PART}}
