
namespace OmiTrans.Comparison;

/// <summary>
/// The methods of the paper's comparison by name, built with shared settings so that every method sees the same
/// preprocessing and device: omitrans (the settings' generator; by default the <see cref="AutoGenerator"/>),
/// omitrans-fc (the FC generator without a ridge shortcut, as in the paper), omitrans-cis (the cis generator without a
/// ridge shortcut; needs both location tables), omitrans-unet, omitrans-chromosome, omitrans-ved, cgan (the FC
/// generator with λ = 0), omitrans-holdout (the defaults with every choice made on the single validation split, the
/// default before cross-validated selection: <see cref="TranslatorPresets.ValidationSplit"/>), omitrans-per-target (the
/// cross-validated selection with a penalty and network weight per target, <see cref="CrossValidationOptions.PerTarget"/>), and the baselines mean,
/// linear, ridge, ridge-cv (penalty per target by K-fold cross-validation, the mean competing), ridge-cv-shared (one
/// penalty by K-fold cross-validation), lasso and tdimpute.
/// </summary>
public static class TranslationMethods
{
    /// <summary>Every method name, in the order of the comparison table.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["omitrans", "omitrans-holdout", "omitrans-per-target", "omitrans-fc", "omitrans-cis", "omitrans-unet", "omitrans-chromosome", "omitrans-ved", "cgan", "tdimpute", "lasso", "ridge-cv", "ridge-cv-shared", "ridge", "linear", "mean"];

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
        // Every method fits the comparison's prepared data, so the settings' own aligner and split do not apply; the
        // variants show their own architecture's result, so they keep the network even when a fallback validates better.
        omitrans = omitrans with { Aligner = null, Split = null };
        var variant = omitrans with { Fallback = null };
        return name switch
        {
            "omitrans" => Build(omitrans with { Name = name }),
            "omitrans-holdout" => Build(omitrans with { Name = name, CrossValidation = null }),
            "omitrans-per-target" => Build(omitrans with { Name = name, CrossValidation = (omitrans.CrossValidation ?? new CrossValidationOptions()) with { PerTarget = true } }),
            "omitrans-fc" => Build(variant with { Name = name, Generator = omitrans.Generator as FullyConnectedGenerator ?? new FullyConnectedGenerator() }),
            "omitrans-cis" => Build(variant with { Name = name, Generator = omitrans.Generator as CisGenerator ?? new CisGenerator() }),
            "omitrans-unet" => Build(variant with { Name = name, Generator = omitrans.Generator as UNetGenerator ?? new UNetGenerator() }),
            "omitrans-chromosome" => Build(variant with { Name = name, Generator = omitrans.Generator as FcChromosomeGenerator ?? new FcChromosomeGenerator() }),
            "omitrans-ved" => Build(variant with { Name = name, Generator = omitrans.Generator as VariationalGenerator ?? new VariationalGenerator() }),

            // The paper's cGAN: the FC networks without the distance loss.
            "cgan" => Build(variant with { Name = name, Generator = omitrans.Generator is AutoGenerator ? new FullyConnectedGenerator() : omitrans.Generator, Training = variant.Training with { DistanceLossWeight = 0 } }),
            "mean" => new MeanBaseline(baseline),
            "linear" => new LinearRegressionBaseline(baseline),
            "ridge" => new RidgeBaseline(new RidgeOptions { Preprocessing = preprocessing, Device = device }),
            "ridge-cv" => new RidgeCvBaseline(new RidgeCvOptions { Preprocessing = preprocessing, Device = device, Seed = omitrans.Training.Seed, Folds = omitrans.CrossValidation?.Folds ?? 5 }),
            "ridge-cv-shared" => new RidgeCvBaseline(new RidgeCvOptions { Preprocessing = preprocessing, Device = device, Seed = omitrans.Training.Seed, Folds = omitrans.CrossValidation?.Folds ?? 5, PerTarget = false }),
            "lasso" => new LassoBaseline(new LassoOptions { Preprocessing = preprocessing, Device = device }),
            "tdimpute" => new TDimputeBaseline((tdimpute ?? new TDimputeOptions()) with { Preprocessing = preprocessing, Device = device, Seed = omitrans.Training.Seed }),
            _ => throw new ArgumentException($"Unknown method '{name}'; known methods: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    /// <summary>
    /// The methods of a full comparison with these settings: <see cref="Names"/> without omitrans-cis when a location
    /// table is missing (it needs both), without omitrans-chromosome when the source location table is missing (its
    /// first layer is per chromosome), and without the variant the default generator already chose (omitrans-fc or
    /// omitrans-cis would repeat omitrans). omitrans-holdout and ridge-cv-shared run only when asked for by name.
    /// </summary>
    /// <param name="omitrans">The OmiTrans settings.</param>
    /// <param name="data">The prepared data the methods will fit: whether both omics have location tables decides.</param>
    public static IReadOnlyList<string> For(TranslatorSettings omitrans, TranslationData data)
    {
        ArgumentNullException.ThrowIfNull(omitrans);
        ArgumentNullException.ThrowIfNull(data);
        bool located = data.Pair.HasSourceLocations && data.Pair.HasTargetLocations;
        return Names.Where(name => name switch
        {
            "omitrans-cis" => located && !(omitrans.Generator is CisGenerator || (omitrans.Generator is AutoGenerator auto && auto.WithLocations is CisGenerator)),
            "omitrans-chromosome" => data.Pair.HasSourceLocations,
            "omitrans-holdout" or "omitrans-per-target" or "ridge-cv-shared" => false,
            "omitrans-fc" => !(omitrans.Generator is FullyConnectedGenerator || (omitrans.Generator is AutoGenerator auto && !located && auto.WithoutLocations is FullyConnectedGenerator)),
            _ => true,
        }).ToList();
    }

    private static Translator Build(TranslatorSettings settings) => new TranslatorBuilder().WithSettings(settings).Build();
}
