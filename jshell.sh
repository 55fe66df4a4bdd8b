#!/usr/bin/env bash
# JShell with cm4j on the class path and a connected demo client `cm` (examples/jshell/cm4j.jsh; docs/jshell.md).
# Builds the class path with Maven on first use (and again when sources change); needs JDK 17 and Maven 3.8.
#   ./jshell.sh                                        the embedded simulator, memory:demo
#   CM4J_URI='memory:demo?version=2007' ./jshell.sh    another target (CM4J_USER, CM4J_PASSWORD for a real site)
# Arguments are passed to jshell (e.g. a script file to run after the startup script).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath_file="$here/examples/target/jshell.classpath"
stale() {
  [ ! -f "$classpath_file" ] && return 0
  [ -n "$(find "$here" \( -path "$here/.git" -o -name target \) -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$classpath_file" -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "jshell.sh: compiling cm4j and resolving its class path (mvn, first use takes a minute)..." >&2
  # compile, not install: the class path points at the modules' target/classes, so ~/.m2 is left alone.
  # (Maven 3.8 prints colour resets even in batch mode; sed drops them.)
  (cd "$here" && mvn -q -B -DskipTests -pl examples -am compile dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile=target/jshell.classpath) 2>&1 | sed $'s/\e\\[0m//g' >&2
fi
exec jshell --class-path "$here/examples/target/classes:$(cat "$classpath_file")" \
  --startup DEFAULT --startup "$here/examples/jshell/cm4j.jsh" "$@"
