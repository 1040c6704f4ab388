# pyshim for fish: generated (edits here do not last). mkproject's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after mkproject (unless they are read already, or mkproject is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/mkproject.fish' (functions --details mkproject); and __pyshim_vew_load
