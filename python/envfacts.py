# pyshim's environment-backend facts: prints one JSON object saying how the
# Python that runs it can make virtual environments. It must run unchanged on
# every CPython from 2.6 to 3.14 (no f-strings, no comprehensions over dicts,
# output through sys.stdout.write).
#
# Unlike probe.py it does import ensurepip and virtualenv: "importable" is not
# "works" (Debian strips ensurepip's wheels; a virtualenv can be too new for
# the Python that finds it), and asking the modules themselves is the cheap
# honest check.
import os
import sys

# The script's own directory is sys.path[0]: the probe's module check is shared.
from probe import find_module


def wheel_dirs(ensurepip_dir):
    dirs = []
    try:
        import sysconfig
        extra = sysconfig.get_config_var("WHEEL_PKG_DIR")
        if extra:
            dirs.append(extra)
    except Exception:
        pass
    dirs.append(os.path.join(ensurepip_dir, "_bundled"))
    return dirs


def find_wheel(dirs, project, version):
    prefix = "%s-%s-" % (project, version)
    for d in dirs:
        try:
            names = sorted(os.listdir(d))
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(".whl"):
                return os.path.join(d, name)
    return None


def ensurepip_facts():
    """The pip wheel `python -m ensurepip` would install, if it is really there."""
    try:
        import ensurepip
    except Exception:
        e = sys.exc_info()[1]
        return {"pip": None, "pipVersion": None, "setuptools": None,
                "reason": "ensurepip cannot be imported (%s)" % e}
    try:
        pip_version = ensurepip.version()
    except Exception:
        e = sys.exc_info()[1]
        return {"pip": None, "pipVersion": None, "setuptools": None,
                "reason": "ensurepip has no pip wheel (%s)" % e}
    dirs = wheel_dirs(os.path.dirname(ensurepip.__file__))
    projects = []
    if hasattr(ensurepip, "_get_packages"):
        try:
            projects = list(ensurepip._get_packages().keys())
        except Exception:
            projects = []
    elif hasattr(ensurepip, "_PROJECTS"):
        for entry in ensurepip._PROJECTS:
            projects.append(entry[0])
    else:
        projects = ["pip"]
    pip = find_wheel(dirs, "pip", pip_version)
    setuptools = None
    if "setuptools" in projects:
        setuptools_version = getattr(ensurepip, "_SETUPTOOLS_VERSION", None)
        try:
            setuptools_version = ensurepip._get_packages()["setuptools"].version
        except Exception:
            pass
        if setuptools_version:
            setuptools = find_wheel(dirs, "setuptools", setuptools_version)
    reason = None
    if pip is None:
        reason = "ensurepip's pip %s wheel is missing from %s" % (pip_version, " and ".join(dirs))
    return {"pip": pip, "pipVersion": pip_version, "setuptools": setuptools, "reason": reason}


def virtualenv_facts():
    if not find_module("virtualenv"):
        return None
    try:
        import virtualenv
        version = getattr(virtualenv, "__version__", None) or "unknown"
        return {"version": str(version), "file": virtualenv.__file__, "error": None,
                "userSite": in_user_site(virtualenv.__file__)}
    except Exception:
        e = sys.exc_info()[1]
        return {"version": None, "file": None, "error": "%s: %s" % (type(e).__name__, e)}


def module_file(name):
    """The file `import name` would load, by sys.path's order (packages and plain modules)."""
    for d in sys.path:
        for candidate in (os.path.join(d or ".", name, "__init__.py"), os.path.join(d or ".", name + ".py")):
            if os.path.isfile(candidate):
                return candidate
    return None


def in_user_site(path):
    try:
        import site
        user = getattr(site, "USER_SITE", None) or site.getusersitepackages()
    except Exception:
        return False
    return bool(user) and os.path.realpath(path).startswith(os.path.realpath(user) + os.sep)


def system_virtualenv_facts():
    """The virtualenv this interpreter imports without its user site (python -s): asked only
    when the one it imports lies in the user site, which hides the distribution's (a
    virtualenv bootstrapped into 3.11's user site shadows Debian's)."""
    import subprocess
    child = subprocess.Popen([sys.executable, "-s", os.path.abspath(__file__), "--virtualenv-only"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = child.communicate()[0]
    if child.returncode != 0:
        return None
    import json
    try:
        return json.loads(out.decode("utf-8"))
    except ValueError:
        return None


def main():
    if sys.argv[1:] == ["--virtualenv-only"]:
        import json
        sys.stdout.write(json.dumps(virtualenv_facts()) + "\n")
        return
    vi = sys.version_info
    virtualenv = virtualenv_facts()
    # Where it lies, also when it failed to import (a user-site virtualenv missing a dependency).
    found = virtualenv and (virtualenv["file"] or module_file("virtualenv"))
    info = {
        "version": "%d.%d.%d" % (vi[0], vi[1], vi[2]),
        "venv": vi[0] >= 3 and find_module("venv"),
        "ensurepip": ensurepip_facts(),
        "virtualenv": virtualenv,
        "systemVirtualenv": system_virtualenv_facts() if found and in_user_site(found) else None,
    }
    import json
    sys.stdout.write(json.dumps(info) + "\n")


main()
