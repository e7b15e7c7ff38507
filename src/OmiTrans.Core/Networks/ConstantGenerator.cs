using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks;

/// <summary>A "network" that ignores its input and outputs one learned vector: the per-feature mean baseline.</summary>
internal sealed record ConstantGenerator : IGenerator
{
    public const string GeneratorName = "constant";

    public string Name => GeneratorName;

    public nn.Module<Tensor, Tensor> Create(NetworkContext context) => new ConstantModule(context.TargetFeatureCount);

    internal sealed class ConstantModule : nn.Module<Tensor, Tensor>
    {
        private readonly Parameter value;

        public ConstantModule(long width)
            : base(nameof(ConstantModule))
        {
            value = new Parameter(zeros(width));
            RegisterComponents();
        }

        public Parameter Value => value;

        public override Tensor forward(Tensor input) => value.unsqueeze(0).expand(input.shape[0], -1).clone();
    }
}
