#!/usr/bin/env bash
# Issue #3's measure of what watching costs: a 2,000-iteration Mish run from the command line, then
# the same run in the window (charts live, under Xvfb or any display), PAIRS times back to back;
# prints each pair's images/s (from run.json) and the medians. Needs an idle machine; single pairs
# vary a lot on a shared one, so read the medians.
#
# usage: DISPLAY=:99 src/scripts/watched-vs-cli.sh [PAIRS] [extra JVM options for the window]
#        (build first: ./mvnw -q package -DskipTests && ./mvnw -q test-compile)
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS=${1:-10}
shift || true
WORK=$(mktemp -d)
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" > /dev/null
ips() { sed -n 's/^ *"images_per_second": *\([0-9.]*\).*/\1/p' "$1"; }
for i in $(seq "$PAIRS"); do
  java -jar target/lenet-lab.jar train --activation mish --iterations 2000 --out "$WORK/cli-$i" > /dev/null 2>&1
  java --add-modules jdk.incubator.vector -Dprism.order=sw "$@" -Dlenetlab.workspace="$WORK/window-$i" \
    -Ddemo.script="act mish; iterations 2000; start; waitdone; exit" \
    -cp "target/classes:target/test-classes:$(cat "$WORK/cp.txt")" dev.lenetlab.ui.WorkbenchDemo > /dev/null 2>&1
  cli=$(ips "$WORK/cli-$i/run.json"); window=$(ips "$WORK"/window-$i/*/run.json)
  echo "$cli $window" >> "$WORK/pairs.txt"
  awk -v c="$cli" -v w="$window" -v i="$i" 'BEGIN { printf "pair %d: command line %.0f, window %.0f images/s, ratio %.3f\n", i, c, w, w / c }'
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
c=$(cut -d' ' -f1 "$WORK/pairs.txt" | median); w=$(cut -d' ' -f2 "$WORK/pairs.txt" | median)
awk -v c="$c" -v w="$w" 'BEGIN { printf "medians: command line %.0f, window %.0f images/s, ratio %.3f\n", c, w, w / c }'
rm -rf "$WORK"
