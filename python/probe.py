# pyshim's interpreter probe: prints one JSON object describing the Python
# that runs it. It must run unchanged on every CPython from 2.6 to 3.14, so:
# no f-strings, no dict/set comprehensions, no `with` over several items,
# output through sys.stdout.write. It only looks; it never imports the
# modules it reports on (importing pip or virtualenv costs tens of ms).
import os
import sys


def find_module(name):
    try:
        import importlib.util
        return importlib.util.find_spec(name) is not None
    except ImportError:
        pass
    except Exception:
        return False
    try:
        import imp
        imp.find_module(name)
        return True
    except Exception:
        return False


def stdlib_dir():
    try:
        import sysconfig
        return sysconfig.get_path("stdlib")
    except Exception:
        pass
    try:
        from distutils import sysconfig as dsc
        return dsc.get_python_lib(standard_lib=True)
    except Exception:
        return None


def main():
    import site
    info = {}
    vi = sys.version_info
    info["version"] = "%d.%d.%d" % (vi[0], vi[1], vi[2])
    info["releaselevel"] = str(vi[3])
    info["serial"] = int(vi[4])
    impl = getattr(sys, "implementation", None)
    if impl is not None:
        info["implementation"] = impl.name
    else:
        import platform
        info["implementation"] = platform.python_implementation().lower()
    info["executable"] = sys.executable
    info["prefix"] = sys.prefix
    base = getattr(sys, "base_prefix", None) or getattr(sys, "real_prefix", None) or sys.prefix
    info["basePrefix"] = base
    in_venv = base != sys.prefix or hasattr(sys, "real_prefix")
    info["inVirtualenv"] = bool(in_venv)
    user_base = getattr(site, "USER_BASE", None)
    user_site = getattr(site, "USER_SITE", None)
    if hasattr(site, "getuserbase"):
        user_base = site.getuserbase()
    if hasattr(site, "getusersitepackages"):
        user_site = site.getusersitepackages()
    info["userBase"] = user_base
    info["userSite"] = user_site
    info["userSiteEnabled"] = bool(getattr(site, "ENABLE_USER_SITE", False))
    modules = {}
    for name in ("pip", "venv", "ensurepip", "virtualenv", "virtualenvwrapper"):
        modules[name] = find_module(name)
    info["modules"] = modules
    marker = None
    std = stdlib_dir()
    if std and not in_venv:
        candidate = os.path.join(std, "EXTERNALLY-MANAGED")
        if os.path.isfile(candidate):
            marker = candidate
    info["externallyManaged"] = marker
    purelib = None
    try:
        import sysconfig
        purelib = sysconfig.get_path("purelib")
    except Exception:
        try:
            from distutils import sysconfig as dsc
            purelib = dsc.get_python_lib()
        except Exception:
            pass
    info["sitePackages"] = purelib
    try:
        import json
        text = json.dumps(info)
    except ImportError:
        # Python 2.5 and older have no json: say just enough to be refused.
        text = "{\"version\": \"%s\"}" % info["version"]
    sys.stdout.write(text + "\n")


# envfacts.py imports find_module from here; only running this file probes.
if __name__ == "__main__":
    main()
