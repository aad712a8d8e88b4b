# Sourced by ./run-local and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; otherwise takes the newest JDK >= 21 found in the usual places.

_jdk_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) }'
}

_find_jdk() {
    local candidate major best="" best_major=0
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        major=$(_jdk_major "$JAVA_HOME")
        if [ "${major:-0}" -ge 21 ]; then echo "$JAVA_HOME"; return; fi
    fi
    local on_path=""
    if command -v javac >/dev/null 2>&1; then
        on_path=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    fi
    for candidate in "$on_path" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
        "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(_jdk_major "$candidate")
        if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best="$candidate"
            best_major="$major"
        fi
    done
    echo "$best"
}

_jdk=$(_find_jdk)
if [ -z "$_jdk" ]; then
    echo "No JDK 21 or newer found. Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
    exit 1
fi
export JAVA_HOME="$_jdk"
export PATH="$JAVA_HOME/bin:$PATH"
unset _jdk
