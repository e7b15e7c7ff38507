using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>The TDimpute network: source, a sigmoid hidden layer, a sigmoid output on the [0, 1]-scaled target.</summary>
internal sealed record TDimputeGenerator : IGenerator
{
    public const string GeneratorName = "tdimpute";

    public string Name => GeneratorName;

    public int HiddenWidth { get; init; } = 4000;

    public nn.Module<Tensor, Tensor> Create(NetworkContext context) => new TDimputeModule(context.SourceFeatureCount, HiddenWidth, context.TargetFeatureCount);

    private sealed class TDimputeModule : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> hidden;
        private readonly nn.Module<Tensor, Tensor> output;

        public TDimputeModule(long input, long width, long targets)
            : base(nameof(TDimputeModule))
        {
            hidden = nn.Linear(input, width);
            output = nn.Linear(width, targets);
            RegisterComponents();
        }

        public override Tensor forward(Tensor source)
        {
            using var scope = NewDisposeScope();
            return output.call(hidden.call(source).sigmoid_()).sigmoid_().MoveToOuterDisposeScope();
        }
    }
}

/// <summary>Root mean squared error, TDimpute's loss.</summary>
internal sealed class RmseDistance : IDistanceLoss
{
    public static RmseDistance Instance { get; } = new();

    public string Name => "rmse";

    public bool RequiresUnitInterval => false;

    public Tensor Compute(Tensor predicted, Tensor actual)
    {
        using var mse = nn.functional.mse_loss(predicted, actual);
        return mse.sqrt();
    }
}
