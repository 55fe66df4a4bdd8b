#!/usr/bin/env bash
# Long coverage-guided fuzzing runs with Jazzer, one @FuzzTest at a time (docs/testing.md, "Coverage-guided fuzzing").
#
# Jazzer 0.24 fuzzes one @FuzzTest per JVM ("Only one fuzz test can be run at a time"), so each target gets its own
# `JAZZER_FUZZ=1 mvn surefire:test -Dtest=Class#method` run; they run one after another (never in parallel on a
# shared machine). Each stops after its @FuzzTest(maxDuration) — 2 min for the peer-byte decoders, 45 s for the text
# parsers; Jazzer reads the duration only from the annotation — or at the first finding.
#
#   .ci/fuzz-long.sh                 every target
#   .ci/fuzz-long.sh Ntlm Parser#wql only targets whose Class#method contains one of the words
#   FUZZ_MVN_ARGS=-Dcm4j.reference.dir=/path/to/reference .ci/fuzz-long.sh    extra Maven arguments
#
# Per target: the log in target/fuzz-long/<Class>#<method>.log and one summary line (inputs executed, libFuzzer's
# edge coverage `cov` and features `ft`, corpus size, the finding if any). The corpus the fuzzer grows is kept in
# <module>/.cifuzz-corpus (git-ignored) and reused by the next run; a crashing input is written to the target's
# src/test/resources/<package>/<Class>Inputs/<method>/ directory when it exists (else the module directory), where
# the regression run of every build picks it up once committed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TARGETS="
wmi-transport io.github.cm4j.wmi.ntlm.NtlmJazzerTest#negotiate
wmi-transport io.github.cm4j.wmi.ntlm.NtlmJazzerTest#challenge
wmi-transport io.github.cm4j.wmi.ntlm.NtlmJazzerTest#authenticate
wmi-transport io.github.cm4j.wmi.rpc.RpcJazzerTest#pdu
wmi-transport io.github.cm4j.wmi.rpc.RpcJazzerTest#reassembly
wmi-transport io.github.cm4j.wmi.wbem.NdrJazzerTest#requests
wmi-transport io.github.cm4j.wmi.wbem.NdrJazzerTest#responses
wmi-transport io.github.cm4j.wmi.dcom.DcomJazzerTest#objRef
wmi-transport io.github.cm4j.wmi.dcom.DcomJazzerTest#dualStringArray
wmi-transport io.github.cm4j.wmi.dcom.DcomJazzerTest#activationProperties
wmi-transport io.github.cm4j.wmi.wmio.WmioJazzerTest#wmio
wmi-transport io.github.cm4j.wmi.wbem.WbemJazzerTest#objectArray
wmi-transport io.github.cm4j.wmi.wbem.WbemJazzerTest#context
core io.github.cm4j.ParserJazzerTest#wql
core io.github.cm4j.ParserJazzerTest#mof
core io.github.cm4j.ParserJazzerTest#objectPath
core io.github.cm4j.ParserJazzerTest#cimDateTime
core io.github.cm4j.ParserJazzerTest#log
core io.github.cm4j.ParserJazzerTest#scheduleTokens
"

selected() { # selected TARGET [WORD...]: no words select everything
  local t=$1; shift
  [ $# -eq 0 ] && return 0
  for w in "$@"; do
    case "$t" in *"$w"*) return 0 ;; esac
  done
  return 1
}

OUT=target/fuzz-long
mkdir -p "$OUT"
echo "fuzz-long: building core and wmi-transport (tests compiled, not run)"
mvn -o -q -B -pl wmi-transport -am install -DskipTests -Dmaven.javadoc.skip=true ${FUZZ_MVN_ARGS:-} || exit 1
# wmi-transport's targets use core's test helpers (FuzzSeeds, FuzzCheck): from this checkout, not from whatever
# cm4j-core test-jar another build has installed in ~/.m2 since
CORE_TEST="$PWD/core/target/test-classes"

status=0
printf '%-62s %10s %6s %7s %8s %s\n' "target" "inputs" "cov" "ft" "corpus" "result"
while read -r module target; do
  [ -z "$module" ] && continue
  selected "$target" "$@" || continue
  log="$OUT/${target##*.}.log"
  JAZZER_FUZZ=1 mvn -o -B -pl "$module" surefire:test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dmaven.test.additionalClasspath="$CORE_TEST" ${FUZZ_MVN_ARGS:-} >"$log" 2>&1 </dev/null
  rc=$?
  done_line=$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  [ -z "$done_line" ] && done_line=$(grep -a -E '^#[0-9]+[[:space:]]+(pulse|NEW|REDUCE)' "$log" | tail -1)
  inputs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$done_line")
  cov=$(grep -o -E 'cov: [0-9]+' <<<"$done_line" | cut -d' ' -f2)
  ft=$(grep -o -E 'ft: [0-9]+' <<<"$done_line" | cut -d' ' -f2)
  corp=$(grep -o -E 'corp: [0-9]+' <<<"$done_line" | cut -d' ' -f2)
  if [ $rc -eq 0 ]; then
    result="ok"
  else
    status=1
    result="FINDING: $(grep -a -m1 -E '== Java Exception|FuzzTestFindingException|Caused by' "$log" | cut -c1-160)"
  fi
  printf '%-62s %10s %6s %7s %8s %s\n' "${target#io.github.cm4j.}" "${inputs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done <<<"$TARGETS"
exit $status
