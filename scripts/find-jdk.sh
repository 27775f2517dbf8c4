# Sourced by the other scripts: sets JAVA_HOME to a JDK 25 or exits with what to install.
# Order: $JAVA_HOME if it is a JDK 25, then /usr/lib/jvm/*25*.
jrun_is_jdk25() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | grep -q 'java.specification.version = 25$'
}
jrun_find_jdk25() {
    if [ -n "${JAVA_HOME:-}" ] && jrun_is_jdk25 "$JAVA_HOME"; then
        return 0
    fi
    for candidate in /usr/lib/jvm/*25*; do
        if [ -d "$candidate" ] && jrun_is_jdk25 "$candidate"; then
            JAVA_HOME=$candidate
            export JAVA_HOME
            return 0
        fi
    done
    echo "jrun: no JDK 25 found (looked at \$JAVA_HOME=${JAVA_HOME:-<unset>} and /usr/lib/jvm/*25*)." >&2
    echo "jrun: install one, e.g. Temurin 25 (apt: temurin-25-jdk from packages.adoptium.net), or set JAVA_HOME." >&2
    exit 1
}
# Installs Debian packages that are missing; needs root.
jrun_apt_install() {
    missing=""
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "jrun: missing packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
        exit 1
    fi
    echo "jrun: installing$missing" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1 || {
        apt-get update -q >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >&2 || {
            echo "jrun: could not install:$missing" >&2
            exit 1
        }
    }
}
