# pyshim for fish: generated (edits here do not last). toggleglobalsitepackages's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after toggleglobalsitepackages (unless they are read already, or toggleglobalsitepackages is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/toggleglobalsitepackages.fish' (functions --details toggleglobalsitepackages); and __pyshim_vew_load
