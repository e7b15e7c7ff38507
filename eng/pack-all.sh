#!/usr/bin/env bash
# Packs every package of the repository into a local feed folder and prints each package's size (compressed and
# unpacked): the figures of docs/packaging.md. The tool is packed once per platform (linux-x64, win-x64, osx-arm64)
# plus the small pointer package that `dotnet tool install` resolves to the user's platform.
# Usage: eng/pack-all.sh [version] [feed-folder]      e.g. eng/pack-all.sh 0.2.0 ./feed
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
version="${1:-0.1.0-local}"
feed="$(mkdir -p "${2:-$repo/artifacts/feed}" && cd "${2:-$repo/artifacts/feed}" && pwd)"
for project in OmiTrans.Core OmiTrans.Baselines OmiTrans.Comparison OmiTrans.Synthetic OmiTrans.Reporting OmiTrans.Cli; do
  dotnet pack "$repo/src/$project/$project.csproj" -c Release -o "$feed" -p:Version="$version" --nologo -v q
done
printf '%-48s %12s %12s\n' package compressed unpacked
for package in "$feed"/*."$version".nupkg; do
  unpacked="$(unzip -l "$package" | tail -1 | awk '{print $1}')"
  awk -v name="$(basename "$package")" -v packed="$(stat -c %s "$package")" -v unpacked="$unpacked" \
    'BEGIN { printf "%-48s %9.1f MB %9.1f MB\n", name, packed / 1e6, unpacked / 1e6 }'
done
