#!/usr/bin/env bash
# The optimizer study of issue #4: SGD against FMSGD (alpha 0.9 and 1.1) on MNIST, ReLU and Mish.
# Phase 1 picks each optimizer's learning rate from {0.05, 0.1, 0.2} on seed 1 by the accuracy on
# 5,000 held-out training images (never the test set); phase 2 trains seeds 2 and 3 at that rate.
# Every run is the paper's protocol (batch 64, 10,000 iterations) on one thread, two runs at a time.
# Finished runs are skipped, so rerunning resumes. Then summary.csv gets one row per run.
#
# usage: src/scripts/optimizer-study.sh [STUDY_DIR]      (default study/optimizers; needs target/lenet-lab.jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
STUDY=${1:-study/optimizers}
JAR=${JAR:-target/lenet-lab.jar}
PARALLEL=${PARALLEL:-2}
mkdir -p "$STUDY/runs"

solver_options() {          # solver id -> train options
  case "$1" in
    sgd) echo "--optimizer sgd" ;;
    fmsgd09) echo "--optimizer fmsgd --alpha 0.9" ;;
    fmsgd11) echo "--optimizer fmsgd --alpha 1.1" ;;
  esac
}

one_run() {                 # activation solver lr seed
  local name="$1-$2-lr$3-seed$4" dir="$STUDY/runs/$1-$2-lr$3-seed$4"
  if grep -q '"status" *: *"\(finished\|diverged\)"' "$dir/run.json" 2>/dev/null; then return; fi
  # shellcheck disable=SC2046
  java -jar "$JAR" train --activation "$1" $(solver_options "$2") --lr "$3" --seed "$4" \
    --validation 5000 --eval-every 500 --threads 1 --out "$dir" --force > "$STUDY/runs/$name.log" 2>&1 || true
}
export -f one_run solver_options
export STUDY JAR

{ for act in relu mish; do for solver in sgd fmsgd09 fmsgd11; do for lr in 0.05 0.1 0.2; do
    echo "$act $solver $lr 1"; done; done; done; } |
  xargs -P "$PARALLEL" -L 1 bash -c 'one_run "$@"' _

json_field() {              # run.json field -> value (run.json holds one field per line)
  sed -n "s/^ *\"$2\": *\"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$1"
}

# The chosen rate: the best final validation accuracy on seed 1 (ties go to the smaller rate).
for act in relu mish; do for solver in sgd fmsgd09 fmsgd11; do
  best_lr="" best_v=-1
  for lr in 0.05 0.1 0.2; do
    v=$(json_field "$STUDY/runs/$act-$solver-lr$lr-seed1/run.json" final_validation_accuracy)
    case "$v" in ""|null) v=0 ;; esac
    if awk -v a="$v" -v b="$best_v" 'BEGIN { exit !(a > b) }'; then best_lr=$lr best_v=$v; fi
  done
  echo "$act $solver $best_lr"
done; done > "$STUDY/chosen.txt"

while read -r act solver lr; do for seed in 2 3; do echo "$act $solver $lr $seed"; done; done < "$STUDY/chosen.txt" |
  xargs -P "$PARALLEL" -L 1 bash -c 'one_run "$@"' _

{ echo "activation,solver,lr,seed,status,final_validation_accuracy,final_test_accuracy,training_seconds"
  for f in "$STUDY"/runs/*/run.json; do
    IFS=- read -r act solver lr seed <<< "$(basename "$(dirname "$f")")"
    echo "$act,$solver,${lr#lr},${seed#seed},$(json_field "$f" status),$(json_field "$f" final_validation_accuracy),$(json_field "$f" final_test_accuracy),$(json_field "$f" training_seconds)"
  done; } > "$STUDY/summary.csv"
echo "study done: $STUDY/summary.csv"
