using OmiTrans.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace CustomGeneratorSample;

/// <summary>
/// A user-defined generator: a one-hidden-layer MLP plus a linear shortcut from source to target. The library
/// creates it once per fit and per model load (when the feature counts are known), initialises its Linear weights,
/// moves it to the device, trains it against the chosen discriminator and saves its weights in the model file.
/// </summary>
public sealed record ResidualGenerator(int HiddenWidth = 256, double Dropout = 0.2) : IGenerator
{
    /// <summary>The name stored in model files; pass an instance with this name to <see cref="ModelLoadOptions"/> to load them.</summary>
    public string Name => "residual-mlp";

    public nn.Module<Tensor, Tensor> Create(NetworkContext context)
        => new ResidualModule(context.SourceFeatureCount, context.TargetFeatureCount, HiddenWidth, Dropout);

    private sealed class ResidualModule : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> hidden;
        private readonly nn.Module<Tensor, Tensor> output;
        private readonly nn.Module<Tensor, Tensor> shortcut;
        private readonly nn.Module<Tensor, Tensor> dropout;

        public ResidualModule(int sources, int targets, int width, double dropout)
            : base(nameof(ResidualModule))
        {
            hidden = nn.Linear(sources, width);
            output = nn.Linear(width, targets);
            shortcut = nn.Linear(sources, targets);
            this.dropout = nn.Dropout(dropout);
            RegisterComponents();
        }

        public override Tensor forward(Tensor source)
        {
            using var scope = NewDisposeScope();
            var h = dropout.call(nn.functional.leaky_relu(hidden.call(source), 0.2));
            return (output.call(h) + shortcut.call(source)).MoveToOuterDisposeScope();
        }
    }
}
