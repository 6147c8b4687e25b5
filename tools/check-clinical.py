#!/usr/bin/env python3
"""tools/check-clinical.py - the thresholds table of docs/clinical.md
against include/tendo/clinical.h (the ctest `docs:clinical`).

Every `#define TENDO_NAME VALUE /* step S */` of the header is a threshold;
the table lists its name, value, mutation step and section. Without
arguments the table in the doc must equal the one the header gives; with
--write the doc's table is rewritten from the header.
"""
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
HEADER = os.path.join(ROOT, "include", "tendo", "clinical.h")
DOC = os.path.join(ROOT, "docs", "clinical.md")
BEGIN = "<!-- thresholds: generated, do not edit -->"
END = "<!-- end of thresholds -->"


def thresholds():
    rows, section = [], ""
    with open(HEADER, encoding="utf-8") as fh:
        for line in fh:
            m = re.match(r"/\* ---- (§\d+) (.*?) -+ \*/", line)
            if m:
                section = m.group(1)
                continue
            m = re.match(r"#define (TENDO_[A-Z0-9_]+) (\S.*?)\s*(/\* step ([0-9.]+)(?:, equivalent (?:down|up))? \*/)?\s*$", line)
            if not m or m.group(1) in ("TENDO_CLINICAL_H", "TENDO_STR_", "TENDO_STR") \
                    or "(x)" in line:
                continue
            rows.append((m.group(1), m.group(2), m.group(4) or "-", section))
    return rows


def table():
    out = [BEGIN, "", "| constant | value | step | § |", "|---|---|---|---|"]
    for name, value, step, sec in thresholds():
        out.append("| `%s` | %s | %s | %s |" % (name, value.replace("|", "\\|"), step, sec))
    out += ["", END]
    return "\n".join(out)


def main():
    with open(DOC, encoding="utf-8") as fh:
        doc = fh.read()
    a, b = doc.find(BEGIN), doc.find(END)
    if a < 0 or b < 0:
        print("check-clinical: docs/clinical.md has no thresholds block")
        return 1
    new = doc[:a] + table() + doc[b + len(END):]
    if sys.argv[1:] == ["--write"]:
        with open(DOC, "w", encoding="utf-8") as fh:
            fh.write(new)
        print("check-clinical: wrote %d thresholds" % len(thresholds()))
        return 0
    if new != doc:
        print("check-clinical: the thresholds table of docs/clinical.md is not "
              "the header's; run tools/check-clinical.py --write")
        return 1
    missing = [n for n, v, s, _ in thresholds() if s == "-" and not v.startswith("(")]
    if missing:
        print("check-clinical: no mutation step for " + ", ".join(missing))
        return 1
    print("clinical: %d thresholds, table current" % len(thresholds()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
