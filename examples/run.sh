#!/usr/bin/env bash
# Runs one example: ./examples/run.sh NAME [options], e.g.
#   ./examples/run.sh SynchronizeSoftwareUpdatePoint --uri 'memory:demo?version=2007'
#   ./examples/run.sh ListUpdatesMatchingCriteria --help
# Without a name, lists the examples. The class path comes from classpath.sh (compiled on first use).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sources="$here/src/main/java/io/github/cm4j/examples"
list() {
  for f in "$sources"/*.java; do
    name="$(basename "$f" .java)"
    [ "$name" = ExampleArgs ] || echo "  $name"
  done
}
if [ $# -eq 0 ]; then
  # asked for nothing: the list is the answer (exit 0)
  echo "usage: $0 NAME [--help | options]; NAME is one of:"
  list
  exit 0
fi
if [ ! -f "$sources/$1.java" ] || [ "$1" = ExampleArgs ]; then
  echo "run.sh: no example named '$1'; NAME is one of:" >&2
  list >&2
  exit 2
fi
classpath="$("$here/classpath.sh")"
exec java ${CM4J_JAVA_OPTS:-} -cp "$classpath" "io.github.cm4j.examples.$1" "${@:2}"
