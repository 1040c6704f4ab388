# pyshim for fish: generated from its registry (`pyshim add`, `remove` and
# `default` rewrite it, so edits here do not last); fish loads it on first
# use from pyshim's functions directory.
#
# Switch this shell to a line, silently (`pyshim use`, and a shell that
# inherited another line than the default): one arm per registered line,
# every value baked in, nothing runs to find it.
function _pyshim_use
    switch "$argv[1]"
        case 2.6
            set -gx PYSHIM_LINE '2.6'
            set -gx VIRTUALENVWRAPPER_PYTHON "$HOME"/'.pyshim/pythons/2.6.9/bin/python2.6'
            set -gx VIRTUALENVWRAPPER_VIRTUALENV "$HOME"/'.pyshim/bin/virtualenv-2.6'
            set -gx WORKON_HOME "$HOME"/'.virtualenvs26'
        case 2.7
            set -gx PYSHIM_LINE '2.7'
            set -gx VIRTUALENVWRAPPER_PYTHON '/usr/bin/python3.11'
            set -gx VIRTUALENVWRAPPER_VIRTUALENV "$HOME"/'.pyshim/bin/virtualenv-2.7'
            set -gx WORKON_HOME "$HOME"/'.virtualenvs27'
        case 3.6
            set -gx PYSHIM_LINE '3.6'
            set -gx VIRTUALENVWRAPPER_PYTHON "$HOME"/'.pyenv/versions/3.6.15/bin/python3.6'
            set -gx VIRTUALENVWRAPPER_VIRTUALENV "$HOME"/'.pyshim/bin/virtualenv-3.6'
            set -gx WORKON_HOME "$HOME"/'.virtualenvs36'
        case 3.11
            set -gx PYSHIM_LINE '3.11'
            set -gx VIRTUALENVWRAPPER_PYTHON '/usr/bin/python3.11'
            set -gx VIRTUALENVWRAPPER_VIRTUALENV "$HOME"/'.pyshim/bin/virtualenv-3.11'
            set -gx WORKON_HOME "$HOME"/'.virtualenvs311'
        case 3.12
            set -gx PYSHIM_LINE '3.12'
            set -gx VIRTUALENVWRAPPER_PYTHON "$HOME"/'.pyenv/versions/3.12.1/bin/python3.12'
            set -gx VIRTUALENVWRAPPER_VIRTUALENV "$HOME"/'.pyshim/bin/virtualenv-3.12'
            set -gx WORKON_HOME "$HOME"/'envs/it\'s 3.12'
        case '*'
            printf 'pyshim: error: %s is not a registered line (registered: 2.6, 2.7, 3.6, 3.11, 3.12)\\n  register it first: pyshim add %s\\n' "$argv[1]" "$argv[1]" >&2
            return 1
    end
end
