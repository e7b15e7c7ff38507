using System.Globalization;
using ScottPlot;

namespace OmiTrans.Reporting;

/// <summary>The paper's figures as PNG files (rendered headless; text needs a font such as DejaVu under /usr/share/fonts).</summary>
public static class Figures
{
    private static readonly Color[] Palette =
    [
        Colors.Blue, Colors.Orange, Colors.Green, Colors.Red, Colors.Purple, Colors.Brown, Colors.Magenta, Colors.Gray, Colors.Olive, Colors.Cyan,
        Colors.Navy, Colors.Teal, Colors.Maroon, Colors.Lime, Colors.Gold, Colors.Pink,
    ];

    /// <summary>A histogram of R² values with the mean and the median marked (the paper's Figures 6 and 7).</summary>
    /// <param name="values">The R² values (NaN values are left out).</param>
    /// <param name="title">The title.</param>
    /// <param name="xLabel">The x-axis label.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="minimum">Values below this are drawn in the first bin (featurewise R² can be very negative).</param>
    public static string R2Histogram(IEnumerable<double> values, string title, string xLabel, string path, double minimum = -1)
    {
        var data = values.Where(v => !double.IsNaN(v)).ToArray();
        var plot = new Plot();
        if (data.Length > 0)
        {
            var clipped = data.Select(v => Math.Max(v, minimum)).ToArray();
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(40, clipped.Min(), Math.Max(clipped.Max(), clipped.Min() + 1e-6));
            histogram.AddRange(clipped);
            var bars = plot.Add.Bars(histogram.Bins, histogram.Counts);
            foreach (var bar in bars.Bars)
            {
                bar.Size = histogram.FirstBinSize * 0.95;
                bar.FillColor = Colors.SteelBlue;
                bar.LineWidth = 0;
            }

            double mean = data.Average();
            double median = Median(data);
            var meanLine = plot.Add.VerticalLine(Math.Max(mean, minimum), 2, Colors.Red);
            meanLine.LegendText = "mean " + mean.ToString("F3", CultureInfo.InvariantCulture);
            var medianLine = plot.Add.VerticalLine(Math.Max(median, minimum), 2, Colors.DarkGreen);
            medianLine.LinePattern = LinePattern.Dashed;
            medianLine.LegendText = "median " + median.ToString("F3", CultureInfo.InvariantCulture);
            plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel("count");
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return FigureFiles.Save(plot, path);
    }

    /// <summary>Training curves: losses per epoch and, when present, the validation mean featurewise R².</summary>
    /// <param name="history">The history of a fit.</param>
    /// <param name="title">The title.</param>
    /// <param name="path">The PNG file.</param>
    public static string TrainingCurves(TrainingHistory history, string title, string path)
    {
        ArgumentNullException.ThrowIfNull(history);
        var plot = new Plot();
        double[] epochs = history.Epochs.Select(e => (double)e.Epoch).ToArray();
        void Line(Func<EpochReport, double> value, string label, Color color, IYAxis? axis = null)
        {
            var ys = history.Epochs.Select(value).ToArray();
            if (ys.All(double.IsNaN))
            {
                return;
            }

            var line = plot.Add.ScatterLine(epochs, ys.Select(v => double.IsNaN(v) ? 0 : v).ToArray(), color);
            line.LegendText = label;
            if (axis is not null)
            {
                line.Axes.YAxis = axis;
            }
        }

        Line(e => e.GeneratorDistanceLoss, "generator distance loss", Colors.Blue);
        Line(e => e.ValidationLoss, "validation distance loss", Colors.Orange);
        Line(e => e.DiscriminatorLoss, "discriminator loss", Colors.Gray);
        Line(e => e.GeneratorAdversarialLoss, "generator adversarial loss", Colors.Purple);
        if (history.Epochs.Any(e => e.ValidationMetrics is not null))
        {
            Line(e => e.ValidationMetrics?.MeanFeaturewiseR2 ?? double.NaN, "validation mean featurewise R² (right axis)", Colors.Red, plot.Axes.Right);
            plot.Axes.Right.Label.Text = "validation mean featurewise R²";
        }

        var selected = plot.Add.VerticalLine(history.SelectedEpoch, 1, Colors.Black);
        selected.LinePattern = LinePattern.Dotted;
        selected.LegendText = $"selected epoch {history.SelectedEpoch}";
        // Below the axes, never over the curves (the R² line ends at the upper right).
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss");
        return FigureFiles.Save(plot, path, 900, 600);
    }

    /// <summary>
    /// Real against translated values of the best and the worst predicted features (by featurewise R²); pairs with a
    /// missing value are left out, and above 10,000 samples a seeded random subset is drawn.
    /// </summary>
    /// <param name="evaluation">The evaluation holding the per-feature R².</param>
    /// <param name="predicted">The translated values.</param>
    /// <param name="actual">The actual values (same samples).</param>
    /// <param name="title">The title.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="count">How many best and how many worst features to draw.</param>
    public static string BestWorstScatter(EvaluationResult evaluation, OmicsMatrix predicted, OmicsMatrix actual, string title, string path, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var ranked = evaluation.Features.Where(f => !double.IsNaN(f.R2)).OrderByDescending(f => f.R2).ToList();
        var chosen = ranked.Take(count).Select(f => (f, "best")).Concat(ranked.Skip(Math.Max(count, ranked.Count - count)).Select(f => (f, "worst"))).ToList();
        // At most a seeded random subset of the samples, so the figure stays bounded at any cohort size.
        var shown = Embeddings.SeededSubset(actual.SampleCount, 5 * Embeddings.MaxFigureSamples);
        var plot = new Plot();
        int i = 0;
        double low = double.PositiveInfinity;
        double high = double.NegativeInfinity;
        foreach (var (feature, kind) in chosen)
        {
            int p = predicted.IndexOfFeature(feature.FeatureId);
            int a = actual.IndexOfFeature(feature.FeatureId);
            if (p < 0 || a < 0)
            {
                continue;
            }

            var xs = new List<double>();
            var ys = new List<double>();
            foreach (int s in shown)
            {
                int ps = predicted.IndexOfSample(actual.SampleIds[s]);
                float x = actual[a, s];
                if (ps < 0 || float.IsNaN(x) || float.IsNaN(predicted[p, ps]))
                {
                    continue;
                }

                xs.Add(x);
                ys.Add(predicted[p, ps]);
            }

            if (xs.Count == 0)
            {
                continue;
            }

            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray(), Palette[i++ % Palette.Length]);
            points.MarkerSize = 5;
            points.MarkerShape = kind == "best" ? MarkerShape.FilledCircle : MarkerShape.OpenTriangleUp;
            points.LegendText = $"{kind}: {feature.FeatureId} (R² {feature.R2.ToString("F2", CultureInfo.InvariantCulture)})";
            low = Math.Min(low, Math.Min(xs.Min(), ys.Min()));
            high = Math.Max(high, Math.Max(xs.Max(), ys.Max()));
        }

        if (low < high)
        {
            var diagonal = plot.Add.Line(low, low, high, high);
            diagonal.LineColor = Colors.Black;
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.LegendText = "y = x";
        }

        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.Title(title);
        plot.XLabel("actual");
        plot.YLabel("translated");
        return FigureFiles.Save(plot, path, 900, 700);
    }

