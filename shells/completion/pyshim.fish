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

complete -c pyshim -f
{{COMPLETES}}
