# pyshim for fish, generated from its registry: what pyshim's fish commands
# (runtime/virtualenvwrapper.fish) read when they load, never at a shell's
# start. `pyshim add`, `remove` and `default` rewrite it.

# The homes `workon NAME`, rmvirtualenv, cpvirtualenv, showvirtualenv and the
# completion of names search: pairs of line ('' for a searched home) and
# directory, each line's home first.
set -g __pyshim_vew_homes '2.6' "$HOME"/'.virtualenvs26' '2.7' "$HOME"/'.virtualenvs27' '3.6' "$HOME"/'.virtualenvs36' '3.11' "$HOME"/'.virtualenvs311' '3.12' "$HOME"/'envs/it\'s 3.12' '' "$HOME"/'.virtualenvs' '' '/srv/team envs/it\'s $shared'
