#!/usr/bin/env bash
# Runs the whole JMH suite and writes benchmarks/RESULTS.md.  Usage, from anywhere:
#
#     bash benchmarks/run.sh
#
# About 9 minutes on a 2-core machine (build included, Maven repository already filled). Each comparison is
# measured in this run against its raw-client baseline. The dispatch, publish, end-to-end and cold start-up groups run in two rounds,
# each round running a baseline and its candidates back to back, so that a slow spell of the machine
# (other processes) hits both sides alike; the report pools the rounds.
#
# Environment: JAVA (default: java), ROUNDS (default 2), COLD_PAIRS (cold starts per variant and round,
# default 20), SKIP_BUILD=1 to reuse the last build.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
OUT="$ROOT/benchmarks/target/jmh"
JAVA=${JAVA:-java}
ROUNDS=${ROUNDS:-2}
START=$(date +%s)

rm -rf "$OUT"
mkdir -p "$OUT/logs"

snapshot() {  # load average and CPU pressure, to show how busy the machine was
	local pressure=""
	[ -r /proc/pressure/cpu ] && pressure=$(head -1 /proc/pressure/cpu)
	echo "load $(cut -d' ' -f1-3 /proc/loadavg); cpu pressure: ${pressure:-n/a}"
}
echo "$(snapshot)" > "$OUT/machine-before.txt"

# What is measured: the commit, and whether the other modules had uncommitted changes when they were built.
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=no
[ -n "$(git status --porcelain -- . ':!benchmarks' 2>/dev/null)" ] && DIRTY=yes
DATE=$(date -Iseconds)

if [ "${SKIP_BUILD:-0}" != "1" ]; then
	echo "== building (mvn -B -ntp -q -pl benchmarks -am package -DskipTests)"
	mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/benchmark-classpath.txt")"
# Start-up without the starter runs on a class path without its jars (the AMPS client stays: the raw variant
# builds its client by hand), so that nothing of the starter loads.
CP_PLAIN=$(tr ':' '\n' <<< "$CP" | grep -v -e '/amps-spring-boot-starter-' -e '/amps-spring-boot-autoconfigure-' | paste -sd: -)
BUILT=$(date +%s)

jmh() {  # [JMH_CP=class path] jmh <name> <jmh arguments...>: one JMH invocation, JSON to $OUT/<name>.json
	local name=$1
	shift
	local t0
	t0=$(date +%s)
	if ! "$JAVA" -cp "${JMH_CP:-$CP}" org.openjdk.jmh.Main "$@" -prof gc -rf json -rff "$OUT/$name.json" \
		> "$OUT/logs/$name.log" 2>&1; then
		echo "== $name FAILED, see $OUT/logs/$name.log"
		tail -30 "$OUT/logs/$name.log"
		exit 1
	fi
	[ -n "${QUIET:-}" ] || printf '== %-32s %s s\n' "$name" "$(( $(date +%s) - t0 ))"
}

# Iterations: dispatch settles within a few seconds; publish and end to end use longer iterations because
# the test server's garbage collection pauses are part of what they measure.
DISPATCH=(-f 1 -wi 3 -w 1 -i 4 -r 1)
STREAM=(-f 1 -wi 2 -w 1 -i 3 -r 2)
# Cold start-up: one fresh JVM per sample, alternating without/raw/with so that all see the same spells.
COLD_PAIRS=${COLD_PAIRS:-20}

for round in $(seq 1 "$ROUNDS"); do
	jmh "fallback-r$round"   'FallbackDispatchBenchmark.dispatch' -p message=failureAck "${DISPATCH[@]}"
	jmh "listener-r$round"   'ListenerDispatchBenchmark.dispatch' "${DISPATCH[@]}"
	jmh "handoff-r$round"    'ListenerHandOffBenchmark.dispatch' "${DISPATCH[@]}"
	jmh "publish-r$round"    'PublishBenchmark.publish' "${STREAM[@]}"
	jmh "endtoend-r$round"   'EndToEndBenchmark.publishAndDeliver' "${STREAM[@]}"
	jmh "confirmed-r$round"  'ConfirmedPublishBenchmark.publish' "${STREAM[@]}"
	cold_start=$(date +%s)
	for pair in $(seq 1 "$COLD_PAIRS"); do
		for starter in without raw with; do
			cp=$CP_PLAIN
			[ "$starter" = with ] && cp=$CP
			JMH_CP=$cp QUIET=1 jmh "startcold-r$round-$pair-$starter" 'StartupBenchmark.cold' -p starter=$starter \
				-f 1 -wi 0 -i 1
		done
	done
	printf '== %-32s %s s\n' "startcold-r$round ($COLD_PAIRS triples)" "$(( $(date +%s) - cold_start ))"
done
JMH_CP=$CP_PLAIN jmh "startwarm-without" 'StartupBenchmark.warm' -p starter=without -f 1 -wi 20 -i 30
JMH_CP=$CP_PLAIN jmh "startwarm-raw"     'StartupBenchmark.warm' -p starter=raw -f 1 -wi 20 -i 30
jmh "startwarm-with"    'StartupBenchmark.warm' -p starter=with -f 1 -wi 20 -i 30

END=$(date +%s)
echo "$(snapshot)" > "$OUT/machine-after.txt"

python3 "$ROOT/benchmarks/report.py" \
	--jmh-dir "$OUT" \
	--results "$ROOT/benchmarks/RESULTS.md" \
	--history "$ROOT/benchmarks/results-history.json" \
	--java "$JAVA" \
	--elapsed "$((END - START))" \
	--build-seconds "$((BUILT - START))" \
	--rounds "$ROUNDS" \
	--commit "$COMMIT" \
	--dirty "$DIRTY" \
	--date "$DATE"
echo "== wrote benchmarks/RESULTS.md ($((END - START)) s in all)"
