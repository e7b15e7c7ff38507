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

        // TorchSharp frees a Scalar in its finalizer. One created implicitly for a single call (F.leaky_relu(x, 0.2),
        // a + b, which passes alpha = 1) can be freed while libtorch still reads it; hold constants for the module's life.
        private readonly Scalar slope = 0.2.ToScalar();
        private readonly Scalar one = 1.0.ToScalar();

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
            var h = dropout.call(hidden.call(source).leaky_relu(slope));
            return output.call(h).add_(shortcut.call(source), one).MoveToOuterDisposeScope();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                slope.Dispose();
                one.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
