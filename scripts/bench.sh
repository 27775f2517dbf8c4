#!/bin/sh
# Times jrun next to runc (and crun when present) and a JVM hello-world on the same JDK flags, interleaved in one
# run, and prints medians and ratios. Usage: bench.sh [--runs N] [--jrun PATH]   (default: 40 runs, installed jrun)
set -eu
runs=40
jrun=$(command -v jrun || echo /usr/local/bin/jrun)
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --jrun) jrun=$2; shift 2 ;;
        *) echo "usage: bench.sh [--runs N] [--jrun PATH]" >&2; exit 2 ;;
    esac
done
here=$(cd "$(dirname "$0")/.." && pwd -P)
. "$here/scripts/find-jdk.sh"
jrun_find_jdk25
jrun_apt_install runc busybox-static golang-github-containers-common python3
[ -x "$jrun" ] || { echo "bench.sh: no jrun at $jrun (run scripts/install.sh first, or pass --jrun)" >&2; exit 1; }

work=$(mktemp -d)
jroot=$work/jrun-root
rroot=$work/runc-root
cleanup() {
    for id in b-runc b-runc-run bench-runc; do runc --root "$rroot" delete --force $id >/dev/null 2>&1 || true; done
    for id in b-jrun b-jrun-run; do "$jrun" --root "$jroot" delete --force $id >/dev/null 2>&1 || true; done
    for id in b-crun b-crun-run bench-crun-probe; do
        command -v crun >/dev/null 2>&1 && crun --root "$work/crun-root" delete --force $id >/dev/null 2>&1 || true
    done
    command -v crun >/dev/null 2>&1 && crun --root "$work/crun-root" delete --force bench-crun >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# JVM hello-world floor: same flags, its own AOT cache, as the launcher uses.
flags=$(sed "s|@LIB@|$here/scripts|g" "$here/scripts/jvm-flags")
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
    > "$work/hello/Hello.java"
"$JAVA_HOME/bin/javac" -d "$work/hello" "$work/hello/Hello.java"
# The AOT cache archives classes from jars only, as jrun's are.
"$JAVA_HOME/bin/jar" cf "$work/hello/hello.jar" -C "$work/hello" Hello.class
"$JAVA_HOME/bin/java" $flags -XX:AOTCacheOutput="$work/hello/hello.aot" -cp "$work/hello/hello.jar" Hello >/dev/null
hello="$JAVA_HOME/bin/java $flags -XX:AOTCache=$work/hello/hello.aot -cp $work/hello/hello.jar Hello"

# A created runc container (busybox sleep) for runc state, and a jrun state entry pointing at a live process.
bundle=$work/bundle
mkdir -p "$bundle/rootfs/bin"
cp "$(command -v busybox)" "$bundle/rootfs/bin/busybox"
ln -s busybox "$bundle/rootfs/bin/sleep"
(cd "$bundle" && runc spec)
sed -i 's/"terminal": true/"terminal": false/; s/"sh"/"sleep", "1000"/' "$bundle/config.json"
runc --root "$rroot" create --bundle "$bundle" bench-runc >/dev/null
have_crun=no
if command -v crun >/dev/null 2>&1 && crun --root "$work/crun-root" create --bundle "$bundle" bench-crun >/dev/null 2>&1; then
    have_crun=yes
fi
# A /bin/true bundle every runtime accepts (jrun refuses cgroup limits until they are enforced), for run and the
# create/start/state/delete lifecycle.
tbundle=$work/true-bundle
mkdir -p "$tbundle/rootfs/bin"
cp "$(command -v busybox)" "$tbundle/rootfs/bin/busybox"
ln -s busybox "$tbundle/rootfs/bin/true"
cat > "$tbundle/config.json" <<'JSON'
{"ociVersion": "1.0.2",
 "process": {"user": {"uid": 0, "gid": 0}, "args": ["/bin/true"], "env": ["PATH=/bin"], "cwd": "/",
   "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "permitted": ["CAP_KILL"]},
   "noNewPrivileges": true},
 "root": {"path": "rootfs", "readonly": true},
 "hostname": "bench",
 "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
            {"destination": "/dev", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "mode=755"]}],
 "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}],
   "maskedPaths": ["/proc/kcore"], "readonlyPaths": ["/proc/sys"]}}
JSON
# The same bundle with podman's default seccomp profile, converted for its capabilities as podman does.
sbundle=$work/seccomp-bundle
mkdir -p "$sbundle"
cp -a "$tbundle/rootfs" "$sbundle/rootfs"
python3 - "$tbundle/config.json" "$sbundle/config.json" "$(python3 "$(dirname "$0")/podman-seccomp.py" CAP_KILL)" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["linux"]["seccomp"] = json.loads(sys.argv[3])
json.dump(config, open(sys.argv[2], "w"))
PY
crun_runs=no
if [ $have_crun = yes ] && crun --root "$work/crun-root" run --bundle "$tbundle" bench-crun-probe >/dev/null 2>&1; then
    crun_runs=yes
fi
sleep 1000 &
sleeper=$!
start_time=$(cut -d')' -f2- "/proc/$sleeper/stat" | awk '{print $20}')
mkdir -p "$jroot/bench-jrun"
cat > "$jroot/bench-jrun/state.json" <<JSON
{"ociVersion":"1.2.1","id":"bench-jrun","pid":$sleeper,"status":"created","bundle":"$bundle","rootfs":"$bundle/rootfs","created":"2026-01-01T00:00:00Z","owner":"","initStartTime":$start_time}
JSON
"$jrun" --root "$jroot" state bench-jrun >/dev/null || { echo "bench.sh: jrun state failed" >&2; kill $sleeper; exit 1; }

