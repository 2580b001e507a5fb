#!/usr/bin/env python3
"""Fails when a user-visible string has no zh_CN translation.

1. Every source file that marks strings for translation must be listed in
   po/POTFILES.in (otherwise its strings never reach translators).
2. Extracting the strings of POTFILES.in and merging them with
   po/zh_CN.po must leave nothing untranslated or fuzzy.
"""
import os
import re
import subprocess
import sys
import tempfile

src = sys.argv[1]
os.chdir(src)

listed = set()
with open("po/POTFILES.in", encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            listed.add(line)

marker_c = re.compile(r'\b(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')
marker_ui = re.compile(r'translatable="yes"')
problems = []
for root in ("src", "ui", "data"):
    for dirpath, _, files in os.walk(root):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            if name.endswith(".c"):
                pattern = marker_c
            elif name.endswith(".ui") or name.endswith(".xml.in") or name.endswith(".gschema.xml"):
                pattern = marker_ui if name.endswith(".ui") else None
            elif name.endswith(".desktop.in"):
                pattern = None
                if path not in listed:
                    problems.append(f"{path}: not listed in po/POTFILES.in")
                continue
            else:
                continue
            if pattern is None:
                continue
            with open(path, encoding="utf-8") as f:
                if pattern.search(f.read()) and path not in listed:
                    problems.append(f"{path}: marks strings for translation but is not in po/POTFILES.in")
for path in sorted(listed):
    if not os.path.exists(path):
        problems.append(f"po/POTFILES.in lists {path}, which does not exist")

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "yiyang.pot")
    files = sorted(p for p in listed if os.path.exists(p))
    if files:
        subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments",
                        "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2",
                        "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3",
                        "--keyword=ngettext:1,2",
                        "-o", pot] + files, check=True)
        merged = os.path.join(tmp, "zh_CN.po")
        subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged,
                        "po/zh_CN.po", pot], check=True)
        out = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", merged],
                             check=True, capture_output=True, text=True).stdout
        untranslated = [m for m in re.findall(r'^msgid "(.*)"$', out, re.M) if m]
        # msgids split over lines start with msgid "" — catch those too
        untranslated += re.findall(r'^msgid ""\n"(.+)"$', out, re.M)
        for m in untranslated:
            problems.append(f"no zh_CN translation: \"{m}\"")
        fuzzy = subprocess.run(["msgattrib", "--only-fuzzy", "--no-obsolete", merged],
                               check=True, capture_output=True, text=True).stdout
        for m in re.findall(r'^msgid "(.+)"$', fuzzy, re.M):
            problems.append(f"zh_CN translation marked fuzzy: \"{m}\"")
        check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, "po/zh_CN.po"],
                               capture_output=True, text=True)
        if check.returncode != 0:
            problems.append("po/zh_CN.po does not compile: " + check.stderr.strip())

for p in problems:
    print(p)
print(f"translations: {len(listed)} files checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
