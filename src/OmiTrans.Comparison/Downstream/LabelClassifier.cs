using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Comparison.Downstream;

/// <summary>
/// A classifier of sample labels trained on real target profiles, used to check that translated profiles keep the
/// label signal: evaluate it on the real test target and on each method's translated test target.
/// </summary>
public sealed class LabelClassifier : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly Generator _random;
    private readonly string[] _features;
    private readonly float[] _mean;
    private readonly float[] _scale;

    private LabelClassifier(nn.Module<Tensor, Tensor> network, Generator random, string[] features, float[] mean, float[] scale, string[] classes)
    {
        _network = network;
        _random = random;
        _features = features;
        _mean = mean;
        _scale = scale;
        Classes = classes;
    }

    /// <summary>The class labels, in the order of the network's outputs.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>The features the classifier reads.</summary>
    public IReadOnlyList<string> Features => _features;

    /// <summary>Trains the classifier on the labelled samples of a real target table.</summary>
    /// <param name="train">Real target profiles of the training samples.</param>
    /// <param name="labels">Labels by sample id; unlabelled samples are skipped.</param>
    /// <param name="validation">Real target profiles of validation samples (to keep the best epoch), or null.</param>
    /// <param name="options">Architecture and training; null for the defaults.</param>
    /// <exception cref="OmicsSchemaException">Fewer than two labelled training samples or fewer than two classes.</exception>
    public static LabelClassifier Fit(OmicsMatrix train, IReadOnlyDictionary<string, string> labels, OmicsMatrix? validation = null, LabelClassifierOptions? options = null)
    {
        Guard.NotNull(train);
        Guard.NotNull(labels);
        options ??= new LabelClassifierOptions();
        TorchRuntime.EnsureLoaded();
        var labelled = train.SampleIds.Where(labels.ContainsKey).ToArray();
        var classes = labelled.Select(id => labels[id]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labelled.Length < 2 || classes.Length < 2)
        {
            throw new OmicsSchemaException($"The classifier needs at least two labelled training samples of two classes; found {labelled.Length} samples of {classes.Length} class(es).");
        }

        var trainSet = train.SelectSamples(labelled);
        var features = trainSet.FeatureIds.ToArray();
        var mean = new float[features.Length];
        var scale = new float[features.Length];
        for (int f = 0; f < features.Length; f++)
        {
            var stats = FeatureStatistics.Of(trainSet.GetFeatureValues(f));
            mean[f] = stats.Observed > 0 ? (float)stats.Mean : 0;
            scale[f] = stats.Variance > 0 ? (float)(1 / Math.Sqrt(stats.Variance)) : 1;
        }

        var random = new Generator((ulong)options.Seed, CPU);
        var network = BuildNetwork(features.Length, classes.Length, options, random);
        var classifier = new LabelClassifier(network, random, features, mean, scale, classes);
        try
        {
            classifier.Train(trainSet, labels, validation, options);
            return classifier;
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    /// <summary>Classifies the labelled samples of a table and scores the result.</summary>
    /// <param name="dataset">The name of the row in the results (for example "real" or a method).</param>
    /// <param name="data">Profiles with (at least) the classifier's features; missing features count as the training mean.</param>
    /// <param name="labels">True labels by sample id; unlabelled samples are skipped.</param>
    public ClassificationMetrics Evaluate(string dataset, OmicsMatrix data, IReadOnlyDictionary<string, string> labels)
    {
        Guard.NotNull(data);
        Guard.NotNull(labels);
        var labelled = data.SampleIds.Where(id => labels.TryGetValue(id, out var l) && Classes.Contains(l)).ToArray();
        if (labelled.Length == 0)
        {
            return new ClassificationMetrics(dataset, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var probabilities = PredictProbabilities(data.SelectSamples(labelled));
        var truth = labelled.Select(id => IndexOf(labels[id])).ToArray();
        return ClassificationScores.Compute(dataset, truth, probabilities, Classes.Count);
    }

    /// <summary>Class probabilities [samples, classes] of the samples of a table, row by row.</summary>
    public float[] PredictProbabilities(OmicsMatrix data)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _network.eval();
        var input = Standardize(data);
        var probabilities = nn.functional.softmax(_network.call(input), 1);
        return TensorConversions.ToArray(probabilities);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _network.Dispose();
        _random.Dispose();
    }

    private void Train(OmicsMatrix train, IReadOnlyDictionary<string, string> labels, OmicsMatrix? validation, LabelClassifierOptions options)
    {
        using var scope = NewDisposeScope();
        var x = Standardize(train);
        var y = tensor(train.SampleIds.Select(id => (long)IndexOf(labels[id])).ToArray(), ScalarType.Int64);
        Tensor? validationX = null;
        Tensor? validationY = null;
        if (validation is not null)
        {
            var ids = validation.SampleIds.Where(id => labels.TryGetValue(id, out var l) && Classes.Contains(l)).ToArray();
            if (ids.Length > 0)
            {
                validationX = Standardize(validation.SelectSamples(ids));
                validationY = tensor(ids.Select(id => (long)IndexOf(labels[id])).ToArray(), ScalarType.Int64);
            }
        }

        using var optimizer = optim.AdamW(_network.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        int n = (int)x.shape[0];
        int batch = Math.Min(options.BatchSize, n);
        double bestLoss = double.PositiveInfinity;
        Dictionary<string, Tensor>? best = null;
        try
        {
            for (int epoch = 0; epoch < options.Epochs; epoch++)
            {
                _network.train();
                var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
                new Random(unchecked((options.Seed * 7919) + epoch)).Shuffle(order);
                for (int start = 0; start < n; start += batch)
                {
                    using var batchScope = NewDisposeScope();
                    var index = tensor(order.AsSpan(start, Math.Min(batch, n - start)).ToArray(), ScalarType.Int64);
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(_network.call(x.index_select(0, index)), y.index_select(0, index));
                    loss.backward();
                    optimizer.step();
                }

                if (validationX is not null)
                {
                    using var validationScope = NewDisposeScope();
                    using var noGrad = no_grad();
                    _network.eval();
                    double loss = nn.functional.cross_entropy(_network.call(validationX), validationY!).item<float>();
                    if (loss < bestLoss)
                    {
                        bestLoss = loss;
                        if (best is not null)
                        {
                            foreach (var t in best.Values)
                            {
                                t.Dispose();
                            }
                        }

                        best = TrainingRun.Snapshot(_network);
                    }
                }
            }

            if (best is not null)
            {
                _network.load_state_dict(best);
            }
        }
        finally
        {
            if (best is not null)
            {
                foreach (var t in best.Values)
                {
                    t.Dispose();
                }
            }
        }

        _network.eval();
    }

    private Tensor Standardize(OmicsMatrix data)
    {
        int n = data.SampleCount;
        var values = new float[(long)n * _features.Length];
        for (int f = 0; f < _features.Length; f++)
        {
            int index = data.IndexOfFeature(_features[f]);
            for (int i = 0; i < n; i++)
            {
                float v = index < 0 ? float.NaN : data[index, i];
                values[((long)i * _features.Length) + f] = float.IsNaN(v) ? 0 : (v - _mean[f]) * _scale[f];
            }
        }

        return TensorConversions.FromRowMajor(values, n, _features.Length, CPU);
    }

    private int IndexOf(string label)
    {
        for (int i = 0; i < Classes.Count; i++)
        {
            if (Classes[i] == label)
            {
                return i;
            }
        }

        return -1;
    }

    private static nn.Module<Tensor, Tensor> BuildNetwork(int inputs, int classes, LabelClassifierOptions options, Generator random)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        long width = inputs;
        int i = 0;
        foreach (var hidden in options.HiddenWidths)
        {
            layers.Add(($"linear{i}", nn.Linear(width, hidden)));
            layers.Add(($"activation{i}", new OmiTrans.Networks.Modules.LeakyRelu(0.2)));
            layers.Add(($"dropout{i}", new OmiTrans.Networks.Modules.SeededDropout(options.DropoutProbability, random)));
            width = hidden;
            i++;
        }

        layers.Add(("output", nn.Linear(width, classes)));
        var network = nn.Sequential(layers);
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
            {
                if (name.EndsWith("weight", StringComparison.Ordinal))
                {
                    parameter.normal_(0, Math.Sqrt(2.0 / parameter.shape[1]), random);
                }
                else
                {
                    parameter.zero_();
                }
            }
        }

        return network;
    }
}
