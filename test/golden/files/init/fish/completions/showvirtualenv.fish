# pyshim for fish: generated (edits here do not last). showvirtualenv's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after showvirtualenv (unless they are read already, or showvirtualenv is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/showvirtualenv.fish' (functions --details showvirtualenv); and __pyshim_vew_load
