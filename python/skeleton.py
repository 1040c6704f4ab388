# An environment without pip that virtualenv made once, kept in pyshim's seed
# cache and copied for each new environment of a line whose environments
# virtualenv makes (Python 2.7 has no venv). virtualenv's start (importing
# it, asking the target Python about itself) costs several times the copy.
#
# Only the place differs between two such environments: the activation
# scripts name it (VIRTUAL_ENV=...). The copy writes the new place wherever
# the skeleton's place stands, in every file. It is used only for plain
# requests (no option that changes the files) and for a destination whose
# characters every activation script writes as they are, so the result is
# what virtualenv would have written there; anything else runs virtualenv.
#
# Layout: <root>/v1/skeletons/<key>/env/ (the environment) and manifest.txt
# (written last). The key names the target Python (path, mtime, size) and the
# virtualenv that made it.
#
# It runs on every Python that may run mkenv.py, 2.7 included: no f-strings.
import hashlib
import os
import shutil
import sys

from seed import building, complete, manifest_lines, publish

SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=,./-")
NAME = "pyshim-skeleton-env"
# Larger files (a statically linked python copied into bin/) are copied as they are.
TEXT_LIMIT = 1 << 20


def plain_place(dest):
    """Does every activation script write this path as it is (no quoting of its own)?"""
    return all(c in SAFE for c in dest)


def virtualenv_identity():
    """Where the virtualenv this Python would import lies, and since when, found
    without importing it (importing is the cost the skeleton saves); None if absent."""
    origin = None
    try:
        import importlib.util
        spec = importlib.util.find_spec("virtualenv")
        origin = spec and spec.origin
    except ImportError:
        try:
            import imp
            origin = imp.find_module("virtualenv")[1]
        except ImportError:
            return None
    if not origin or not os.path.exists(origin):
        return None
    folder = os.path.dirname(origin)
    return "%s %r %r" % (origin, os.stat(origin).st_mtime, os.stat(os.path.dirname(folder)).st_mtime)


def key(target, identity):
    st = os.stat(target)
    text = "\0".join([sys.executable, identity, target, repr(st.st_mtime), str(st.st_size)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_manifest(skeleton):
    info = {}
    for line in manifest_lines(skeleton, "pyshim-skeleton 1"):
        field, _, value = line.partition(" ")
        info[field] = value
    return info


def occurrences(root, needle):
    """How often `needle` stands in the files under `root` (bytes)."""
    count = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            if os.path.islink(path) or os.path.getsize(path) > TEXT_LIMIT:
                continue
            f = open(path, "rb")
            count += f.read().count(needle)
            f.close()
    return count


def ensure(root, target, identity, make, log):
    """The skeleton for `target`, made with make(env) -> (purelib, bin, exe, tag, major, minor) if absent."""
    final = os.path.join(root, "v1", "skeletons", key(target, identity))
    if complete(final):
        return final
    temp = building(final)
    log("making the skeleton environment %s" % final)
    try:
        env = os.path.join(temp, NAME)
        purelib, bin_dir, exe, tag, major, minor = make(env)
        rel = lambda p: os.path.relpath(p, env)
        # Usable only if the skeleton's name stands nowhere but inside its place.
        usable = occurrences(env, NAME.encode("utf-8")) == occurrences(env, env.encode("utf-8"))
        lines = ["pyshim-skeleton 1", "place " + env, "purelib " + rel(purelib), "bin " + rel(bin_dir),
                 "exe " + rel(exe), "tag " + tag, "version %d %d" % (major, minor), "usable %d" % int(usable)]
        publish(temp, lines, final)
    finally:
        shutil.rmtree(temp, True)
    return final


def copy(skeleton, dest):
    """A new environment at `dest`, copied from the skeleton; returns the manifest's fields."""
    info = read_manifest(skeleton)
    place = info["place"]
    old, new = place.encode("utf-8"), dest.encode("utf-8")
    src = os.path.join(skeleton, NAME)
    cut = len(src) + 1
    for folder, dirs, files in os.walk(src):
        into = os.path.join(dest, folder[cut:]) if len(folder) > len(src) else dest
        if not os.path.isdir(into):
            os.mkdir(into)
        for name in dirs + files:
            path = os.path.join(folder, name)
            target = os.path.join(into, name)
            if os.path.islink(path):
                link = os.readlink(path)
                if link.startswith(place):
                    link = dest + link[len(place):]
                os.symlink(link, target)
            elif name in files:
                if os.path.getsize(path) > TEXT_LIMIT:
                    shutil.copy2(path, target)
                    continue
                f = open(path, "rb")
                data = f.read()
                f.close()
                if old in data:
                    f = open(target, "wb")
                    f.write(data.replace(old, new))
                    f.close()
                    shutil.copymode(path, target)
                else:
                    shutil.copy2(path, target)
        # os.walk does not descend into links to directories: they were made above.
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
    return info
