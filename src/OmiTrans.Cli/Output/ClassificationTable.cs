using System.Globalization;

namespace OmiTrans.Cli.Output;

/// <summary>Prints Table 3: the downstream classification of real and translated test samples.</summary>
internal static class ClassificationTable
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ClassificationMetrics> rows)
    {
        var table = new Table().Title("Table 3: classification of the test samples").AddColumn("data");
        foreach (var column in new[] { "samples", "accuracy", "macro precision", "macro recall", "macro F1", "macro AUC" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var r in rows)
        {
            table.AddRow(
                Markup.Escape(r.Dataset), r.Samples.ToString(CultureInfo.InvariantCulture), F(r.Accuracy), F(r.MacroPrecision), F(r.MacroRecall), F(r.MacroF1), F(r.MacroAuc));
        }

        console.Write(table);
    }

    private static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("F4", CultureInfo.InvariantCulture);
}
