using static TorchSharp.torch;

namespace OmiTrans.Losses;

/// <summary>The built-in distance losses: L1 (the paper's default), mean squared error and binary cross-entropy.</summary>
public static class DistanceLosses
{
    /// <summary>Mean absolute error (the paper's default).</summary>
    public static IDistanceLoss L1 { get; } = new L1Distance();

    /// <summary>Mean squared error.</summary>
    public static IDistanceLoss Mse { get; } = new MseDistance();

    /// <summary>Binary cross-entropy on the [0, 1]-scaled target; the generator output passes through a sigmoid.</summary>
    public static IDistanceLoss Bce { get; } = new BceDistance();

    /// <summary>The built-in loss with the given name (l1, mse or bce, case-insensitive), or null.</summary>
    /// <param name="name">The name.</param>
    public static IDistanceLoss? FromName(string name) => name?.ToLowerInvariant() switch
    {
        "l1" or "mae" => L1,
        "mse" or "l2" => Mse,
        "bce" => Bce,
        _ => null,
    };

    private sealed class L1Distance : IDistanceLoss
    {
        public string Name => "l1";

        public bool RequiresUnitInterval => false;

        public Tensor Compute(Tensor predicted, Tensor actual) => nn.functional.l1_loss(predicted, actual);
    }

    private sealed class MseDistance : IDistanceLoss
    {
        public string Name => "mse";

        public bool RequiresUnitInterval => false;

        public Tensor Compute(Tensor predicted, Tensor actual) => nn.functional.mse_loss(predicted, actual);
    }

    private sealed class BceDistance : IDistanceLoss
    {
        public string Name => "bce";

        public bool RequiresUnitInterval => true;

        public Tensor Compute(Tensor predicted, Tensor actual)
        {
            using var clamped = predicted.clamp(HeldScalars.Constant(1e-7), HeldScalars.Constant(1 - 1e-7));
            return nn.functional.binary_cross_entropy(clamped, actual);
        }
    }
}
