# pyshim for fish, generated from its registry: what pyshim's fish commands
# (runtime/virtualenvwrapper.fish) read when they load, never at a shell's
# start. `pyshim add`, `remove` and `default` rewrite it.

# The homes `workon NAME`, rmvirtualenv, cpvirtualenv, showvirtualenv and the
# completion of names search: pairs of line ('' for a searched home) and
# directory, each line's home first.
set -g __pyshim_vew_homes '' "$HOME"/'.virtualenvs'
