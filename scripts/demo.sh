#!/bin/sh
# README's first command: installs jrun, builds a busybox bundle and runs a container that greets from inside its
# own namespaces. Usage: demo.sh [--prefix DIR]   (as root: containers need it)
set -eu
prefix=/usr/local
case ${1-} in
    --prefix) prefix=$2 ;;
    --prefix=*) prefix=${1#--prefix=} ;;
    "") ;;
    *) echo "usage: scripts/demo.sh [--prefix DIR]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")/.." && pwd -P)
[ "$(id -u)" = 0 ] || { echo "demo.sh: running a container needs root: sudo scripts/demo.sh" >&2; exit 1; }
. "$here/scripts/find-jdk.sh"
jrun_find_jdk25
jrun_apt_install busybox-static
"$here/scripts/install.sh" --prefix "$prefix"
jrun=$prefix/bin/jrun

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle=$work/hello
mkdir -p "$bundle/rootfs/bin"
cp "$(command -v busybox)" "$bundle/rootfs/bin/busybox"
for applet in $("$bundle/rootfs/bin/busybox" --list); do
    [ -e "$bundle/rootfs/bin/$applet" ] || ln -s busybox "$bundle/rootfs/bin/$applet"
done
# runc's default config without what jrun does not enforce yet (cgroup limits arrive with the cgroup work).
cat > "$bundle/config.json" <<'JSON'
{
  "ociVersion": "1.2.1",
  "process": {
    "user": {"uid": 0, "gid": 0},
    "args": ["sh", "-c", "echo \"Hello from $(hostname): pid $$, $(wc -l < /proc/self/mountinfo) mounts of my own, caps $(grep CapEff /proc/self/status | cut -f2)\""],
    "env": ["PATH=/bin", "TERM=xterm"],
    "cwd": "/",
    "capabilities": {
      "bounding": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "effective": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"],
      "permitted": ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"]
    },
    "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
    "noNewPrivileges": true
  },
  "root": {"path": "rootfs", "readonly": true},
  "hostname": "jrun-demo",
  "mounts": [
    {"destination": "/proc", "type": "proc", "source": "proc"},
    {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
    {"destination": "/dev/pts", "type": "devpts", "source": "devpts", "options": ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]},
    {"destination": "/dev/shm", "type": "tmpfs", "source": "shm", "options": ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]},
    {"destination": "/dev/mqueue", "type": "mqueue", "source": "mqueue", "options": ["nosuid", "noexec", "nodev"]},
    {"destination": "/sys", "type": "sysfs", "source": "sysfs", "options": ["nosuid", "noexec", "nodev", "ro"]}
  ],
  "linux": {
    "namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}],
    "maskedPaths": ["/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
      "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi"],
    "readonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
  }
}
JSON
echo "== jrun run $bundle/" >&2
"$jrun" run "$bundle/"