    /// <summary>A two-dimensional embedding of real and translated samples, coloured by label (the paper's Figure 8).</summary>
    /// <param name="real">Real points (one per sample).</param>
    /// <param name="translated">Translated points.</param>
    /// <param name="realLabels">Labels of the real points (or null).</param>
    /// <param name="translatedLabels">Labels of the translated points (or null).</param>
    /// <param name="title">The title.</param>
    /// <param name="axisName">The axis name prefix ("PC" or "t-SNE ").</param>
    /// <param name="path">The PNG file.</param>
    public static string Embedding(
        IReadOnlyList<(double X, double Y)> real,
        IReadOnlyList<(double X, double Y)> translated,
        IReadOnlyList<string>? realLabels,
        IReadOnlyList<string>? translatedLabels,
        string title,
        string axisName,
        string path)
    {
        var plot = new Plot();
        var classes = (realLabels ?? []).Concat(translatedLabels ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        void Group(IReadOnlyList<(double X, double Y)> points, IReadOnlyList<string>? labels, string kind, MarkerShape shape)
        {
            var keys = labels ?? points.Select(_ => string.Empty).ToList();
            foreach (var label in keys.Distinct().Order(StringComparer.Ordinal))
            {
                var idx = Enumerable.Range(0, points.Count).Where(i => keys[i] == label).ToArray();
                var color = label.Length == 0 ? (kind == "real" ? Colors.Blue : Colors.Orange) : Palette[classes.IndexOf(label) % Palette.Length];
                var scatter = plot.Add.ScatterPoints(idx.Select(i => points[i].X).ToArray(), idx.Select(i => points[i].Y).ToArray(), color);
                scatter.MarkerShape = shape;
                scatter.MarkerSize = 6;
                scatter.LegendText = label.Length == 0 ? kind : $"{kind} {label}";
            }
        }

        Group(real, realLabels, "real", MarkerShape.FilledCircle);
        Group(translated, translatedLabels, "translated", MarkerShape.OpenTriangleUp);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.Title(title);
        plot.XLabel(axisName + "1");
        plot.YLabel(axisName + "2");
        return FigureFiles.Save(plot, path, 900, 700);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
