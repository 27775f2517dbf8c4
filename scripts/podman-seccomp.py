#!/usr/bin/env python3
"""Prints podman's default seccomp profile (Debian: golang-github-containers-common, /usr/share/containers/seccomp.json) as an OCI linux.seccomp object for
x86_64 and the given capabilities, the way podman turns it into each container's config: the archMap entry of
SCMP_ARCH_X86_64 with its sub-architectures, and the syscall entries whose includes hold and whose excludes do not.

Usage: podman-seccomp.py [PROFILE] CAP,CAP,...   (default profile /usr/share/containers/seccomp.json)
"""
import json
import platform
import sys


def kernel_version():
    return tuple(int(x) for x in platform.release().split("-")[0].split(".")[:2])


def version(text):
    return tuple(int(x) for x in text.split(".")[:2])


def convert(profile, caps):
    arches = []
    for entry in profile.get("archMap") or []:
        if entry["architecture"] == "SCMP_ARCH_X86_64":
            arches = [entry["architecture"]] + (entry.get("subArchitectures") or [])
    out = {"defaultAction": profile["defaultAction"], "architectures": arches, "syscalls": []}
    if "defaultErrnoRet" in profile:
        out["defaultErrnoRet"] = profile["defaultErrnoRet"]
    for rule in profile.get("syscalls") or []:
        inc = rule.get("includes") or {}
        exc = rule.get("excludes") or {}
        if inc.get("caps") and not set(inc["caps"]) <= caps:
            continue
        if inc.get("arches") and "amd64" not in inc["arches"]:
            continue
        if inc.get("minKernel") and version(inc["minKernel"]) > kernel_version():
            continue
        if exc.get("caps") and set(exc["caps"]) & caps:
            continue
        if exc.get("arches") and "amd64" in exc["arches"]:
            continue
        out["syscalls"].append({k: v for k, v in rule.items() if k in ("names", "action", "errnoRet", "args")})
    return out


def main():
    args = sys.argv[1:]
    path = args.pop(0) if len(args) == 2 else "/usr/share/containers/seccomp.json"
    if len(args) != 1:
        sys.exit(__doc__)
    with open(path) as f:
        profile = json.load(f)
    print(json.dumps(convert(profile, set(c for c in args[0].split(",") if c))))


if __name__ == "__main__":
    main()
