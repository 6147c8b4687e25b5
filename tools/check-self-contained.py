#!/usr/bin/env python3
"""check-self-contained.py - user-facing text names only the repository's
own files.

A user has the repository, not the project's working notes: help text,
the man page, README, docs/ and code comments may point at the man page
and docs/, never at files outside the repository. This check reads the
README, docs/, man/, cli/, include/, src/, tools/, scripts/ and the build
files and fails on:
  - any path that leaves the repository (../ followed by a name, the
    sibling 'shared' tree);
  - any NAME.md that is not a file of the repository (as written, or
    under docs/).
Tests, benchmarks and fuzz targets are left out: they may read test data
placed beside the project by a developer, and skip without it.

  check-self-contained.py [ROOT]     check ROOT (default: this repository)
  check-self-contained.py --self-test  plant violations, expect them found
"""
import os
import re
import sys
import tempfile

SCAN_DIRS = ["docs", "man", "cli", "include", "src", "tools", "scripts"]
SCAN_FILES = ["README.md", "Makefile", "CMakeLists.txt"]
TEXT_EXT = (".c", ".h", ".md", ".1", ".sh", ".py", ".txt", ".in", ".js",
            ".html", ".css", "")
MD = re.compile(r"(?<![\w./-])((?:[\w.-]+/)*[\w.-]+\.md)\b")
OUTSIDE = re.compile(r"(?:\.\./+[A-Za-z_]|\bshared/(?:docs|data|tools)\b)")


def files(root):
    for f in SCAN_FILES:
        p = os.path.join(root, f)
        if os.path.isfile(p):
            yield p
    for d in SCAN_DIRS:
        for dirpath, _dirs, names in os.walk(os.path.join(root, d)):
            for n in sorted(names):
                if os.path.splitext(n)[1] in TEXT_EXT:
                    yield os.path.join(dirpath, n)


def resolves(root, name):
    if os.path.isfile(os.path.join(root, name)):
        return True
    return os.path.isfile(os.path.join(root, "docs", os.path.basename(name)))


def check(root):
    problems = []
    me = os.path.abspath(__file__)
    for path in files(root):
        if os.path.abspath(path) == me:
            continue  # this file names what it forbids
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except (UnicodeDecodeError, OSError):
            continue
        rel = os.path.relpath(path, root)
        for i, line in enumerate(lines, 1):
            m = OUTSIDE.search(line)
            if m:
                problems.append(f"{rel}:{i}: names a path outside the "
                                f"repository: '{m.group(0)}'")
            for m in MD.finditer(line):
                if not resolves(root, m.group(1)):
                    problems.append(f"{rel}:{i}: names '{m.group(1)}', "
                                    "which is not in the repository")
    return problems


def self_test():
    with tempfile.TemporaryDirectory() as t:
        os.makedirs(os.path.join(t, "docs"))
        os.makedirs(os.path.join(t, "cli"))
        with open(os.path.join(t, "docs", "clinical.md"), "w") as f:
            f.write("See docs/clinical.md and clinical.md and README.md.\n")
        with open(os.path.join(t, "README.md"), "w") as f:
            f.write("tendo\n")
        clean = check(t)
        if clean:
            print("self-test: a clean tree reported:", *clean, sep="\n  ")
            return 1
        planted = {
            "cli/cmd-x.c": '"see domain.md \\u00a79"\n',
            "docs/cli.md": "as product.md §2 has it\n",
            "README.md": "data in ../shared/data/activities\n",
        }
        for rel, text in planted.items():
            with open(os.path.join(t, rel), "a") as f:
                f.write(text)
        found = check(t)
        for rel in planted:
            if not any(p.startswith(rel + ":") for p in found):
                print(f"self-test: the planted violation in {rel} was missed; found:", *found, sep="\n  ")
                return 1
    print("self-test: every planted violation found")
    return 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--self-test":
        return self_test()
    root = argv[1] if len(argv) > 1 else os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} references to files outside the repository")
        return 1
    print("user-facing text names only the repository's own files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
