#!/bin/sh
# Runs every test: unit tests, root integration tests (mvn verify), and the installed launcher's smoke test.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd -P)
. "$here/scripts/find-jdk.sh"
jrun_find_jdk25
# busybox-static: test rootfs; runc: the reference some tests compare with.
# golang-github-containers-common: /usr/share/containers/seccomp.json, podman's default seccomp profile, which
# PodmanProfileIT runs containers under (Debian 12 ships containers-common's files under this package name).
jrun_apt_install busybox-static golang-github-containers-common
command -v mvn >/dev/null 2>&1 || jrun_apt_install maven
command -v mvn >/dev/null 2>&1 || { echo "test.sh: mvn not found after installing maven" >&2; exit 1; }

echo "== mvn verify (JAVA_HOME=$JAVA_HOME)" >&2
mvn -B -f "$here/pom.xml" verify

echo "== install into a scratch prefix and run the launcher" >&2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$here/scripts/install.sh" --prefix "$scratch/prefix"
mkdir -p "$scratch/elsewhere/bin" "$scratch/bundle"
ln -s "$scratch/prefix/bin/jrun" "$scratch/elsewhere/bin/jrun"
cd "$scratch/bundle"
# Through a symlink, from an unrelated cwd, as README's first command does.
"$scratch/elsewhere/bin/jrun" spec
grep -q '"ociVersion": "1.2.1"' config.json || { echo "test.sh: jrun spec wrote no 1.2.1 config" >&2; exit 1; }
"$scratch/elsewhere/bin/jrun" features | grep -q '"ociVersionMax": "1.2.1"' || { echo "test.sh: features" >&2; exit 1; }
"$scratch/elsewhere/bin/jrun" --version | grep -q '^jrun version ' || { echo "test.sh: --version" >&2; exit 1; }
out=$("$scratch/elsewhere/bin/jrun" --root "$scratch/state" state nope 2>&1) && { echo "test.sh: state of a missing container succeeded" >&2; exit 1; }
echo "$out" | grep -q 'does not exist' || { echo "test.sh: state error lacks 'does not exist': $out" >&2; exit 1; }
for cache in fast lifecycle full; do
    [ -f "$scratch/prefix/lib/jrun/jrun-$cache.aot" ] || { echo "test.sh: install.sh made no $cache AOT cache" >&2; exit 1; }
done
# A real container through the installed launcher, as demo.sh runs one (root only, as CI runs).
if [ "$(id -u)" = 0 ]; then
    box=$scratch/box
    mkdir -p "$box/rootfs/bin"
    cp "$(command -v busybox)" "$box/rootfs/bin/busybox"
    ln -s busybox "$box/rootfs/bin/sh"
    ln -s busybox "$box/rootfs/bin/hostname"
    cat > "$box/config.json" <<'JSON'
{"ociVersion": "1.2.1",
 "process": {"user": {"uid": 0, "gid": 0}, "args": ["sh", "-c", "echo inside $(hostname) pid $$; exit 7"], "env": ["PATH=/bin"], "cwd": "/"},
 "root": {"path": "rootfs", "readonly": true}, "hostname": "smoke",
 "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"}],
 "linux": {"namespaces": [{"type": "pid"}, {"type": "uts"}, {"type": "mount"}, {"type": "network"}, {"type": "ipc"}]}}
JSON
    set +e
    out=$("$scratch/elsewhere/bin/jrun" --root "$scratch/state" run "$box/")
    code=$?
    set -e
    [ "$out" = "inside smoke pid 1" ] && [ $code = 7 ] \
        || { echo "test.sh: jrun run printed '$out', exit $code (want 'inside smoke pid 1', 7)" >&2; exit 1; }
    [ -z "$(ls "$scratch/state")" ] || { echo "test.sh: jrun run left state behind" >&2; exit 1; }
fi
# Installing twice is harmless.
"$here/scripts/install.sh" --prefix "$scratch/prefix"
"$scratch/elsewhere/bin/jrun" --version >/dev/null
echo "== all tests passed" >&2
