#!/usr/bin/env python3
"""tools/check-layers.py - the layering rules of docs/architecture.md, checked
on the code as it is (the ctest `lint:layers`).

1. Allowed edges: every file of src/FOLDER (and every public header of a
   module in FOLDER) may include, directly or through the headers it pulls
   in, only headers of FOLDER itself and of the folders below it in the
   EDGES table. A public header counts as part of the folder that
   implements it (HEADER_FOLDER).
2. Forbidden calls, in code with comments and strings taken out: the
   library never prints or exits, never reads the clock; only src/store/
   touches SQLite; the environment is read only where ENV_ALLOWED says;
   the pure folders (core, analytics, rules) use no files, except where
   FILES_ALLOWED says (loading a zone file).

usage: check-layers.py [--root DIR]      check the tree (default: the repo)
       check-layers.py --self-test       plant one violation of each kind in a
                                         copy of the tree; each must be found
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

# folder -> the folders it may use (besides itself)
EDGES = {
    "core": [],
    "parse": ["core"],
    "store": ["core"],
    "analytics": ["core"],
    "rules": ["core", "analytics"],
    "report": ["core", "parse", "store", "analytics", "rules"],
    "import": ["core", "parse", "store"],
    "loader": ["core", "store", "analytics", "rules"],
    # the web server: answers from the library's documents, never the CLI
    "serve": ["core", "parse", "store", "analytics", "rules", "report",
              "import", "loader"],
}

# public header -> the folder that implements it
HEADER_FOLDER = {
    "common.h": "core", "error.h": "core", "buf.h": "core", "date.h": "core",
    "values.h": "core", "model.h": "core",
    "fit.h": "parse", "activity.h": "parse", "diary.h": "parse",
    "store.h": "store",
    "load.h": "analytics", "assess.h": "analytics",
    "history.h": "rules", "rules.h": "rules", "rehab.h": "rules",
    "plan.h": "rules",
    "clinical.h": "core",   # the named thresholds, for every layer
    "report.h": "report", "ics.h": "report", "json.h": "report",
    "documents.h": "report", "workout.h": "report",
    "import.h": "import",
    "loader.h": "loader",
    "serve.h": "serve",
    "tendo.h": None,   # the umbrella: for programs, never for the library
}

PURE = {"core", "analytics", "rules"}

# (pattern, what it means, folders where it is forbidden ("*" = all of src),
#  files allowed anyway)
CALLS = [
    (r"\b(printf|puts|fputs|fprintf|perror|putchar|vprintf|vfprintf)\s*\(",
     "prints", "*", []),
    (r"\b(exit|_exit|abort)\s*\(", "exits", "*", []),
    (r"\b(time|gettimeofday|clock_gettime|clock|localtime|localtime_r|gmtime"
     r"|gmtime_r|mktime)\s*\(", "reads the clock", "*", []),
    (r"\b(setenv|unsetenv|putenv|tzset)\s*\(", "changes the environment",
     "*", []),
    (r"\b(getenv|secure_getenv)\s*\(", "reads the environment", "*",
     ["core/tz.c"]),
    (r"\bsqlite3_\w+\s*\(|\bsqlite3\s*\*|#\s*include\s*<sqlite3\.h>",
     "uses SQLite", "*", ["store/"]),
    (r"\b(fopen|fdopen|freopen|fread|fwrite|fclose|fgets|fgetc|fscanf|"
     r"opendir|readdir|open|openat|read|write|close|stat|lstat|fstat|mkdir|"
     r"unlink|rename)\s*\(|\bFILE\s*\*", "uses files", PURE,
     ["core/tz.c"]),
]


def strip(code):
    """Code with comments, string and character literals blanked (line
    structure kept)."""
    out = []
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("/*", i):
            j = code.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", code[i:j]))
            i = j
        elif code.startswith("//", i):
            j = code.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and code[j] != c:
                j += 2 if code[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


class Tree:
    def __init__(self, root):
        self.root = root
        self.src = os.path.join(root, "src")
        self.inc = os.path.join(root, "include", "tendo")

    def folder_of(self, path):
        """The layer folder of a file, or None for the umbrella header."""
        rel = os.path.relpath(path, self.root)
        parts = rel.split(os.sep)
        if parts[0] == "src":
            return parts[1]
        if parts[0] == "include":
            name = parts[-1]
            if name not in HEADER_FOLDER:
                raise SystemExit(
                    "check-layers: include/tendo/%s is in no module: add it "
                    "to HEADER_FOLDER" % name)
            return HEADER_FOLDER[name]
        return None

    def resolve(self, frm, name):
        """The file an #include "name" in `frm` means."""
        cands = [os.path.join(os.path.dirname(frm), name),
                 os.path.join(self.src, name),
                 os.path.join(self.root, "include", name)]
        for c in cands:
            if os.path.isfile(c):
                return os.path.normpath(c)
        return None

    def files(self):
        for base in (self.src, self.inc):
            for d, _, fs in os.walk(base):
                for f in sorted(fs):
                    if f.endswith((".c", ".h")):
                        yield os.path.join(d, f)

    def closure(self, path, seen=None):
        """Every project file `path` pulls in, with the chain to it."""
        seen = {} if seen is None else seen
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        for m in INCLUDE.finditer(text):
            tgt = self.resolve(path, m.group(1))
            if tgt and tgt not in seen:
                seen[tgt] = path
                self.closure(tgt, seen)
        return seen


