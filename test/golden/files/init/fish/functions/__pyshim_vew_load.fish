# pyshim for fish: generated (edits here do not last). mkvirtualenv, workon &
# co. for fish, over the same WORKON_HOMEs as bash and zsh, are in one file
# whose parsing costs several ms, so it is read on first use: each command is
# a stub (functions/NAME.fish) that calls this, which removes the stubs,
# sources the real commands, and returns so the stub runs its command again.
# A missing file leaves the stubs in place, so `pyshim doctor`'s fix works in
# this very shell.
function __pyshim_vew_load
    set -l file "$HOME"/'.pyshim/runtime/virtualenvwrapper.fish'
    if not test -f $file -a -r $file
        printf 'pyshim: %s is missing; run: pyshim doctor\n' $file >&2
        return 1
    end
    functions -e mkvirtualenv workon rmvirtualenv lsvirtualenv showvirtualenv cdvirtualenv cdsitepackages lssitepackages toggleglobalsitepackages cpvirtualenv allvirtualenv add2virtualenv wipeenv setvirtualenvproject mkproject cdproject mktmpenv virtualenvwrapper
    source $file
end
