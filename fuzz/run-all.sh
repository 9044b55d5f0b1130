#!/usr/bin/env bash
# Runs every fuzz target for a bounded time, as CI does:
#
#   fuzz/run-all.sh [SECONDS_PER_TARGET]      (default 20)
#
# Needs cargo-fuzz (`cargo install --locked cargo-fuzz`); installs
# nothing. Works on the stable toolchain: without a sanitizer cargo-fuzz
# passes only stable flags (the coverage instrumentation, `--cfg fuzzing`,
# debug assertions, so integer overflow panics too). Builds every target
# once, in CARGO_TARGET_DIR if set (else fuzz/target), then runs each on
# its corpus in corpus/TARGET/. New inputs go to a temporary folder, so
# the corpus in the repository is only read. Exits non-zero if any target
# crashed, with the input in artifacts/TARGET/ (see README.md).
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-20}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [SECONDS_PER_TARGET]" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: cargo install --locked cargo-fuzz" >&2
  exit 2
fi

work="$(mktemp -d)"
# The web target's database lives in TMPDIR: in memory where there is
# /dev/shm (SQLite syncs every commit), removed with the rest at the end.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  export TMPDIR="$(mktemp -d -p /dev/shm mitra-fuzz.XXXXXX)"
else
  export TMPDIR="$work/tmp"
  mkdir -p "$TMPDIR"
fi
cleanup() { rm -rf "$work" "$TMPDIR"; }
trap cleanup EXIT

# Sixteen codegen units instead of cargo-fuzz's one: the build takes
# minutes less, the targets run a little slower, which a bounded run of
# seconds per target hardly feels. `run` must get the same flags, or it
# rebuilds.
fuzz_flags=(--sanitizer none --codegen-units 16)

echo "== building the fuzz targets"
started=$SECONDS
cargo fuzz build "${fuzz_flags[@]}"
echo "   built in $((SECONDS - started)) s"

mapfile -t targets < <(cargo fuzz list)
failed=()
printf '== running %d targets, %d s each\n' "${#targets[@]}" "$seconds"
printf '%-24s %12s %10s  %s\n' target execs exec/s result
for target in "${targets[@]}"; do
  mkdir -p "$work/corpus/$target" "corpus/$target"
  log="$work/$target.log"
  status=0
  # -timeout: an input that takes longer is a hang, reported as a crash.
  cargo fuzz run "${fuzz_flags[@]}" "$target" "$work/corpus/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=60 -print_final_stats=1 >"$log" 2>&1 || status=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  if [ "$status" -eq 0 ]; then
    result=ok
  else
    result="FAILED (exit $status)"
    failed+=("$target")
  fi
  printf '%-24s %12s %10s  %s\n' "$target" "${execs:-?}" "${rate:-?}" "$result"
  if [ "$status" -ne 0 ]; then
    echo "---- last lines of $target's output (cut to 200 columns):"
    tail -n 60 "$log" | cut -c 1-200
    echo "----"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "== crashed: ${failed[*]}; the inputs are in $(pwd)/artifacts/"
  exit 1
fi
echo "== no crash in $((SECONDS - started)) s"
