using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans bench: measured figures for this machine (GEMM, training, translation, baselines, parsing, memory).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var samples = CliOptions.Int("--samples", "Samples of the generated data.", 2000).Between(1);
        var sourceFeatures = CliOptions.Int("--source-features", "Source features of the generated data.", 20_000).Between(1);
        var targetFeatures = CliOptions.Int("--target-features", "Target features of the generated data.", 5000).Between(1);
        var generator = CliOptions.Text("--generator", "Generator to time: fc (the library default widths), fc-paper (4096-1024-512-256-512-1024-4096) or fc-chromosome (the original code's default, timed with its per-chromosome discriminator).", "fc", "fc", "fc-paper", "fc-chromosome");
        var batch = CliOptions.Int("--batch-size", "Training batch size.", 128).Between(1);
        var epochs = CliOptions.Int("--epochs", "Measured training epochs (after one warm-up epoch); the median is reported.", 3).Between(1);
        var baselines = CliOptions.Text("--baselines", "Comma-separated baselines to time (linear, ridge, lasso, tdimpute), or none.", "linear,ridge,lasso,tdimpute");
        var tdimputeEpochs = CliOptions.Int("--tdimpute-epochs", "TDimpute epochs in the timing (its default is 100).", 5).Between(1);
        var bf16 = CliOptions.Flag("--bf16", "Train with bfloat16 matrix products (TrainingOptions.MixedPrecision).");
        var threads = CliOptions.Int("--threads", "CPU threads (0 = one per core).", 0).ThreadCount();
        var device = CliOptions.Text("--device", "Device: auto, cpu, cuda or cuda:N.", "cpu");
        var json = new Option<string?>("--json") { Description = "Also write the figures as JSON to this file, or - for standard output (the table then goes to standard error)." };
        var parseOnly = CliOptions.Flag("--parse-only", "Only generate the data and measure TSV/gzip parsing (for example at --source-features 40000).");
        var work = new Option<DirectoryInfo>("--work") { Description = "Folder in which a fresh subfolder for the generated files is created and deleted afterwards (nothing else in it is touched).", DefaultValueFactory = _ => new DirectoryInfo(Path.GetTempPath()) };
        var command = new Command("bench", "Measure this machine: float32 GEMM throughput, FC OmiTrans training speed and its fraction of GEMM, translation throughput, baseline fit times, TSV/gzip parse throughput and peak memory. Prints a table; --json writes the figures.")
        {
            samples, sourceFeatures, targetFeatures, generator, batch, epochs, baselines, tdimputeEpochs, bf16, threads, device, json, parseOnly, work,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var jsonPath = result.GetValue(json) is { } j ? CommandFiles.OutputFile(j, "--json") : null;
            var parent = result.GetValue(work)!.FullName;
            if (File.Exists(parent))
            {
                throw new BadInputException($"--work {parent}: is a file, but a folder is expected.");
            }

            Runtime.ApplyThreads(result.GetValue(threads));
            TorchRuntime.EnsureLoaded();
            var figures = new BenchFigures();
            var deviceOptions = DeviceOptions.Parse(result.GetValue(device)!);
            figures.Set("threads", torch.get_num_threads());
            figures.Set("nativeMemoryTuning", NativeMemoryTuning.IsApplied);
            double gemmBefore = PerformanceProbe.MeasureGemmGflops(deviceOptions);
            figures.Set("gemmGflopsBeforeTraining", gemmBefore);
            figures.Set("gemmGflops", gemmBefore);
            // Only a folder this run creates is ever deleted: a fresh subfolder, named so that one left by a killed run
            // is recognised (its process no longer runs) and removed by the next bench into the same folder.
            RemoveStaleWorkFolders(parent);
            bool createdParent = !Directory.Exists(parent);
            Directory.CreateDirectory(parent);
            var folder = Path.Combine(parent, $"omitrans-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            try
            {
                var data = Stage(figures, "generate", () => SyntheticOmics.Generate(new SyntheticOmicsOptions
                {
                    Samples = result.GetValue(samples),
                    SourceFeatures = result.GetValue(sourceFeatures),
                    TargetFeatures = result.GetValue(targetFeatures),
                    UnpairedSampleFraction = 0,
                    Seed = 1,
                }));
                var source = Parse(figures, data.Source, folder);
                if (result.GetValue(parseOnly))
                {
                    return Finish(figures, jsonPath);
                }

                var settings = TranslatorPresets.Default with
                {
                    Generator = result.GetValue(generator) switch
                    {
                        "fc-paper" => FullyConnectedGenerator.Paper,
                        "fc-chromosome" => new FcChromosomeGenerator(),
                        _ => new FullyConnectedGenerator(),
                    },
                    Discriminator = result.GetValue(generator) == "fc-chromosome" ? new FcChromosomeDiscriminator() : TranslatorPresets.Default.Discriminator,
                    Fallback = null,
                    Device = deviceOptions,
                    Training = TranslatorPresets.Default.Training with { Epochs = 1 + result.GetValue(epochs), BatchSize = result.GetValue(batch), Seed = 1, EarlyStoppingPatience = null, MixedPrecision = result.GetValue(bf16) },
                };
                var translator = new TranslatorBuilder().WithSettings(settings).Build();
                var aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = data.SourceLocations });
                var prepared = new TranslatorBuilder().WithSettings(settings with { Aligner = aligner }).Build().PrepareData(source, data.Target);
                using var model = Stage(figures, "train", () => translator.Fit(prepared, cancellationToken: cancellationToken));
                // The VM's GEMM speed drifts by tens of percent; the yardstick is the higher of the measurements taken
                // right before and right after training, so the fraction is not flattered by a slow moment.
                double gemmAfter = PerformanceProbe.MeasureGemmGflops(deviceOptions);
                figures.Set("gemmGflopsAfterTraining", gemmAfter);
                figures.Set("gemmGflops", Math.Max(gemmBefore, gemmAfter));
                figures.Set("mixedPrecision", result.GetValue(bf16) ? "bf16" : "none");
                int groups = model.SourceFeatureIds.Select(id => data.SourceLocations.TryGetLocation(id, out var l) ? l.ChromosomeRank : null).Distinct().Count();
                Training(figures, model, settings, prepared.Split.Train.Count, prepared.Split.Validation.Count, groups);
                Translation(figures, model, prepared);
                var fitSeconds = new Dictionary<string, double>();
                foreach (var name in result.GetValue(baselines)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(n => n != "none"))
                {
                    var method = TranslationMethods.Create(name, settings, new TDimputeOptions { Epochs = result.GetValue(tdimputeEpochs), EarlyStoppingPatience = null });
                    var watch = Stopwatch.StartNew();
                    using (var fitted = Stage(figures, name, () => method.Fit(prepared, cancellationToken: cancellationToken)))
                    {
                        fitSeconds[name] = watch.Elapsed.TotalSeconds;
                        if (name == "lasso")
                        {
                            figures.Set("lassoPenaltiesTried", fitted.FitDetails.Keys.Count(k => k.StartsWith("validationR2f@", StringComparison.Ordinal)));
                        }
                    }
                }

                figures.Set("baselineFitSeconds", fitSeconds);
                figures.Set("tdimputeEpochs", result.GetValue(tdimputeEpochs));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
                if (createdParent && !Directory.EnumerateFileSystemEntries(parent).Any())
                {
                    // The tool created this folder too (it did not exist), and nothing else was put into it meanwhile.
                    Directory.Delete(parent);
                }
            }

            return Finish(figures, jsonPath);
        });
        return command;
    }

    private static Task<int> Finish(BenchFigures figures, string? json)
    {
        figures.Set("peakRssBytes", PeakRss());
        figures.Write(Terminal.Out);
        if (json is not null)
        {
            AtomicFile.WriteAllText(json, figures.ToJson() + "\n");
            Terminal.Out.WriteLine($"Figures written to {(json == "/dev/stdout" ? "standard output" : json)}");
        }

        return Task.FromResult(0);
    }

    /// <summary>Removes work folders of earlier bench runs whose process no longer runs (killed before they could clean up).</summary>
    private static void RemoveStaleWorkFolders(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent, "omitrans-bench-*"))
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length == 4 && parts[3].Length == 32 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}") && OperatingSystem.IsLinux())
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                    Terminal.Note($"Removed {folder}, left by an interrupted omitrans bench.");
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static T Stage<T>(BenchFigures figures, string name, Func<T> work)
    {
        Terminal.Note($"bench: {name}...");
        var value = work();
        figures.Set($"peakRssBytesAfter_{name}", PeakRss());
        return value;
    }

    private static OmicsMatrix Parse(BenchFigures figures, OmicsMatrix source, string folder)
    {
        var tsv = Path.Combine(folder, "source.tsv");
        var gz = Path.Combine(folder, "source.tsv.gz");
        OmicsFile.Write(source, tsv);
        OmicsFile.Write(source, gz);
        long cells = (long)source.FeatureCount * source.SampleCount;
        figures.Set("parseFileBytes", new FileInfo(tsv).Length);
        figures.Set("parseGzipFileBytes", new FileInfo(gz).Length);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ResetPeakRss();
        long before = CurrentRss();
        var watch = Stopwatch.StartNew();
        var parsed = OmicsFile.Read(tsv);
        double seconds = watch.Elapsed.TotalSeconds;
        figures.Set("parseMegabytesPerSecond", new FileInfo(tsv).Length / seconds / 1e6);
        figures.Set("parseCellsPerSecond", cells / seconds);
        figures.Set("parseMatrixBytes", cells * sizeof(float));
        figures.Set("peakRssBytesAfter_parse", PeakRss());
        figures.Set("parsePeakRssGrowthBytes", PeakRss() - before);
        figures.Set("parsePeakGrowthOverMatrix", (double)(PeakRss() - before) / (cells * sizeof(float)));
        watch.Restart();
        _ = OmicsFile.Read(gz);
        seconds = watch.Elapsed.TotalSeconds;
        figures.Set("parseGzipMegabytesPerSecond", new FileInfo(tsv).Length / seconds / 1e6);
        figures.Set("parseGzipCellsPerSecond", cells / seconds);
        return parsed;
    }

    private static void Training(BenchFigures figures, TranslationModel model, TranslatorSettings settings, int trainSamples, int validationSamples, int chromosomeGroups)
    {
        var measured = model.History!.Epochs.Skip(1).Select(e => e.Seconds).ToList();
        double perEpoch = Median(measured);
        figures.Set("trainWarmupEpochSeconds", model.History.Epochs[0].Seconds);
        figures.Set("trainEpochSeconds", measured.ToArray());
        figures.Set("trainSamples", trainSamples);
        figures.Set("trainSecondsPerEpoch", perEpoch);
        figures.Set("trainSamplesPerSecond", trainSamples / perEpoch);
        int fs = model.SourceFeatureIds.Count;
        int ft = model.TargetFeatureIds.Count;
        if (Macs(settings.Generator, fs, ft, chromosomeGroups) is not { } g || Macs(settings.Discriminator, fs, ft, chromosomeGroups) is not { } d)
        {
            return;
        }

        // Multiply-adds per sample and step, 2 FLOP each. Generator: forward, weight gradients, input gradients except
        // into the data (3G - G_data). Discriminator step on the real and the detached fake batch: forward, weight
        // gradients, input gradients except into the data (2 x (3D - D_data)); in the paired call (a discriminator
        // without batch statistics) the layers that see only the source run once for both batches, forward and weight
        // gradients (- 2 D_source). Generator step: the discriminator's forward on the fake and its input gradients
        // down to the fake; its weights are frozen then, so no weight gradients, and the source-only layers need no
        // gradients (2D - D_source). The epoch's validation adds one generator forward pass per validation sample (it
        // is in the measured epoch time too).
        double sourceOnce = d.Paired ? 2 * d.SourceOnly : 0;
        double flopsPerSample = 2 * ((3 * g.Forward) - g.DataInput + (8 * d.Forward) - (2 * d.DataInput) - d.SourceOnly - sourceOnce);
        double epochFlops = (flopsPerSample * trainSamples) + (2 * g.Forward * validationSamples);
        figures.Set("trainEpochGflop", epochFlops / 1e9);
        figures.Set("trainAchievedGflops", epochFlops / perEpoch / 1e9);
        figures.Set("trainFractionOfGemm", epochFlops / perEpoch / 1e9 / figures.Get("gemmGflops"));
    }

    /// <summary>
    /// A network's multiply-adds per sample in its forward pass, those of layers whose input is data (source or
    /// target: no input gradient needed), those of layers (or, in a concatenated first layer, weight columns) that see
    /// only the source, and whether the trainer scores real and fake in one paired call (discriminators without batch
    /// statistics).
    /// </summary>
    private sealed record NetworkMacs(double Forward, double DataInput, double SourceOnly, bool Paired = false);

    private static NetworkMacs? Macs(object? network, int fs, int ft, int groups) => network switch
    {
        FullyConnectedGenerator fc => new(LinearMacs([fs, .. fc.HiddenWidths, ft]), (double)fs * FirstWidth(fc.HiddenWidths, ft), 0),
        FcChromosomeGenerator c => new(
            ((double)fs * c.GroupWidth) + LinearMacs([groups * c.GroupWidth, .. c.HiddenWidths, ft]), (double)fs * c.GroupWidth, 0),
        FullyConnectedDiscriminator d => new(
            LinearMacs([fs + ft, .. d.HiddenWidths, d.OutputLogits]),
            (double)(fs + ft) * FirstWidth(d.HiddenWidths, d.OutputLogits),
            (double)fs * FirstWidth(d.HiddenWidths, d.OutputLogits),
            d.Normalization != FeatureNormalization.BatchNorm),
        FcChromosomeDiscriminator d => ChromosomeDiscriminatorMacs(d, fs, ft, groups),
        _ => null,
    };

    /// <summary>The output width of a stack's first layer: its first hidden width, or its output without hidden layers.</summary>
    private static int FirstWidth(IReadOnlyList<int> hidden, int output) => hidden.Count > 0 ? hidden[0] : output;

    private static NetworkMacs ChromosomeDiscriminatorMacs(FcChromosomeDiscriminator d, int fs, int ft, int groups)
    {
        double sourceFirst = (double)fs * d.GroupWidth;
        double source = sourceFirst + ((double)groups * d.GroupWidth * d.SourceWidth);
        double target = LinearMacs([ft, .. d.TargetWidths]);
        double joint = LinearMacs([d.TargetWidths[^1] + d.SourceWidth, .. d.JointWidths, d.OutputLogits]);
        return new(source + target + joint, sourceFirst + ((double)ft * d.TargetWidths[0]), source, d.Normalization != FeatureNormalization.BatchNorm);
    }

    private static double LinearMacs(IReadOnlyList<int> widths)
    {
        double macs = 0;
        for (int i = 0; i + 1 < widths.Count; i++)
        {
            macs += (double)widths[i] * widths[i + 1];
        }

        return macs;
    }

    private static void Translation(BenchFigures figures, TranslationModel model, TranslationData data)
    {
        var source = data.Source;
        _ = model.Translate(source.SelectSamples(Enumerable.Range(0, Math.Min(64, source.SampleCount)).ToList()));
        var times = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            _ = model.Translate(source);
            times.Add(watch.Elapsed.TotalSeconds);
        }

        figures.Set("translateSamplesPerSecond", source.SampleCount / Median(times));
    }

    /// <summary>Resets the kernel's peak-RSS mark of this process (Linux: 5 > /proc/self/clear_refs), so a stage's own peak can be measured.</summary>
    private static void ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static long CurrentRss() => StatusValue("VmRSS:") ?? Environment.WorkingSet;

    private static long PeakRss() => StatusValue("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64;

    private static long? StatusValue(string key)
    {
        foreach (var line in File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status") : [])
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The bench figures in insertion order, printed as a table and written as JSON.</summary>
    private sealed class BenchFigures
    {
        private readonly Dictionary<string, object> _values = [];

        public void Set(string key, object value) => _values[key] = value;

        public double Get(string key) => Convert.ToDouble(_values[key], CultureInfo.InvariantCulture);

        public string ToJson() => JsonSerializer.Serialize(_values, new JsonSerializerOptions { WriteIndented = true });

        public void Write(IAnsiConsole console)
        {
            var table = new Table().AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
            foreach (var (key, value) in _values)
            {
                if (value is Dictionary<string, double> nested)
                {
                    foreach (var (name, seconds) in nested)
                    {
                        table.AddRow($"{key}.{name}", Format(seconds));
                    }
                }
                else
                {
                    table.AddRow(key, Format(value));
                }
            }

            console.Write(table);
        }

        private static string Format(object value) => value switch
        {
            double d => d.ToString(Math.Abs(d) >= 1000 ? "N0" : "G4", CultureInfo.InvariantCulture),
            long l => l.ToString("N0", CultureInfo.InvariantCulture),
            double[] values => string.Join(" ", values.Select(v => Format(v))),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
    }
}
