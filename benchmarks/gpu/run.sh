#!/usr/bin/env bash
# Issue 27's GPU measurements in one call; benchmarks/gpu/README.md says how to run it on the device.
# Usage: bash benchmarks/gpu/run.sh [--smoke] [measure.py options]
# Installs the wheels carried in .whl/ (trl, bitsandbytes, datasets, xgrammar and what they need, which the
# device image lacks) when its Python cannot import them, then runs measure.py; the JSON goes to $OUT.
set -uo pipefail
cd "$(dirname "$0")/../.."
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
PY=${PYTHON:-python3}
if [ -z "${PYTHON:-}" ] && [ -x .venv/bin/python ]; then PY=.venv/bin/python; fi
if ! "$PY" -c "import trl, bitsandbytes, datasets, xgrammar" 2>/dev/null; then
  if ! ls .whl/*.whl >/dev/null 2>&1; then
    echo "run.sh: $PY lacks trl/bitsandbytes/datasets/xgrammar and no wheels are in .whl/ (README.md)" >&2
    exit 2
  fi
  "$PY" -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site \
    .whl/*.whl || exit 2
  export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH}
fi
if [ -z "${OUT:-}" ]; then
  OUT=$(mktemp -d)
  echo "run.sh: OUT is unset; the JSON goes to $OUT" >&2
fi
export OUT
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
exec "$PY" benchmarks/gpu/measure.py --out "$OUT" "$@"