# name|command, timed round-robin so that machine noise hits every command alike.
set -- \
    "hello|$hello" \
    "jrun --version|$jrun --version" \
    "runc --version|runc --version" \
    "jrun state|$jrun --root $jroot state bench-jrun" \
    "runc state|runc --root $rroot state bench-runc" \
    "jrun list|$jrun --root $jroot list" \
    "runc list|runc --root $rroot list"
if [ $have_crun = yes ]; then
    set -- "$@" "crun --version|crun --version" "crun state|crun --root $work/crun-root state bench-crun"
fi
# The lifecycle rows: per runtime, one create, start, state, delete sequence per round, each step timed.
lifecycle_runtimes="jrun runc"
[ $crun_runs = yes ] && lifecycle_runtimes="$lifecycle_runtimes crun"
runtime_cmd() {
    case $1 in
        jrun) echo "$jrun --root $jroot" ;;
        runc) echo "runc --root $rroot" ;;
        crun) echo "crun --root $work/crun-root" ;;
    esac
}
timed() { # file command...
    f=$1; shift
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || echo "bench.sh: failed: $*" >&2
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$work/$f"
}
i=0
while [ $i -lt "$runs" ]; do
    n=0
    for entry in "$@"; do
        n=$((n + 1))
        cmd=${entry#*|}
        t0=$(date +%s%N)
        $cmd >/dev/null 2>&1
        t1=$(date +%s%N)
        echo $(( (t1 - t0) / 1000 )) >> "$work/t.$n"
    done
    for rt in $lifecycle_runtimes; do
        rc=$(runtime_cmd $rt)
        timed "run.$rt" $rc run --bundle "$tbundle" "b-$rt-run"
        $rc delete --force "b-$rt-run" >/dev/null 2>&1 || true
        timed "runsc.$rt" $rc run --bundle "$sbundle" "b-$rt-sc"
        $rc delete --force "b-$rt-sc" >/dev/null 2>&1 || true
        timed "create.$rt" $rc create --bundle "$tbundle" "b-$rt"
        timed "start.$rt" $rc start "b-$rt"
        timed "state.$rt" $rc state "b-$rt"
        timed "delete.$rt" $rc delete --force "b-$rt"
    done
    i=$((i + 1))
done
kill $sleeper 2>/dev/null || true

median() { sort -n "$1" | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m/1000}'; }
n=0
for entry in "$@"; do
    n=$((n + 1))
    eval "m_$n=$(median "$work/t.$n")"
done
echo "medians over $runs interleaved runs (ms), $(nproc) cores, $(uname -r)"
n=0
for entry in "$@"; do
    n=$((n + 1))
    eval "v=\$m_$n"
    printf '  %-16s %8s ms\n' "${entry%%|*}" "$v"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "ratios"
echo "  jrun --version / hello-world floor: $(ratio "$m_2" "$m_1")   (target <= 1.25x)"
echo "  jrun state     / hello-world floor: $(ratio "$m_4" "$m_1")   (target <= 1.25x)"
echo "  jrun list      / hello-world floor: $(ratio "$m_6" "$m_1")"
echo "  jrun --version / runc --version:    $(ratio "$m_2" "$m_3")"
echo "  jrun state     / runc state:        $(ratio "$m_4" "$m_5")"
echo "  jrun list      / runc list:         $(ratio "$m_6" "$m_7")"
if [ $have_crun = yes ]; then
    echo "  jrun state     / crun state:        $(ratio "$m_4" "$m_9")"
fi
echo "run /bin/true and the lifecycle (medians, ms)"
printf '  %-8s %8s %8s %8s %8s %8s %8s\n' runtime run create start state delete lifecycle
for rt in $lifecycle_runtimes; do
    r=$(median "$work/run.$rt"); c=$(median "$work/create.$rt"); st=$(median "$work/start.$rt")
    sa=$(median "$work/state.$rt"); d=$(median "$work/delete.$rt")
    l=$(awk -v a="$c" -v b="$st" -v c2="$sa" -v d="$d" 'BEGIN { printf "%.1f", a + b + c2 + d }')
    printf '  %-8s %8s %8s %8s %8s %8s %8s\n' $rt "$r" "$c" "$st" "$sa" "$d" "$l"
    eval "run_$rt=$r; life_$rt=$l; create_$rt=$c"
done
echo "  jrun run       / runc run:          $(ratio "$run_jrun" "$run_runc")   (target <= 2.5x)"
echo "  jrun lifecycle / runc lifecycle:    $(ratio "$life_jrun" "$life_runc")   (target <= 3x)"
echo "  jrun create    / runc create:       $(ratio "$create_jrun" "$create_runc")"
echo "run /bin/true with podman's default seccomp profile (medians, ms)"
for rt in $lifecycle_runtimes; do
    r=$(median "$work/runsc.$rt")
    eval "plain=\$run_$rt"
    printf '  %-8s %8s   (+%s over no profile)\n' $rt "$r" "$(awk -v a="$r" -v b="$plain" 'BEGIN { printf "%.1f", a - b }')"
    eval "runsc_$rt=$r"
done
echo "  jrun run+seccomp / runc run+seccomp: $(ratio "$runsc_jrun" "$runsc_runc")"
if [ $crun_runs = yes ]; then
    echo "  jrun run+seccomp / crun run+seccomp: $(ratio "$runsc_jrun" "$runsc_crun")"
    echo "  jrun run       / crun run:          $(ratio "$run_jrun" "$run_crun")"
    echo "  jrun lifecycle / crun lifecycle:    $(ratio "$life_jrun" "$life_crun")"
else
    echo "  (crun cannot run containers on this host, e.g. hybrid cgroups: no crun rows)"
fi
