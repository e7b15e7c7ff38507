using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;

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

// SIGINT (Ctrl+C) and SIGTERM cancel the command through its CancellationToken: training stops between mini-batches,
// a chunked translation between chunks, and every temporary file is removed; the tool prints "omitrans: cancelled."
// and exits 130, leaving the last checkpoint resumable. A step that cannot be interrupted (reading a large file) is
// given a grace period, after which the temporary files are removed and the process exits; a second signal exits at once.
// (System.CommandLine's own ProcessTerminationTimeout registers its handlers only after a synchronous action has
// finished, so the tool registers them itself.)
using var cancellation = new CancellationTokenSource();
int signals = 0;
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    if (Interlocked.Increment(ref signals) > 1)
    {
        ForceExit();
        return;
    }

    cancellation.Cancel();
    _ = Task.Delay(GracePeriod()).ContinueWith(_ => ForceExit(), TaskScheduler.Default);
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

var configuration = new InvocationConfiguration
{
    EnableDefaultExceptionHandler = false,
    ProcessTerminationTimeout = null,
};
try
{
    var parsed = root.Parse(args);
    if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
    {
        // Argument errors: one line each with the exit code of bad input, not the whole help.
        return ErrorReporter.ReportArguments(parsed);
    }

    int code = await parsed.InvokeAsync(configuration, cancellation.Token);
    if (cancellation.IsCancellationRequested && code != 0)
    {
        // A command that noticed the cancellation without throwing.
        ErrorReporter.ReportCancelled();
        return ErrorReporter.Cancelled;
    }

    return code;
}
catch (Exception ex)
{
    return ErrorReporter.Report(ex);
}
finally
{
    // Whatever happened, no temporary file of this run is left behind.
    TemporaryFiles.DeleteAll();
}

static TimeSpan GracePeriod()
    => double.TryParse(Environment.GetEnvironmentVariable("OMITRANS_CANCEL_GRACE_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0
        ? TimeSpan.FromSeconds(seconds)
        : TimeSpan.FromSeconds(10);

static void ForceExit()
{
    TemporaryFiles.DeleteAll();
    ErrorReporter.ReportCancelled();
    Environment.Exit(ErrorReporter.Cancelled);
}
