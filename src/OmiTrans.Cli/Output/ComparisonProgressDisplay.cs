using System.Globalization;

namespace OmiTrans.Cli.Output;

/// <summary>Shows a comparison's progress on standard error: one bar per method on a terminal, lines otherwise.</summary>
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

        return work(new SynchronousProgress<ComparisonProgress>(p =>
        {
            if (p.FitSeconds is { } seconds)
            {
                Terminal.Note($"{p.Method}: fitted in {seconds.ToString("F1", CultureInfo.InvariantCulture)} s ({p.Index + 1}/{p.Count}).");
            }
            else if (p.Epoch is null)
            {
                Terminal.Note($"{p.Method}: fitting ({p.Index + 1}/{p.Count})...");
            }
        }));
    }
}
