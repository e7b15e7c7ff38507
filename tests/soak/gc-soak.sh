#!/usr/bin/env bash
# GC soak: many long fits, each in its own process while a background thread forces full garbage collections and runs
# finalizers back to back (tests/OmiTrans.Soak), and counts the runs that crash or fail. Before the native-safety fix
# (docs/native-safety.md) such fits died at random in native code ("Unknown scalar type.", "INTERNAL ASSERT FAILED at
# c10/core/Scalar.h", "Expected false to be true") or diverged to NaN.
#
# Usage: tests/soak/gc-soak.sh [runs] [parallel] [epochs] [pairs] [soak.dll]
#   runs      number of fits (default 200)
#   parallel  fits at once (default 4: more than the cores, as under load)
#   epochs    epochs per fit (default 300)
#   pairs     comma-separated generator+discriminator pairs, used in turn (default: every generator with every discriminator)
#   soak.dll  the soak build to run (default: this repository's Release build of tests/OmiTrans.Soak)
# Example: dotnet build OmiTrans.Core.sln -c Release && tests/soak/gc-soak.sh 200 4 300
# Prints one line per fit and a summary; exits 1 if any fit failed. Work files go to a temporary folder it creates and removes.
set -uo pipefail
runs=${1:-200}
parallel=${2:-4}
epochs=${3:-300}
pairs=${4:-fc+fc,fc+cnn,fc+fc-chromosome,fc+none,unet+fc,unet+cnn,unet+fc-chromosome,fc-chromosome+fc,fc-chromosome+cnn,fc-chromosome+fc-chromosome,ved+fc,ved+cnn,ved+fc-chromosome}
root="$(cd "$(dirname "$0")/../.." && pwd)"
soak=${5:-$root/tests/OmiTrans.Soak/bin/Release/net10.0/OmiTrans.Soak.dll}
tool="$root/src/OmiTrans.Cli/bin/Release/net10.0/omitrans.dll"
for f in "$soak" "$tool"; do
  [ -f "$f" ] || { echo "gc-soak: $f not found; build first: dotnet build OmiTrans.Core.sln -c Release" >&2; exit 2; }
done
work=$(mktemp -d -t omitrans-gc-soak.XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet "$tool" synth --samples 60 --source-features 200 --target-features 50 --out "$work/data" > /dev/null || exit 2
IFS=',' read -ra pair_list <<< "$pairs"

run_one() {
  local i=$1 pair=$2
  local start=$SECONDS
  dotnet "$soak" "$work/data" "$epochs" "${pair%%+*}" "${pair##*+}" "$i" > "$work/run$i.out" 2> "$work/run$i.err"
  local code=$?
  local detail
  if [ $code -eq 0 ]; then detail=$(cat "$work/run$i.out"); else detail=$(grep -m1 -E 'Exception|error|Unknown|ASSERT|Expected|Abort|Segmentation|dumped' "$work/run$i.err" | cut -c1-200); fi
  echo "run $i $pair exit $code $((SECONDS - start))s $detail"
}
export -f run_one
export work soak epochs
started=$SECONDS
for ((i = 1; i <= runs; i++)); do echo "$i ${pair_list[$(( (i - 1) % ${#pair_list[@]} ))]}"; done \
  | xargs -P "$parallel" -L 1 bash -c 'run_one "$0" "$1"' | tee "$work/log"
failed=$(grep -vc ' exit 0 ' "$work/log")
echo "gc-soak: $runs fits of $epochs epochs, $parallel at a time, pairs $pairs: $failed failed, $((SECONDS - started)) s"
grep -v ' exit 0 ' "$work/log" | sed 's/^/  /'
[ "$failed" -eq 0 ]
