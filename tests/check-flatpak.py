#!/usr/bin/env python3
"""Checks the Flatpak manifest's structure (a real Flatpak build needs the
internet): the app id, a GNOME runtime whose GTK and libadwaita match what
the code is built against, libnfc built as a module, the project built last
with meson, and no permission beyond what the kiosk needs."""
import json
import sys

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    m = json.load(f)

problems = []

def need(cond, msg):
    if not cond:
        problems.append(msg)

need(m.get("id") == "io.github.yiyang.Kiosk", "app id must be io.github.yiyang.Kiosk")
need(m.get("runtime") == "org.gnome.Platform", "runtime must be org.gnome.Platform")
need(m.get("sdk") == "org.gnome.Sdk", "sdk must be org.gnome.Sdk")
# GNOME 43 ships GTK 4.8 and libadwaita 1.2, the versions the code targets.
need(str(m.get("runtime-version")) == "43", "runtime-version must be 43 (GTK 4.8, libadwaita 1.2)")
need(m.get("command") == "yiyang-kiosk", "command must be yiyang-kiosk")

allowed = {
    "--share=network": "sync with the district server",
    "--share=ipc": "X11 shared memory",
    "--socket=wayland": "display",
    "--socket=fallback-x11": "display without Wayland",
    "--socket=pulseaudio": "confirmation sound and spoken greeting",
    "--device=all": "serial (PN532) and USB (ACR122U) card readers",
}
args = m.get("finish-args", [])
for a in args:
    need(a in allowed, f"permission {a} is not needed by the kiosk")
for a in ("--share=network", "--device=all", "--socket=wayland"):
    need(a in args, f"permission {a} is missing")
need(not any(a.startswith("--filesystem") for a in args), "no filesystem access may be requested")
need(not any(a.startswith("--talk-name") or a.startswith("--socket=session-bus") or a.startswith("--socket=system-bus") for a in args),
     "no D-Bus access beyond the sandbox's own may be requested")

modules = m.get("modules", [])
names = [mod.get("name") if isinstance(mod, dict) else mod for mod in modules]
need("libnfc" in names, "libnfc must be built as a module")
need(names and names[-1] == "yiyang", "the project itself must be the last module")
for mod in modules:
    if not isinstance(mod, dict):
        continue
    need(mod.get("buildsystem") in ("meson", "cmake-ninja", "cmake", "autotools", "simple"),
         f"module {mod.get('name')}: unknown buildsystem")
    srcs = mod.get("sources", [])
    need(len(srcs) > 0, f"module {mod.get('name')}: no sources")
    for s in srcs:
        if s.get("type") in ("git",):
            need(s.get("url", "").startswith("https://"), f"module {mod.get('name')}: git url must be https")
            need("tag" in s or "commit" in s, f"module {mod.get('name')}: git source must pin a tag or commit")
        elif s.get("type") in ("archive", "file"):
            need("sha256" in s, f"module {mod.get('name')}: archives need a sha256")
if names and names[-1] == "yiyang":
    need(modules[-1].get("buildsystem") == "meson", "the project builds with meson")
nfc = next((mod for mod in modules if isinstance(mod, dict) and mod.get("name") == "libnfc"), {})
opts = " ".join(nfc.get("config-opts", []))
need("PN532_UART=ON" in opts and "ACR122_USB=ON" in opts, "libnfc must build the PN532 UART and ACR122 USB drivers")

for p in problems:
    print(p)
print(f"flatpak manifest: {len(modules)} modules, {len(args)} permissions, {len(problems)} problems")
sys.exit(1 if problems else 0)
