# pyshim for fish: generated (edits here do not last). mkvirtualenv's completions
# come with pyshim's virtualenvwrapper commands, which fish reads here on the
# first Tab after mkvirtualenv (unless they are read already, or mkvirtualenv is
# someone else's function: a user's own wins).
contains -- "$HOME"/'.pyshim/fish/functions/mkvirtualenv.fish' (functions --details mkvirtualenv); and __pyshim_vew_load
