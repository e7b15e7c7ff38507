using System.CommandLine;

// Process-wide tuning is the application's choice, not the library's (docs/performance.md): before the first tensor,
// keep libtorch's freed memory for reuse instead of page-faulting it anew every step, and flush denormal floats.
NativeMemoryTuning.Apply();
DenormalFlush.Apply();

var root = new RootCommand("omitrans: translate one omics profile into another with conditional GANs (OmiTrans), compare with baselines, and evaluate.")
{
    SynthCommand.Create(),
    TrainCommand.Create(),
    TranslateCommand.Create(),
    EvaluateCommand.Create(),
    CompareCommand.Create(),
    InspectCommand.Create(),
    BenchCommand.Create(),
    DemoCommand.Create(),
    DoctorCommand.Create(),
    ShardCommand.Create(),
    MergeCommand.Create(),
};

var configuration = new InvocationConfiguration
{
    EnableDefaultExceptionHandler = false,
    ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
};
try
{
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
    {
        // Argument errors: one line each with the exit code of bad input, not the whole help.
        return ErrorReporter.ReportArguments(parsed);
    }

    return await parsed.InvokeAsync(configuration);
}
catch (Exception ex)
{
    return ErrorReporter.Report(ex);
}
