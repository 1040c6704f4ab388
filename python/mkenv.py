# pyshim's `virtualenv-X.Y` helper, the file the shims run. The work is in
# mkenv_main.py, imported rather than run: Python compiles a script it runs
# at every start, but keeps what it imports compiled (in runtime/__pycache__,
# which is pyshim's). See mkenv_main.py for what it does and its usage.
#
# It runs on every Python that may run it, 2.7 included.
import sys

keep = sys.dont_write_bytecode
# Python 2 would leave .pyc files beside the sources in pyshim's runtime dir,
# where uninstall does not look. Python 3 keeps them in runtime/__pycache__,
# pyshim's own, even under PYTHONDONTWRITEBYTECODE (which is about the
# user's trees): else every environment would compile these modules again.
sys.dont_write_bytecode = sys.version_info[0] < 3

import seed  # noqa: E402,F401 (after the bytecode switch; nearly every run needs it)
from mkenv_main import main  # noqa: E402

sys.dont_write_bytecode = keep or sys.version_info[0] < 3
sys.exit(main())
