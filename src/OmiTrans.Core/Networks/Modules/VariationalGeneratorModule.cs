using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// A variational encoder-decoder generator: fully connected encoder blocks, linear heads for the latent mean and
/// log-variance, a sampled latent during training (the mean latent at inference, so translation is deterministic),
/// fully connected decoder blocks and a plain linear output. Its KL divergence, weighted, joins the generator loss.
/// </summary>
internal sealed class VariationalGeneratorModule : nn.Module<Tensor, Tensor>, IAuxiliaryLossSource
{
    private readonly ModuleList<FullyConnectedBlock> encoder;
    private readonly nn.Module<Tensor, Tensor> mean;
    private readonly nn.Module<Tensor, Tensor> logVariance;
    private readonly FullyConnectedStack decoder;
    private readonly Generator _random;
    private readonly double _klWeight;
    private Tensor? _lastKl;

    /// <summary>
    /// A constant added to the log-variance head, so training starts with a latent standard deviation of about 0.1
    /// instead of 1 (zero-initialised heads); otherwise the sampling noise drowns the signal for many epochs.
    /// </summary>
    private const double InitialLogVariance = -4.6;

    public VariationalGeneratorModule(VariationalGenerator settings, NetworkContext context)
        : base(nameof(VariationalGeneratorModule))
    {
        encoder = new ModuleList<FullyConnectedBlock>();
        long width = context.SourceFeatureCount;
        foreach (var hidden in settings.EncoderWidths)
        {
            encoder.Add(new FullyConnectedBlock(width, hidden, settings.Normalization, settings.DropoutProbability, settings.LeakyReluSlope, context.Random));
            width = hidden;
        }

        mean = nn.Linear(width, settings.LatentDimension);
        logVariance = nn.Linear(width, settings.LatentDimension);
        decoder = new FullyConnectedStack("VariationalDecoder", settings.LatentDimension, settings.DecoderWidths, context.TargetFeatureCount, settings.Normalization, settings.DropoutProbability, settings.LeakyReluSlope, context.Random);
        _random = context.Random;
        _klWeight = settings.KlWeight;
        RegisterComponents();
    }

    public override Tensor forward(Tensor source)
    {
        using var scope = NewDisposeScope();
        var x = source;
        foreach (var block in encoder)
        {
            x = block.call(x);
        }

        var mu = mean.call(x);
        Tensor latent = mu;
        if (training)
        {
            var logVar = logVariance.call(x).add_(HeldScalars.Constant(InitialLogVariance), HeldScalars.One);
            var noise = randn(mu.shape, dtype: mu.dtype, device: mu.device, generator: _random);
            latent = mu.Plus(noise.mul(logVar.mul(HeldScalars.Constant(0.5)).exp()));
            // KL(N(μ, σ²) ‖ N(0, 1)) per element: −½ (1 + log σ² − μ² − σ²)
            var kl = logVar.add(HeldScalars.One, HeldScalars.One).sub_(mu.Squared()).sub_(logVar.exp()).mean().mul(HeldScalars.Constant(-0.5 * _klWeight));
            _lastKl?.Dispose();
            _lastKl = kl.MoveToOuterDisposeScope();
        }

        return decoder.call(latent).MoveToOuterDisposeScope();
    }

    public Tensor? TakeAuxiliaryLoss()
    {
        var kl = _lastKl;
        _lastKl = null;
        return kl;
    }
}
