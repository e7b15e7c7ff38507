using System.Globalization;
using Spectre.Console;

namespace OmiTrans.Cli.Output;

/// <summary>Shows training progress on standard error: a progress bar on a terminal, a line every tenth of the way and at least every 10 s otherwise.</summary>
internal static class EpochProgress
{
    public static T Run<T>(string title, int totalEpochs, Func<IProgress<EpochReport>, T> work)
    {
        var console = Terminal.Error;
        if (console.Profile.Capabilities.Interactive && !Console.IsErrorRedirected)
        {
            T result = default!;
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(Markup.Escape(title), maxValue: totalEpochs);
                    result = work(new SynchronousProgress<EpochReport>(report =>
                    {
                        task.Value = report.Epoch;
                        task.Description = Markup.Escape($"{title} {Describe(report)}");
                    }));
                    task.Value = task.MaxValue;
                });
            return result;
        }

        var lines = new ProgressLines(totalEpochs);
        return work(new SynchronousProgress<EpochReport>(report =>
        {
            if (lines.Due(report.Epoch))
            {
                Terminal.Note($"{title} epoch {report.Epoch}/{report.TotalEpochs} {Describe(report)} ({report.Seconds:F1} s)");
            }
        }));
    }

    internal static string Describe(EpochReport report)
    {
        var r2 = report.ValidationMetrics?.MeanFeaturewiseR2;
        return r2 is { } value && !double.IsNaN(value)
            ? "validation R²f " + value.ToString("F3", CultureInfo.InvariantCulture)
            : "loss " + report.GeneratorDistanceLoss.ToString("F4", CultureInfo.InvariantCulture);
    }
}
