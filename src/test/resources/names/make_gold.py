#!/usr/bin/env python3
"""Turns annotations.txt (hand-decided name surfaces per document) into gold.tsv with character
offsets. The texts come from `jobs/bench-names --dump-texts DIR` (exactly as Parley stores them).

  make_gold.py TEXTS_DIR            writes gold.tsv next to this script
  make_gold.py TEXTS_DIR --show     prints each text with [gold spans] and the capitalised words
                                    left outside them, for review
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def text_file(doc):
    return doc.replace("fakes:", "fakes_") + ("" if doc.endswith(".txt") else ".txt")


def parse_annotations(path):
    docs, doc = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        if line.startswith("= "):
            doc = (line[2:].strip(), [])
            docs.append(doc)
            continue
        parts = line.split("\t")
        doc[1].append((parts[0], parts[1], "raw" in parts[2:]))
    return docs


def word_start(text, i):
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def occurrences(text, surface, raw):
    """Offsets where surface stands as a name: not glued to letters (a trailing possessive s is
    allowed: FA-KES writes Syria's as Syrias), not the start of an X-led compound, not after pro-."""
    for m in re.finditer(re.escape(surface), text):
        s, e = m.start(), m.end()
        if raw:
            yield s, e
            continue
        if s > 0 and text[s - 1].isalnum():
            continue
        if s > 0 and text[s - 1] == "-" and not text[word_start(text, s)].isupper():
            continue  # pro-Damascus, anti-Assad
        if e < len(text) and text[e].isalnum():
            if not (text[e] == "s" and (e + 1 == len(text) or not text[e + 1].isalnum())):
                continue
        if e + 1 < len(text) and text[e] == "-" and text[e + 1].islower():
            continue  # US-led, Daesh-held: an adjective, like a nationality
        yield s, e


def spans_of(text, items):
    taken = []
    for typ, surface, raw in sorted(items, key=lambda x: -len(x[1])):
        found = 0
        for s, e in occurrences(text, surface, raw):
            if any(s < te and ts < e for ts, te, _, _ in taken):
                continue
            taken.append((s, e, typ, surface))
            found += 1
        if found == 0:
            sys.exit(f"no free occurrence of {surface!r}")
    return sorted(taken)


def main():
    texts_dir = sys.argv[1]
    show = "--show" in sys.argv
    rows = []
    for doc, items in parse_annotations(os.path.join(HERE, "annotations.txt")):
        text = open(os.path.join(texts_dir, text_file(doc)), encoding="utf-8").read()
        spans = spans_of(text, items)
        for s, e, typ, surface in spans:
            assert text[s:e] == surface
            rows.append(f"{doc}\t{s}\t{e}\t{typ}\t{surface}")
        if show:
            out, last = [], 0
            for s, e, typ, _ in spans:
                out.append(text[last:s] + "[" + text[s:e] + "]")
                last = e
            out.append(text[last:])
            print(f"=== {doc} ({len(spans)} spans)\n{''.join(out)}")
            outside = []
            for m in re.finditer(r"\S+", text):
                if m.group()[0].isupper() and not any(s <= m.start() < e for s, e, _, _ in spans):
                    outside.append(m.group())
            print("--- capitalised outside gold:", " | ".join(outside), "\n")
    if not show:
        with open(os.path.join(HERE, "gold.tsv"), "w", encoding="utf-8") as f:
            f.write(HEADER)
            f.write("doc\tchar_start\tchar_end\ttype\tsurface\n")
            f.write("\n".join(rows) + "\n")
        print(f"{len(rows)} spans")


HEADER = open(os.path.join(HERE, "conventions.txt"), encoding="utf-8").read() if os.path.exists(
    os.path.join(HERE, "conventions.txt")) else ""

if __name__ == "__main__":
    main()
