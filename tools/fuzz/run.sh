#!/usr/bin/env bash
# Run one fuzz harness with atheris (libFuzzer) on one core, at the lowest priority.
#   bash tools/fuzz/run.sh WORKDIR manifest|return|round RUNS [more libFuzzer args]
# WORKDIR/seeds is made on first use (tools/fuzz/fuzz_seeds.py); the corpus, findings.json, any
# finding-* inputs and one log per run go to WORKDIR/TARGET/. Running again continues from the
# corpus and adds to the totals in findings.json. Needs: pip install atheris (not a project dependency).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
[ -x "$python" ] || python=python3
work="$(mkdir -p "$1" && cd "$1" && pwd)"; target="$2"; runs="$3"; shift 3
case "$target" in manifest) max_len=300000 ;; *) max_len=65536 ;; esac
# user data of the core (the expert's database…) stays in WORKDIR, never the real profile
export XDG_DATA_HOME="$work/xdg/data" XDG_CONFIG_HOME="$work/xdg/config" XDG_CACHE_HOME="$work/xdg/cache" XDG_STATE_HOME="$work/xdg/state"
[ -f "$work/seeds/seed.json" ] || nice -n 19 "$python" "$here/tools/fuzz/fuzz_seeds.py" "$work/seeds"
out="$work/$target"; mkdir -p "$out/corpus"
# the harness writes each input to a file here (in RAM when possible); removed when the run ends,
# since libFuzzer ends the process without cleaning up
TIC_FUZZ_SCRATCH="$(mktemp -d "$([ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/tic-fuzz-run.XXXXXX")"
export TIC_FUZZ_SCRATCH
trap 'rm -rf "$TIC_FUZZ_SCRATCH"' EXIT
[ -n "$(ls -A "$out/corpus")" ] || "$python" "$here/tools/fuzz/fuzz_$target.py" --seeds "$work/seeds" --findings "$out" \
  --write-seed-corpus "$out/corpus"
log="$out/log-$(date +%Y%m%d-%H%M%S).txt"
echo "fuzz $target: $runs inputs, log $log" >&2
nice -n 19 "$python" "$here/tools/fuzz/fuzz_$target.py" --seeds "$work/seeds" --findings "$out" \
  -runs="$runs" -max_len="$max_len" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/" \
  "$@" "$out/corpus" >"$log" 2>&1 || { echo "fuzz $target stopped early: see $log" >&2; exit 1; }
grep -E "^stat::|DONE" "$log" >&2
