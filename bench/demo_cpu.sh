#!/usr/bin/env bash
# Time `scribe_demo` (the whole study on the embedded synthetic data) on the CPU; writes a JSON and prints the time.
#   bash bench/demo_cpu.sh [OUT_JSON] [DEMO_OUT_DIR]        target: <= 10 min on the 2-core CPU machine
#   bash bench/demo_cpu.sh --smoke                          only checks that the command exists and answers --help
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
if [[ "${1:-}" == "--smoke" ]]; then SMOKE=1; shift; else SMOKE=0; fi
OUT=${1:-bench/results/demo_cpu.json}
DEMO_OUT=${2:-demo_out/bench}
if ! $PY -c "import scribe_robust.cli" 2>/dev/null; then
  echo "MISSING: scribe_robust.cli is not importable (so scribe_demo cannot run): merge the cli branch (git merge main) and 'pip install -e .'" >&2; exit 2
fi
if command -v scribe_demo >/dev/null 2>&1; then DEMO=(scribe_demo); else DEMO=("$PY" -c "from scribe_robust.cli import scribe_demo; scribe_demo()"); fi
if [[ $SMOKE == 1 ]]; then "${DEMO[@]}" --help >/dev/null; echo "scribe_demo answers --help (smoke: not timed)"; exit 0; fi
export CUDA_VISIBLE_DEVICES=""          # the CPU path, even on the GPU machine
t0=$($PY -c 'import time; print(time.time())')
"${DEMO[@]}" --out "$DEMO_OUT"
t1=$($PY -c 'import time; print(time.time())')
$PY - "$OUT" "$t0" "$t1" "$DEMO_OUT" <<'PYEOF'
import sys; sys.path.insert(0, 'bench')
from _common import env_info, finish
out, t0, t1, demo_out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
row = dict(what='scribe_demo (CPU)', seconds=t1 - t0, minutes=(t1 - t0) / 60, target_min=10, out=demo_out)
finish(dict(env=env_info('cpu'), results=[row]), [row], ['what', 'seconds', 'minutes', 'target_min', 'out'], 'scribe_demo on CPU', out)
PYEOF
