using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// The library's default generator: picks the architecture from what is known about the features. When every source
/// and target feature can be placed on the genome (both location tables given), it uses <see cref="WithLocations"/>
/// (the cis generator), otherwise <see cref="WithoutLocations"/> (the FC generator). The choice is made once per fit and
/// the model file records the chosen generator, so a loaded model never depends on this record. docs/study.md has the
/// measurements behind the choice.
/// </summary>
public sealed record AutoGenerator : IGenerator, IValidatableNetwork
{
    /// <summary>The name of this choice in settings and reports: "auto" (model files hold the chosen generator's name).</summary>
    public const string GeneratorName = "auto";

    /// <inheritdoc />
    public string Name => GeneratorName;

    /// <summary>The generator used when both omics have locations.</summary>
    /// <value>The default value is a <see cref="CisGenerator"/> with its defaults.</value>
    public IGenerator WithLocations { get; init; } = new CisGenerator();

    /// <summary>The generator used otherwise.</summary>
    /// <value>The default value is a <see cref="FullyConnectedGenerator"/> with its defaults.</value>
    public IGenerator WithoutLocations { get; init; } = new FullyConnectedGenerator();

    /// <summary>The generator this choice resolves to.</summary>
    /// <param name="sourceLocated">Whether the source features have a location table.</param>
    /// <param name="targetLocated">Whether the target features have a location table.</param>
    public IGenerator Choose(bool sourceLocated, bool targetLocated) => sourceLocated && targetLocated ? WithLocations : WithoutLocations;

    /// <summary>The generator this choice resolves to for a network context (see <see cref="Choose(bool, bool)"/>).</summary>
    /// <param name="context">The context of the fit.</param>
    public IGenerator Choose(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Choose(context.SourceLocations is not null, context.TargetLocations is not null);
    }

    /// <inheritdoc />
    public nn.Module<Tensor, Tensor> Create(NetworkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.IsRestoring)
        {
            throw new InvalidOperationException("An 'auto' generator is resolved when fitting; a model file records the generator it chose, so it cannot be restored as 'auto'.");
        }

        return Choose(context).Create(context);
    }

    /// <inheritdoc />
    public IEnumerable<string> Validate()
    {
        foreach (var (name, generator) in new[] { (nameof(WithLocations), WithLocations), (nameof(WithoutLocations), WithoutLocations) })
        {
            if (generator is null)
            {
                yield return $"AutoGenerator.{name} must be set.";
            }
            else if (generator is AutoGenerator)
            {
                yield return $"AutoGenerator.{name} must be a concrete generator, not another AutoGenerator.";
            }
            else if (generator is IValidatableNetwork validatable)
            {
                foreach (var error in validatable.Validate())
                {
                    yield return error;
                }
            }
        }
    }
}
