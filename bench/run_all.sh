#!/usr/bin/env bash
# Every benchmark, one after the other, results in bench/results/*.json (a failing one does not stop the others).
#   bash bench/run_all.sh            # on the GPU machine
#   bash bench/run_all.sh --smoke    # tiny CPU versions (check the scripts, measure nothing)
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
if [[ "${1:-}" == "--smoke" ]]; then S=(--smoke --standin); D=bench/results/smoke; else S=(); D=bench/results; fi
mkdir -p "$D"; rc=0
run() { echo "== $*"; "$@" || { echo "!! failed ($?): $*"; rc=1; }; }
run $PY bench/augment.py ${S[0]:+--smoke} --out "$D/augment.json"
run $PY bench/epoch.py "${S[@]}" --out "$D/epoch.json"
run $PY bench/backselect.py "${S[@]}" --out "$D/backselect.json"
run $PY bench/challenge.py ${S[0]:+--smoke} --out "$D/challenge.json"
run $PY bench/corruptions.py "${S[@]}" --out "$D/corruptions.json"
if [[ ${#S[@]} -gt 0 ]]; then run bash bench/demo_cpu.sh --smoke; else run bash bench/demo_cpu.sh "$D/demo_cpu.json"; fi
exit $rc
