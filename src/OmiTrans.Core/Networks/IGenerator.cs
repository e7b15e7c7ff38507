using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>
/// Creates the generator network: a module that maps a batch of scaled source profiles <c>[batch, sourceFeatures]</c>
/// to translated target profiles <c>[batch, targetFeatures]</c> on the scaled target range (training minimum 0,
/// maximum 1; the output is not squashed).
/// </summary>
/// <remarks>
/// A generator is a factory, not a module: <see cref="Create"/> runs once per fit (and once per model load), when the
/// aligned feature counts are known. The returned module is owned and disposed by the library. Build it on the CPU;
/// the library initialises its Linear and convolution weights according to the training options (seeded) and moves
/// it to the training device. Draw any randomness inside forward (dropout masks, noise) from
/// <see cref="NetworkContext.Random"/> so that a seed reproduces a run. Forward must not dispose its input and must
/// return a fresh tensor.
/// <para>
/// What the trainer and the model file need from a generator are members of this interface, so a custom generator
/// behaves exactly like a built-in one: the activation slope the weight initialisation assumes
/// (<see cref="LeakyReluSlope"/>), an optional data-fitted start (<see cref="InitializeFromData"/>), and its settings,
/// which model files and checkpoints store as JSON of the generator's public properties and restore into the type of
/// the instance given to <see cref="Models.ModelLoadOptions.CustomGenerators"/> (a record with init properties works).
/// </para>
/// </remarks>
public interface IGenerator
{
    /// <summary>A short name identifying the architecture in model files and reports (for example "fc").</summary>
    string Name { get; }

    /// <summary>Creates the network for the given feature counts.</summary>
    /// <param name="context">Feature counts, chromosome groups, device and random generator.</param>
    nn.Module<Tensor, Tensor> Create(NetworkContext context);

    /// <summary>
    /// The LeakyReLU slope of the network's activations, which Kaiming initialisation
    /// (<see cref="Training.WeightInitialization.Kaiming"/>) uses for its gain. Declare it when the network uses another
    /// slope (0 for ReLU).
    /// </summary>
    /// <value>The default value is 0.2, the paper's slope.</value>
    double LeakyReluSlope => 0.2;

    /// <summary>
    /// Sets the parts of a newly created network that are fitted from the data rather than drawn at random (for example
    /// a linear shortcut set to the ridge solution). Called once per fit, after the weight initialisation and before the
    /// first epoch; not called when a checkpoint is resumed or a model loaded (their weights are restored instead).
    /// </summary>
    /// <param name="network">The network <see cref="Create"/> returned, already on the training device.</param>
    /// <param name="initialization">The training data and the library's ridge solution.</param>
    /// <returns>
    /// Whether anything was fitted. When true, the untrained network is itself a candidate for the kept epoch ("epoch
    /// 0"), so training can only add to the fitted start.
    /// </returns>
    bool InitializeFromData(nn.Module<Tensor, Tensor> network, GeneratorInitialization initialization) => false;
}
