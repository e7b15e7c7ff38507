using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// A trained network blended, target by target, with a fixed linear map: output = w ⊙ network(x) + (1 − w) ⊙ (W x + b),
/// with w the per-target network weight. W, b and w are buffers (saved with the model, never trained): they come from
/// the cross-validated selection of a translator.
/// </summary>
internal sealed class BlendModule : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> network;
    private readonly Tensor linear_weight;
    private readonly Tensor linear_bias;
    private readonly Tensor network_weight;

    public BlendModule(nn.Module<Tensor, Tensor> network, long sourceFeatures, long targetFeatures)
        : base(nameof(BlendModule))
    {
        this.network = network;
        linear_weight = zeros(targetFeatures, sourceFeatures);
        linear_bias = zeros(targetFeatures);
        network_weight = zeros(targetFeatures);
        register_buffer(nameof(linear_weight), linear_weight);
        register_buffer(nameof(linear_bias), linear_bias);
        register_buffer(nameof(network_weight), network_weight);
        RegisterComponents();
    }

    /// <summary>The linear map's weight [targets, sources] (a buffer, written once after fitting).</summary>
    public Tensor LinearWeight => linear_weight;

    /// <summary>The linear map's bias [targets].</summary>
    public Tensor LinearBias => linear_bias;

    /// <summary>The network's weight of each target [targets].</summary>
    public Tensor NetworkWeight => network_weight;

    public override Tensor forward(Tensor source)
    {
        using var scope = NewDisposeScope();
        var linear = nn.functional.linear(source, linear_weight, linear_bias);
        var fromNetwork = network.call(source).sub(linear).mul(network_weight);
        return linear.PlusInPlace(fromNetwork).MoveToOuterDisposeScope();
    }
}
