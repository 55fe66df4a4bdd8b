#!/usr/bin/env bash
# Prints the class path of the examples module (its classes and every runtime dependency), compiling the modules
# it needs first when sources changed since the last time. Used by ../jshell.sh and ./run.sh; needs JDK 17 and
# Maven 3.8. Compiles in the reactor rather than installing: the path points at the modules' target/classes, so
# ~/.m2 is left alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/examples/target/runtime.classpath"
stale() {
  [ ! -f "$classpath_file" ] && return 0
  [ -n "$(find "$root" \( -path "$root/.git" -o -name target \) -prune -o \( -name '*.java' -o -name 'pom.xml' \
      -o -path '*/src/main/resources/*' \) -newer "$classpath_file" -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "cm4j: compiling and resolving the class path (mvn; the first time takes a minute)..." >&2
  # Maven 3.8 prints colour resets even in batch mode; sed drops them. Everything goes to standard error.
  (cd "$root" && mvn -q -B -DskipTests -pl examples -am compile dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile=target/runtime.classpath) 2>&1 | sed $'s/\e\\[0m//g' >&2
  touch "$classpath_file"   # the plugin leaves an unchanged file as it was: mark it up to date
fi
echo "$root/examples/target/classes:$(cat "$classpath_file")"
