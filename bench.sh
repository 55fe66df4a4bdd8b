#!/usr/bin/env bash
# Runs cm4j's benchmarks (module benchmarks/, see docs/benchmarks.md).
#
#   ./bench.sh short   CI-safe (< 2 minutes with the build): tiny sizes and iterations; checks that the harness works
#   ./bench.sh full    the profile behind docs/benchmarks.md (about 15 minutes on a 2-core machine)
#
# Results: JSON files (and the logs) under benchmarks/target/results; at the end a Markdown summary is printed and
# written to benchmarks/target/results/benchmarks.md. BENCH_SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar.
# impacket's parts need /usr/bin/python3 with Debian's python3-impacket; without it they say so and are skipped.
set -euo pipefail

profile="${1:-}"
case "$profile" in
  short|full) ;;
  *) echo "usage: $0 short|full" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
results="benchmarks/target/results"
jar="benchmarks/target/benchmarks.jar"
reference="${CM4J_REFERENCE_DIR:-$root/../shared/reference}"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  offline=()
  [[ "${BENCH_OFFLINE:-1}" == 1 ]] && offline=(-o)
  mvn -B -q "${offline[@]}" -pl benchmarks -am package -DskipTests
fi
rm -rf "$results"
mkdir -p "$results"

main() { # class, then its arguments
  local cls="$1"; shift
  java ${JAVA_OPTS:-} -cp "$jar" "io.github.cm4j.benchmarks.$cls" "$@"
}

jmh() { # name, then JMH arguments: results as JSON, the console in the log
  local name="$1"; shift
  # other JMH runs on a shared machine hold /tmp/jmh.lock; the runs do not share state, so the lock is ignored
  java -Djmh.ignoreLock=true -Dcm4j.reference.dir="$reference" -jar "$jar" "$@" -rf json -rff "$results/$name.json" | tee "$results/$name.log"
}

jmh_table() { # the score table at the end of a JMH log
  sed -n '/^Benchmark /,$p' "$results/$1.log"
}

if [[ "$profile" == short ]]; then
  main EnumerationBenchmark short "$results" | tee "$results/enumeration.log"
  main RecordingOverheadBenchmark 300 3 "$results" | tee "$results/recording-overhead.log"
  main SyncBenchmark "$results" | tee "$results/sync.log"
  JAVA_OPTS="-Xmx256m" main SimulatorQueryBenchmark 20000 1 "$results" | tee "$results/simulator-query.log"
  jmh binding 'BindingBenchmark.bindQueryResults' -f 1 -wi 0 -i 1 -r 1s -prof gc
  jmh codec 'CodecBenchmark.decodeWithClass' -p form=query -f 1 -wi 0 -i 1 -r 1s
  java -Dcm4j.reference.dir="$reference" -cp "$jar" io.github.cm4j.benchmarks.CodecPeerComparison 0.5 | tee "$results/codec-peer.log"
else
  main EnumerationBenchmark full "$results" | tee "$results/enumeration.log"
  main RecordingOverheadBenchmark 10000 7 "$results" | tee "$results/recording-overhead.log"
  main SyncBenchmark "$results" | tee "$results/sync.log"
  JAVA_OPTS="-Xmx256m" main SimulatorQueryBenchmark 1000000 3 "$results" | tee "$results/simulator-query.log"
  jmh binding 'Binding' -f 1 -wi 2 -i 3 -prof gc
  jmh codec 'Codec' -f 1 -wi 3 -i 5 -w 2s -r 2s
  java -Dcm4j.reference.dir="$reference" -cp "$jar" io.github.cm4j.benchmarks.CodecPeerComparison 5 | tee "$results/codec-peer.log"
fi

{
  echo "# cm4j benchmarks, profile $profile"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ); nproc $(nproc); load average $(cut -d' ' -f1-3 /proc/loadavg);" \
       "$(java -version 2>&1 | head -1)"
  echo
  echo "## Enumeration over dcom:// (EnumerationBenchmark)"
  echo
  cat "$results/enumeration.md"
  echo
  echo "## synchronize() end to end (SyncBenchmark)"
  echo
  cat "$results/sync.md"
  echo
  echo "## Simulator query, -Xmx256m (SimulatorQueryBenchmark)"
  echo
  echo '```'
  grep -v '^SLF4J' "$results/simulator-query.log"
  echo '```'
  echo
  echo "## Model binding (BindingBenchmark, JMH)"
  echo
  echo '```'
  jmh_table binding
  echo '```'
  echo
  echo "## Codec (CodecBenchmark, JMH)"
  echo
  echo '```'
  jmh_table codec
  echo '```'
  echo
  echo "## Codec against impacket (CodecPeerComparison)"
  echo
  echo '```'
  grep -v '^SLF4J' "$results/codec-peer.log"
  echo '```'
} > "$results/benchmarks.md"
echo
cat "$results/benchmarks.md"
echo
echo "results: $results"
