using System.Diagnostics;

namespace OmiTrans.Comparison;

/// <summary>
/// Fits several translation methods on exactly the same aligned, split data and evaluates each on the same test
/// samples (the paper's Table 1), optionally with the downstream classification check (Table 3).
/// </summary>
public static class MethodComparison
{
    /// <summary>Runs the comparison.</summary>
    /// <param name="data">Aligned and split data with test samples.</param>
    /// <param name="methods">The methods, in table order.</param>
    /// <param name="options">Labels for the classification check, where to keep models; null for none.</param>
    /// <param name="progress">Receives the method being fitted and its epochs.</param>
    /// <param name="cancellationToken">Stops between mini-batches.</param>
    /// <exception cref="OmicsSchemaException">
    /// The split has no test samples, there are no methods, or the labels cannot be used (fewer than two labelled
    /// training samples of two classes, or no labelled test sample of a class seen in training). Every input is
    /// checked before the first method is fitted.
    /// </exception>
    public static ComparisonResult Run(
        TranslationData data,
        IEnumerable<ITranslationMethod> methods,
        ComparisonOptions? options = null,
        IProgress<ComparisonProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Guard.NotNull(data);
        var list = Guard.NotNull(methods).ToList();
        options ??= new ComparisonOptions();
        var (testSource, testTarget) = data.Get(SplitSet.Test);
        if (testSource.SampleCount == 0)
        {
            throw new OmicsSchemaException("A comparison needs test samples, but the split has none.");
        }

        if (list.Count == 0)
        {
            throw new OmicsSchemaException("A comparison needs at least one method.");
        }

        if (options.Labels is { } given)
        {
            ValidateLabels(data, given);
        }

        var entries = new List<ComparisonEntry>();
        IReadOnlyList<string>? targetFeatures = null;
        for (int i = 0; i < list.Count; i++)
        {
            var method = list[i];
            int index = i;
            progress?.Report(new ComparisonProgress(method.Name, i, list.Count, null, null));
            var epochs = new Relay(report => progress?.Report(new ComparisonProgress(method.Name, index, list.Count, report, null)));
            var clock = Stopwatch.StartNew();
            using var model = method.Fit(data, epochs, cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;
            if (options.ModelDirectory is { } directory)
            {
                model.Save(Path.Combine(directory, method.Name, "model.omitrans"));
            }

            var prediction = model.Translate(testSource, TranslateOptions.OfFittedData);
            entries.Add(new ComparisonEntry(method.Name, model.TestEvaluation!, prediction, seconds, model.History, model.FitDetails) { Selection = model.Selection });
            targetFeatures ??= model.TargetFeatureIds;
            progress?.Report(new ComparisonProgress(method.Name, i, list.Count, null, seconds));
        }

        IReadOnlyList<ClassificationMetrics>? classification = null;
        if (options.Labels is { } labels && targetFeatures is not null)
        {
            var (_, trainTarget) = data.Get(SplitSet.Train);
            var (_, validationTarget) = data.Get(SplitSet.Validation);
            using var classifier = LabelClassifier.Fit(
                trainTarget.SelectFeatures(targetFeatures), labels, validationTarget.SampleCount > 0 ? validationTarget.SelectFeatures(targetFeatures) : null, options.Classifier);
            var rows = new List<ClassificationMetrics> { classifier.Evaluate("real", testTarget.SelectFeatures(targetFeatures), labels) };
            rows.AddRange(entries.Select(e => classifier.Evaluate(e.Method, e.TestPrediction, labels)));
            classification = rows;
        }

        return new ComparisonResult(data, entries, classification);
    }

    /// <summary>The checks of <see cref="LabelClassifier.Fit"/> and of Table 3, made before anything is fitted.</summary>
    private static void ValidateLabels(TranslationData data, IReadOnlyDictionary<string, string> labels)
    {
        var train = data.Split.Train;
        var test = data.Split.Test;
        var trainLabelled = train.Where(labels.ContainsKey).ToArray();
        var classes = trainLabelled.Select(id => labels[id]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        int matching = data.Source.SampleIds.Count(labels.ContainsKey);
        string examples = $"label file ids e.g. {Preview.Of(labels.Keys, 3)}; sample ids e.g. {Preview.Of(data.Source.SampleIds, 3)}";
        if (matching == 0)
        {
            throw new OmicsSchemaException($"The labels ({labels.Count}) match none of the {data.Source.SampleCount} samples ({examples}); check the ids, or leave out the labels.");
        }

        if (trainLabelled.Length < 2 || classes.Length < 2)
        {
            throw new OmicsSchemaException(
                $"The classification check needs labelled training samples of at least two classes, but the labels match {trainLabelled.Length} of the {train.Count} training samples, "
                + $"of {classes.Length} class(es){(classes.Length > 0 ? $" ({Preview.Of(classes, 3)})" : string.Empty)}; {matching} of all {data.Source.SampleCount} samples are labelled.");
        }

        var known = new HashSet<string>(classes, StringComparer.Ordinal);
        int testLabelled = test.Count(id => labels.TryGetValue(id, out var label) && known.Contains(label));
        if (testLabelled == 0)
        {
            throw new OmicsSchemaException(
                $"None of the {test.Count} test samples has a label of a class seen in training ({Preview.Of(classes, 3)}), so Table 3 would be empty; label the test samples or leave out the labels.");
        }
    }

    private sealed class Relay(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
