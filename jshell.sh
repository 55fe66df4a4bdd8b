#!/usr/bin/env bash
# JShell with cm4j on the class path and a connected demo client `cm` (examples/jshell/cm4j.jsh; docs/jshell.md).
# The class path comes from examples/classpath.sh (compiled with Maven on first use and when sources change).
#   ./jshell.sh                                        the embedded simulator, memory:demo
#   CM4J_URI='memory:demo?version=2007' ./jshell.sh    another target (CM4J_USER, CM4J_PASSWORD for a real site)
# Arguments go to jshell (e.g. a script to run after the startup script).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath="$("$here/examples/classpath.sh")"
exec jshell --class-path "$classpath" --startup DEFAULT --startup "$here/examples/jshell/cm4j.jsh" "$@"
