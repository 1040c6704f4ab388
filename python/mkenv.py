# pyshim's `virtualenv-X.Y` helper, the file the shims run. The work is in
# mkenv_main.py, imported rather than run: Python compiles a script it runs
# at every start, but keeps what it imports compiled (in runtime/__pycache__,
# which is pyshim's). See mkenv_main.py for what it does and its usage.
#
# It runs on every Python that may run it, 2.7 included.
import sys

if sys.version_info[0] < 3:
    # Python 2 would leave .pyc files beside the sources in pyshim's runtime
    # dir, where uninstall does not look.
    sys.dont_write_bytecode = True

from mkenv_main import main  # noqa: E402 (after the bytecode switch)

sys.exit(main())
