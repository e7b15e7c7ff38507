using OmiTrans.Networks;

namespace OmiTrans;

/// <summary>
/// The methods of the paper's comparison by name, built with shared settings so that every method sees the same
/// preprocessing and device: omitrans (the FC generator), omitrans-cis (needs both location tables), omitrans-unet,
/// omitrans-chromosome, omitrans-ved, cgan
/// (OmiTrans with λ = 0), and the baselines mean, linear, ridge, lasso and tdimpute.
/// </summary>
public static class TranslationMethods
{
    /// <summary>Every method name, in the order of the comparison table.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["omitrans", "omitrans-cis", "omitrans-unet", "omitrans-chromosome", "omitrans-ved", "cgan", "tdimpute", "lasso", "ridge", "linear", "mean"];

    /// <summary>Creates a method by name.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="omitrans">The OmiTrans settings (generator, training, device, preprocessing); the variants change only the generator or λ.</param>
    /// <param name="tdimpute">TDimpute's settings; null for its defaults with the shared preprocessing, device and seed.</param>
    /// <exception cref="ArgumentException">The name is unknown.</exception>
    public static ITranslationMethod Create(string name, TranslatorSettings omitrans, TDimputeOptions? tdimpute = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(omitrans);
        var preprocessing = omitrans.Preprocessing;
        var device = omitrans.Device;
        var baseline = new BaselineOptions { Preprocessing = preprocessing, Device = device };
        return name switch
        {
            "omitrans" => Build(omitrans with { Name = name }),
            "omitrans-unet" => Build(omitrans with { Name = name, Generator = omitrans.Generator as UNetGenerator ?? new UNetGenerator() }),
            "omitrans-chromosome" => Build(omitrans with { Name = name, Generator = omitrans.Generator as FcChromosomeGenerator ?? new FcChromosomeGenerator() }),
            "omitrans-ved" => Build(omitrans with { Name = name, Generator = omitrans.Generator as VariationalGenerator ?? new VariationalGenerator() }),
            "omitrans-cis" => Build(omitrans with { Name = name, Generator = omitrans.Generator as CisGenerator ?? new CisGenerator() }),
            "cgan" => Build(omitrans with { Name = name, Training = omitrans.Training with { DistanceLossWeight = 0 } }),
            "mean" => new MeanBaseline(baseline),
            "linear" => new LinearRegressionBaseline(baseline),
            "ridge" => new RidgeBaseline(new RidgeOptions { Preprocessing = preprocessing, Device = device }),
            "lasso" => new LassoBaseline(new LassoOptions { Preprocessing = preprocessing, Device = device }),
            "tdimpute" => new TDimputeBaseline((tdimpute ?? new TDimputeOptions()) with { Preprocessing = preprocessing, Device = device, Seed = omitrans.Training.Seed }),
            _ => throw new ArgumentException($"Unknown method '{name}'; known methods: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    private static Translator Build(TranslatorSettings settings) => new TranslatorBuilder().WithSettings(settings).Build();
}
