# pyshim for fish: generated (edits here do not last). cdvirtualenv's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after cdvirtualenv (unless they are read already, or cdvirtualenv is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/cdvirtualenv.fish' (functions --details cdvirtualenv); and __pyshim_vew_load
