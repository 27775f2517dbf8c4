#!/bin/sh
# The process model's acceptance run (DESIGN.md section 1): N create/start/delete cycles back to back, zero
# failures expected; prints failures, watchdog retries (from --debug logs) and the median cycle time.
# Usage: stress.sh [--cycles N] [--jrun PATH] [--in-process]   (root; default 2000 cycles, installed jrun)
# --in-process: the cycles through the launcher in one warm JVM (JIT and GC busy around every clone), no CLI.
set -eu
cycles=2000
in_process=no
jrun=$(command -v jrun || echo /usr/local/bin/jrun)
while [ $# -gt 0 ]; do
    case $1 in
        --cycles) cycles=$2; shift 2 ;;
        --jrun) jrun=$2; shift 2 ;;
        --in-process) in_process=yes; shift ;;
        *) echo "usage: stress.sh [--cycles N] [--jrun PATH] [--in-process]" >&2; exit 2 ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "stress.sh: needs root" >&2; exit 1; }
[ -x "$jrun" ] || { echo "stress.sh: no jrun at $jrun (run scripts/install.sh first, or pass --jrun)" >&2; exit 1; }
here=$(cd "$(dirname "$0")/.." && pwd -P)
. "$here/scripts/find-jdk.sh"
jrun_apt_install busybox-static

work=$(mktemp -d)
root=$work/root
id=stress-$$
cleanup() {
    "$jrun" --root "$root" delete --force "$id" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP # so that EXIT's cleanup also runs when the run is interrupted
bundle=$work/bundle
mkdir -p "$bundle/rootfs/bin"
cp "$(command -v busybox)" "$bundle/rootfs/bin/busybox"
ln -s busybox "$bundle/rootfs/bin/true"
cat > "$bundle/config.json" <<'JSON'
{"ociVersion": "1.2.1",
 "process": {"user": {"uid": 0, "gid": 0}, "args": ["/bin/true"], "env": ["PATH=/bin"], "cwd": "/"},
 "root": {"path": "rootfs", "readonly": true},
 "hostname": "stress",
 "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
            {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]}],
 "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}]}}
JSON
if [ $in_process = yes ]; then
    # The installed launcher's java, flags and class path, with the launcher's main swapped for the stress loop.
    launcher=$(readlink -f "$jrun")
    java=$(sed -n 's/^java="\(.*\)"$/\1/p' "$launcher")
    cp=$(sed -n 's/^cp="\(.*\)"$/\1/p' "$launcher")
    flags=$(sed -n 's/^exec "$java" \(.*\) $aot .*/\1/p' "$launcher")
    # shellcheck disable=SC2086
    "$java" $flags -cp "$cp" dev.jrun.linux.container.Stress "$bundle" "$cycles"
    exit $?
fi
failures=0
i=0
: > "$work/times"
while [ $i -lt "$cycles" ]; do
    t0=$(date +%s%N)
    if ! "$jrun" --root "$root" --debug --log "$work/log" create --bundle "$bundle" "$id" >/dev/null 2>"$work/err" \
        || ! "$jrun" --root "$root" start "$id" 2>>"$work/err" \
        || ! "$jrun" --root "$root" delete --force "$id" 2>>"$work/err"; then
        failures=$((failures + 1))
        echo "cycle $i failed: $(tail -n 3 "$work/err")" >&2
        "$jrun" --root "$root" delete --force "$id" >/dev/null 2>&1 || true
    fi
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$work/times"
    i=$((i + 1))
done
retries=$(grep -c 'watchdog' "$work/log" 2>/dev/null || true)
median=$(sort -n "$work/times" | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m/1000}')
echo "$cycles create/start/delete cycles: $failures failed, ${retries:-0} watchdog retries, median cycle $median ms"
[ "$failures" = 0 ]
