# fish completion for pyshim. Load it with: pyshim completion fish | source
# What each command offers is rendered from pyshim's declaration of its commands.

# The command being typed, as pyshim-python-build: the words so far that name one.
function __pyshim_complete_key
    set -l key pyshim
    for word in (commandline -opc)[2..-1]
        if contains -- $key-$word 'pyshim-list' 'pyshim-envs' 'pyshim-add' 'pyshim-remove' 'pyshim-bootstrap' 'pyshim-init' 'pyshim-setup' 'pyshim-uninstall' 'pyshim-use' 'pyshim-default' 'pyshim-completion' 'pyshim-doctor' 'pyshim-python' 'pyshim-python-build' 'pyshim-python-uninstall'
            set key $key-$word
        end
    end
    echo $key
end

# Does the word being completed start like a path (/, . or ~)? pyshim add takes one.
function __pyshim_complete_path
    string match -qr '^[/.~]' -- (commandline -ct)
end

# Directories for an option's value: fish offers them after --option= itself,
# so the word being completed is given without it.
function __pyshim_complete_directories
    __fish_complete_directories (string replace -r -- '^--[^=]*=' '' (commandline -ct))
end

complete -c pyshim -f
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim' -a 'list envs add remove bootstrap init setup uninstall use default completion doctor python'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim' -l version
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-list' -l json
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-envs' -l json
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-add' -l no-bootstrap -l default
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-add' -l python -r -F
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-add' -l workon-home -x -a '(__pyshim_complete_directories)'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-add; and __pyshim_complete_path' -F
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-add; and not __pyshim_complete_path' -a '(command pyshim __lines --found 2>/dev/null)'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-remove' -a '(command pyshim __lines 2>/dev/null)'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-bootstrap' -l offline -l break-system-packages
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-bootstrap' -l with -x -a 'virtualenvwrapper'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-bootstrap' -l find-links -x -a '(__pyshim_complete_directories)'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-bootstrap' -l index-url -x
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-bootstrap' -a '(command pyshim __lines 2>/dev/null)'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-init' -a 'bash zsh fish'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-setup' -l dry-run
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-setup' -l shell -x -a 'bash zsh fish'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-setup' -l rc-file -r -F
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-uninstall' -l dry-run
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-use' -a '(command pyshim __lines 2>/dev/null)'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-default' -a '(command pyshim __lines 2>/dev/null)'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-completion' -a 'bash zsh fish'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-doctor' -l json
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-python' -a 'build uninstall'
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-python-build' -l insecure -l no-bootstrap
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-python-build' -l source -r -F
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-python-build' -l mirror -x
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-python-build' -l sha256 -x
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-python-build' -l jobs -x
complete -c pyshim -n 'test (__pyshim_complete_key) = pyshim-python-build' -l find-links -x -a '(__pyshim_complete_directories)'
