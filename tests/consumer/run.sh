#!/usr/bin/env bash
# Consumer test: what a user's first five minutes look like. Packs OmiTrans.Core and the omitrans tool into a local
# folder, creates a brand-new console app outside the solution that references the package from that folder plus
# TorchSharp-cpu, fits a tiny model through the fluent API, translates and evaluates, and checks the output; then
# installs the packed tool into a temporary tool path and checks `omitrans --help` lists every command.
# Usage: tests/consumer/run.sh [work-folder]   (run by the test suite: tests/OmiTrans.Cli.Tests/Packaging)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
feed="$work/feed"
version="0.1.0-consumer.$(date +%s)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "== pack $version into $feed"
# Pack from a copy of the sources so that the repository's own build outputs are never touched.
copy="$work/src-copy"
rm -rf "$copy" && mkdir -p "$copy"
tar -C "$repo" --exclude=bin --exclude=obj -cf - src Directory.Build.props Directory.Build.targets Directory.Packages.props nuget.config .editorconfig | tar -C "$copy" -xf -
for package in OmiTrans.Core OmiTrans.Baselines OmiTrans.Synthetic; do
  dotnet pack "$copy/src/$package/$package.csproj" -c Release -o "$feed" -p:Version="$version" --nologo -v q
done
# The tool is packed for this machine's platform only (the release packs linux-x64, win-x64 and osx-arm64:
# docs/packaging.md): the pointer package OmiTrans.Cli and OmiTrans.Cli.linux-x64, installed below as a user would.
dotnet pack "$copy/src/OmiTrans.Cli/OmiTrans.Cli.csproj" -c Release -o "$feed" -p:Version="$version" \
  -p:RuntimeIdentifiers=linux-x64 -p:ToolPackageRuntimeIdentifiers=linux-x64 --nologo -v q
test -f "$feed/OmiTrans.Cli.linux-x64.$version.nupkg" || { echo "no platform tool package OmiTrans.Cli.linux-x64.$version.nupkg"; exit 1; }
ls "$feed"

echo "== new console app"
app="$work/app"
rm -rf "$app" && mkdir -p "$app"
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
</configuration>
XML
torchsharp_version="$(grep -o 'Include="TorchSharp-cpu" Version="[^"]*"' "$repo/Directory.Packages.props" | sed 's/.*Version="\([^"]*\)"/\1/')"
cat > "$app/ConsumerApp.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <NoWarn>\$(NoWarn);NU1603</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="OmiTrans.Core" Version="$version" />
    <PackageReference Include="OmiTrans.Baselines" Version="$version" />
    <PackageReference Include="OmiTrans.Synthetic" Version="$version" />
    <PackageReference Include="TorchSharp-cpu" Version="$torchsharp_version" />
  </ItemGroup>
</Project>
XML
cat > "$app/Program.cs" <<'CS'
using OmiTrans;
using OmiTrans.Baselines;
using OmiTrans.Models;
using OmiTrans.Synthetic;

var data = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 400, SourceFeatures = 300, TargetFeatures = 80, Seed = 1 });
var translator = new TranslatorBuilder().WithTraining(o => o with { Epochs = 30, Seed = 1 }).Build();
var prepared = translator.PrepareData(data.Source, data.Target);
using var model = translator.Fit(prepared);
using var mean = new MeanBaseline().Fit(prepared);
var translated = model.Translate(data.Source);
var evaluation = model.Evaluate(data.Source, data.Target);
model.Save("consumer.omitrans");
using var loaded = TranslationModel.Load("consumer.omitrans");
bool same = loaded.Translate(data.Source).Values.Span.SequenceEqual(translated.Values.Span);
Console.WriteLine($"CONSUMER translated={translated.FeatureCount}x{translated.SampleCount} testR2f={model.TestMetrics!.MeanFeaturewiseR2:F3} meanR2f={mean.TestMetrics!.MeanFeaturewiseR2:F3} allR2f={evaluation.Metrics.MeanFeaturewiseR2:F3} reloadSame={same}");
return translated.FeatureCount == 80 && translated.SampleCount == data.Source.SampleCount && same && model.TestMetrics.MeanFeaturewiseR2 > mean.TestMetrics.MeanFeaturewiseR2 ? 0 : 1;
CS
(cd "$app" && dotnet run -c Release) | tee "$work/consumer.log"
grep -q "^CONSUMER .*reloadSame=True" "$work/consumer.log"

echo "== dotnet tool install"
tools="$work/tools"
dotnet tool install OmiTrans.Cli --tool-path "$tools" --add-source "$feed" --version "$version" --configfile "$app/nuget.config"
"$tools/omitrans" --version | tee "$work/version.log"
grep -q "${version%%+*}" "$work/version.log"
"$tools/omitrans" --help | tee "$work/help.log"
for command in synth train translate evaluate compare inspect bench demo doctor shard merge; do
  grep -qE "^\s+$command\b" "$work/help.log" || { echo "omitrans --help does not list $command" >&2; exit 1; }
done
echo "== the code of docs/getting-started.md, against the packages, on tables written by the installed tool"
docs_app="$work/docs-app"
rm -rf "$docs_app" && mkdir -p "$docs_app"
cp "$app/nuget.config" "$docs_app/"
sed -e '/OmiTrans.Baselines/d' -e '/OmiTrans.Synthetic/d' -e 's/ConsumerApp/DocsApp/' "$app/ConsumerApp.csproj" > "$docs_app/DocsApp.csproj"
# The first C# block after the heading "Fit, translate, evaluate, save", as a reader would paste it.
awk '/^## Fit, translate, evaluate, save/ { section = 1 } section && /^```csharp/ { copy = 1; next } copy && /^```/ { exit } copy { print }' \
  "$repo/docs/getting-started.md" > "$docs_app/Program.cs"
test -s "$docs_app/Program.cs" || { echo "no C# block under 'Fit, translate, evaluate, save' in docs/getting-started.md"; exit 1; }
"$tools/omitrans" synth --samples 200 --source-features 300 --target-features 80 --seed 2 --out "$docs_app/data" > /dev/null
cp "$docs_app/data/source.tsv" "$docs_app/methylation.tsv"
cp "$docs_app/data/target.tsv" "$docs_app/expression.tsv"
(cd "$docs_app" && dotnet run -c Release) > "$work/docs-app.log"
test -f "$docs_app/model.omitrans" && test -f "$docs_app/evaluation/metrics.json" \
  || { echo "the getting-started code did not write model.omitrans and evaluation/metrics.json"; cat "$work/docs-app.log"; exit 1; }
tail -3 "$work/docs-app.log"

# The installed tool loads libtorch (the GLIBCXX fix travels with the tool package) and runs a tiny job.
"$tools/omitrans" bench --parse-only --samples 50 --source-features 100 --target-features 10 --work "$work/bench" | tee "$work/bench.log"
grep -q "gemmGflops" "$work/bench.log"
echo "CONSUMER TEST PASSED"
