#!/bin/sh
# Builds jrun and installs it: DIR/lib/jrun (jars, AOT cache) and DIR/bin/jrun. Usage: install.sh [--prefix DIR]
set -eu
prefix=/usr/local
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        -h|--help) echo "usage: scripts/install.sh [--prefix DIR]   (default /usr/local)"; exit 0 ;;
        *) echo "install.sh: unknown argument $1 (usage: install.sh [--prefix DIR])" >&2; exit 2 ;;
    esac
done
here=$(cd "$(dirname "$0")/.." && pwd -P)
. "$here/scripts/find-jdk.sh"
jrun_find_jdk25
command -v mvn >/dev/null 2>&1 || jrun_apt_install maven

mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd -P)
commit=$(git -C "$here" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$here" status --porcelain 2>/dev/null)" ]; then commit="$commit-dirty"; fi

echo "jrun: building with $JAVA_HOME (commit $commit)" >&2
# -DskipTests: scripts/test.sh tests the build; installing must not need root.
# clean: a stale jar left in target/lib from an older dependency version would land on the class path.
mvn -q -B -f "$here/pom.xml" -DskipTests -Djrun.commit="$commit" clean package >&2

# Lay out the new tree beside the old one and swap it in, so a failed install leaves the previous one working.
lib=$prefix/lib/jrun
stage=$prefix/lib/.jrun.new.$$
rm -rf "$stage"
mkdir -p "$stage" "$prefix/bin"
trap 'rm -rf "$stage"' EXIT
cli_jar=$(ls "$here"/runtime-cli/target/runtime-cli-*.jar | grep -v -- '-sources\|-tests' | head -n 1)
cp "$cli_jar" "$stage/"
cp "$here"/runtime-cli/target/lib/*.jar "$stage/"
cp "$here/scripts/executor.compile" "$stage/"
# JNA's native half, unpacked once here: otherwise every start finds and unpacks it from the jar (~30 ms).
jna_jar=$(ls "$here"/runtime-cli/target/lib/jna-*.jar)
(cd "$stage" && "$JAVA_HOME/bin/jar" xf "$jna_jar" com/sun/jna/linux-x86-64/libjnidispatch.so \
    && mv com/sun/jna/linux-x86-64/libjnidispatch.so . && rm -rf com)

# The class path is written into the launcher; the AOT caches only match it exactly, in this order.
# The executor's compile commands (scripts/executor.compile) are read from the installed lib directory.
jvm_flags=$(sed "s|@LIB@|$lib|g" "$here/scripts/jvm-flags")
cp_abs=$lib/$(basename "$cli_jar")
for jar in "$here"/runtime-cli/target/lib/*.jar; do cp_abs=$cp_abs:$lib/$(basename "$jar"); done

rm -rf "$lib.old"
[ -d "$lib" ] && mv "$lib" "$lib.old"
mv "$stage" "$lib"
rm -rf "$lib.old"
trap - EXIT

version=$(basename "$cli_jar" .jar); version=${version#runtime-cli-}
sed -e "s|@JAVA@|$JAVA_HOME/bin/java|" -e "s|@JVM_FLAGS@|$jvm_flags|" -e "s|@VERSION@|$version|" \
    -e "s|@COMMIT@|$commit|" -e "s|@LIB@|$lib|" -e "s|@CLASSPATH@|$cp_abs|" "$here/scripts/jrun.in" > "$prefix/bin/jrun.new"
chmod 755 "$prefix/bin/jrun.new"
mv "$prefix/bin/jrun.new" "$prefix/bin/jrun"

# AOT caches (DESIGN.md §2): training runs over the commands, with the exact class path the launcher uses.
train=$(mktemp -d)
echo "jrun: training the AOT caches" >&2
for cache in fast lifecycle full; do
    rm -rf "$train/$cache"
    if "$JAVA_HOME/bin/java" $jvm_flags -XX:AOTCacheOutput="$lib/jrun-$cache.aot" -Djrun.version="$version" \
            -Djrun.commit="$commit" -cp "$cp_abs" dev.jrun.cli.Training "$cache" "$train/$cache" \
            >"$train/log" 2>&1; then
        :
    else
        echo "jrun: AOT training ($cache) failed (jrun works, but starts slower); log:" >&2
        cat "$train/log" >&2
        rm -f "$lib/jrun-$cache.aot"
    fi
done
rm -rf "$train"
echo "jrun: installed $prefix/bin/jrun" >&2
