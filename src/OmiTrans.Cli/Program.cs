using System.CommandLine;
using OmiTrans.Cli;
using OmiTrans.Cli.Commands;

// Before the first tensor: keep libtorch's freed memory for reuse instead of page-faulting it anew every step.
NativeMemoryTuning.Apply();

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
};

var configuration = new InvocationConfiguration
{
    EnableDefaultExceptionHandler = false,
    ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
};
try
{
    return await root.Parse(args).InvokeAsync(configuration);
}
catch (Exception ex)
{
    return ErrorReporter.Report(ex);
}
