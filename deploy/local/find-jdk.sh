#!/usr/bin/env bash
# Prints a JDK home of version >= 21: $JAVA_HOME if it qualifies, else the newest under /usr/lib/jvm
# (or $JVM_DIR). Exits 1 with a clear message when there is none.
set -euo pipefail
MIN=21

version_of() { # major version of the JDK at $1, or nothing
  [[ -x $1/bin/javac && -x $1/bin/java ]] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}'
}

if [[ -n ${JAVA_HOME:-} ]]; then
  v=$(version_of "$JAVA_HOME")
  if [[ -n $v ]] && ((v >= MIN)); then
    printf '%s\n' "$JAVA_HOME"
    exit 0
  fi
fi

best="" best_v=0
for home in "${JVM_DIR:-/usr/lib/jvm}"/*; do
  [[ -d $home && ! -L $home ]] || continue
  v=$(version_of "$home")
  [[ -n $v ]] || continue
  if ((v >= MIN && v > best_v)); then
    best=$home best_v=$v
  fi
done
if [[ -z $best ]]; then
  echo "error: no JDK >= $MIN found (JAVA_HOME=${JAVA_HOME:-unset}, searched ${JVM_DIR:-/usr/lib/jvm})." >&2
  echo "Install one, e.g. 'apt-get install -y temurin-25-jdk' or 'openjdk-21-jdk', or set JAVA_HOME." >&2
  exit 1
fi
printf '%s\n' "$best"