def check(root):
    t = Tree(root)
    problems = []
    for f in t.files():
        folder = t.folder_of(f)
        rel = os.path.relpath(f, root)
        if folder is None:
            continue
        if folder not in EDGES:
            problems.append("%s: folder src/%s is in no layer: add it to "
                            "EDGES" % (rel, folder))
            continue
        allowed = {folder, *EDGES[folder]}
        for tgt, via in t.closure(f).items():
            tf = t.folder_of(tgt)
            if tf is None:
                problems.append("%s: includes the umbrella header %s" %
                                (rel, os.path.relpath(tgt, root)))
            elif tf not in allowed:
                chain = "" if via == f else " (through %s)" % \
                    os.path.relpath(via, root)
                problems.append("%s: %s may not use %s: it includes %s%s" %
                                (rel, folder, tf,
                                 os.path.relpath(tgt, root), chain))
        if not rel.startswith("src" + os.sep):
            continue
        with open(f, encoding="utf-8", errors="replace") as fh:
            code = strip(fh.read())
        inner = os.path.relpath(f, t.src).replace(os.sep, "/")
        for pat, what, where, exempt in CALLS:
            if where != "*" and folder not in where:
                continue
            if any(inner == e or (e.endswith("/") and inner.startswith(e))
                   for e in exempt):
                continue
            for no, line in enumerate(code.split("\n"), 1):
                m = re.search(pat, line)
                if m:
                    problems.append("%s:%d: %s: %s" %
                                    (rel, no, what, m.group(0).strip()))
    return problems


PLANTS = [
    ("src/rules/rules.c", '#include "store/internal.h"\n', "rules may not use store"),
    ("src/rules/rules.c", '#include "tendo/store.h"\n', "rules may not use store"),
    ("include/tendo/rules.h", '#include "store.h"\n', "rules may not use store"),
    ("include/tendo/history.h", '#include "report.h"\n', "rules may not use report"),
    ("src/store/entities.c", '#include "parse/stream.h"\n', "store may not use parse"),
    ("src/analytics/load.c", "static void f(void) { FILE *x = fopen(\"a\", \"r\"); (void)x; }\n", "uses files"),
    ("src/rules/plan.c", "static void g(void) { setenv(\"TZ\", \"UTC\", 1); }\n", "changes the environment"),
    ("src/rules/rehab.c", "static char *g(void) { return getenv(\"HOME\"); }\n", "reads the environment"),
    ("src/core/date.c", "static long g(void) { return (long)time(NULL); }\n", "reads the clock"),
    ("src/report/html.c", "static void g(void) { printf(\"x\"); }\n", "prints"),
    ("src/report/svg.c", "static void g(sqlite3 *db) { sqlite3_close(db); }\n", "uses SQLite"),
    ("src/loader/loader.c", '#include "tendo/tendo.h"\n', "umbrella"),
]


def self_test(root):
    failed = 0
    for path, line, expect in PLANTS:
        with tempfile.TemporaryDirectory() as tmp:
            for d in ("src", "include"):
                shutil.copytree(os.path.join(root, d), os.path.join(tmp, d))
            target = os.path.join(tmp, path)
            with open(target, encoding="utf-8") as fh:
                text = fh.read()
            # after the last include, so the planted line is real code
            pos = [m.end() for m in INCLUDE.finditer(text)]
            at = text.index("\n", pos[-1]) + 1 if pos else 0
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(text[:at] + line + text[at:])
            found = [p for p in check(tmp) if expect in p]
            if not found:
                print("self-test: planting %r in %s was not found" %
                      (line.strip(), path))
                failed += 1
    print("layers self-test: %d planted, %d found" %
          (len(PLANTS), len(PLANTS) - failed))
    return failed


def main():
    root = os.path.normpath(os.path.join(os.path.dirname(
        os.path.abspath(__file__)), ".."))
    args = sys.argv[1:]
    if args[:1] == ["--root"]:
        root = args[1]
        args = args[2:]
    if args == ["--self-test"]:
        clean = check(root)
        if clean:
            print("\n".join(clean))
            print("layers: the tree itself is not clean")
            return 1
        return 1 if self_test(root) else 0
    problems = check(root)
    for p in problems:
        print(p)
    print("layers: %d problem%s" % (len(problems), "" if len(problems) == 1
                                    else "s"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
