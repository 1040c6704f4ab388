# fish completion for pyshim. Load it with: pyshim completion fish | source
# What each command offers is rendered from pyshim's declaration of its commands.

# The command being typed, as pyshim-python-build: the words so far that name one.
function __pyshim_complete_key
    set -l key pyshim
    for word in (commandline -opc)[2..-1]
        if contains -- $key-$word {{KEYS}}
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
{{COMPLETES}}
