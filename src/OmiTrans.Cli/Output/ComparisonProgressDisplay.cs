using System.Globalization;

namespace OmiTrans.Cli.Output;

/// <summary>Shows a comparison's progress on standard error: one bar per method on a terminal; otherwise a line per method start and end and epoch lines as <see cref="ProgressLines"/> paces them.</summary>
internal static class ComparisonProgressDisplay
{
    public static T Run<T>(IReadOnlyList<ITranslationMethod> methods, Func<IProgress<ComparisonProgress>, T> work)
    {
        var console = Terminal.Error;
        if (console.Profile.Capabilities.Interactive && !Console.IsErrorRedirected)
        {
            T result = default!;
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var tasks = methods.Select(m => context.AddTask(Markup.Escape(m.Name), autoStart: false, maxValue: 1)).ToArray();
                    result = work(new SynchronousProgress<ComparisonProgress>(p =>
                    {
                        var task = tasks[p.Index];
                        if (!task.IsStarted)
                        {
                            task.StartTask();
                        }

                        if (p.Epoch is { } e)
                        {
                            task.MaxValue = e.TotalEpochs;
                            task.Value = e.Epoch;
                        }

                        if (p.FitSeconds is { } seconds)
                        {
                            task.Value = task.MaxValue;
                            task.Description = Markup.Escape($"{p.Method} ({seconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
                            task.StopTask();
                        }
                    }));
                });
            return result;
        }

        ProgressLines? lines = null;
        return work(new SynchronousProgress<ComparisonProgress>(p =>
        {
            if (p.Epoch is { } epoch)
            {
                lines ??= new ProgressLines(epoch.TotalEpochs);
                if (lines.Due(epoch.Epoch))
                {
                    Terminal.Note($"{p.Method} ({p.Index + 1}/{p.Count}) epoch {epoch.Epoch}/{epoch.TotalEpochs} {EpochProgress.Describe(epoch)} ({epoch.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
                }
            }
            else if (p.FitSeconds is { } seconds)
            {
                Terminal.Note($"{p.Method}: fitted in {seconds.ToString("F1", CultureInfo.InvariantCulture)} s ({p.Index + 1}/{p.Count}).");
            }
            else
            {
                lines = null;
                Terminal.Note($"{p.Method}: fitting ({p.Index + 1}/{p.Count})...");
            }
        }));
    }
}
