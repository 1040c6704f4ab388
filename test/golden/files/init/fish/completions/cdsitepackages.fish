# pyshim for fish: generated (edits here do not last). cdsitepackages's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after cdsitepackages (unless they are read already, or cdsitepackages is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/cdsitepackages.fish' (functions --details cdsitepackages); and __pyshim_vew_load
