using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// Adam (or AdamW with decoupled weight decay) with the same state, state-dict format and update as TorchSharp's
/// <see cref="Adam"/>, written to touch each parameter's memory as few times as possible and to allocate nothing per
/// step. TorchSharp's own step allocates two parameter-sized temporaries per tensor (the square root and its division
/// by the bias correction); on a 26 M-parameter generator that made the optimizer step about 8× slower than this one
/// and, through the fresh pages the allocator hands out, the largest cost of a CPU training step after the matrix
/// products (docs/performance.md).
/// </summary>
/// <remarks>
/// The update is algebraically Adam's: with bias corrections c1 = 1 − β1ᵗ and c2 = 1 − β2ᵗ,
/// p ← p − (lr·√c2 / c1) · m / (√v + ε·√c2), which equals p − (lr / c1) · m / (√v / √c2 + ε).
/// On the CPU, float32 parameters are updated by <see cref="AdamKernel"/> in one pass over their memory, together with
/// their bfloat16 copies when mixed-precision training keeps them (<see cref="UseCopies"/>). Other tensors
/// (GPU, other types) take libtorch's element-wise operations, the square root written into one scratch buffer (one
/// chunk long on the CPU) shared by all parameters.
/// </remarks>
internal sealed class InPlaceAdam : Adam
{
    /// <summary>
    /// Elements per chunk on the CPU when the one-pass kernel does not apply: the update runs chunk by chunk so that its seven element-wise passes find the
    /// chunk's four tensors (16 MB) in cache instead of streaming whole parameters from memory each time; measured on
    /// 26 M parameters: 52.6 ms per step unchunked, 28.8 ms in 1 M-element chunks (docs/performance.md).
    /// </summary>
    private const long CpuChunk = 1 << 20;

    private readonly double _decoupledWeightDecay;
    private Tensor? _scratch;
    private Dictionary<Parameter, Tensor>? _copies;

    public InPlaceAdam(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double decoupledWeightDecay = 0)
        : base(parameters, learningRate, beta1, beta2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decoupledWeightDecay);
        _decoupledWeightDecay = decoupledWeightDecay;
    }

    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (closure is not null)
        {
            throw new NotSupportedException("InPlaceAdam does not take a loss closure.");
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var group in _parameter_groups)
        {
            var options = (Options)group.Options;
            double beta1 = options.beta1!.Value;
            double beta2 = options.beta2!.Value;
            double eps = options.eps!.Value;
            double lr = options.LearningRate!.Value;
            foreach (var parameter in group.Parameters)
            {
                var copy = _copies?.GetValueOrDefault(parameter);
                var grad = copy is null ? parameter.grad : copy.grad;
                if (grad is null)
                {
                    continue;
                }

                var state = (State)_state[parameter.Handle];
                state.step += 1;
                double correction1 = 1 - Math.Pow(beta1, state.step);
                double correction2Root = Math.Sqrt(1 - Math.Pow(beta2, state.step));
                double stepSize = -lr * correction2Root / correction1;
                double epsilon = eps * correction2Root;
                using var data = parameter.detach();
                if (AdamKernel.Supports(data, grad, state.exp_avg, state.exp_avg_sq, copy))
                {
                    AdamKernel.Apply(data, grad, state.exp_avg, state.exp_avg_sq, beta1, beta2, stepSize, epsilon, 1 - (lr * _decoupledWeightDecay), copy);
                    continue;
                }

                if (copy is not null)
                {
                    grad = grad.to(parameter.dtype);
                }

                long count = parameter.numel();
                long chunk = parameter.device_type == DeviceType.CPU ? CpuChunk : count;
                using var decay = (1 - (lr * _decoupledWeightDecay)).ToScalar();
                using var averageWeight = tensor(1 - beta1, dtype: state.exp_avg.dtype, device: state.exp_avg.device);
                using var squareDecay = beta2.ToScalar();
                using var squareWeight = (1 - beta2).ToScalar();
                using var heldEpsilon = epsilon.ToScalar();
                using var heldStepSize = stepSize.ToScalar();
                using var flatParameter = data.view(-1);
                using var flatGrad = grad.view(-1);
                using var flatAverage = state.exp_avg.view(-1);
                using var flatSquares = state.exp_avg_sq.view(-1);
                for (long start = 0; start < count; start += chunk)
                {
                    long length = Math.Min(chunk, count - start);
                    using var g = flatGrad.narrow(0, start, length);
                    using var m = flatAverage.narrow(0, start, length);
                    using var v = flatSquares.narrow(0, start, length);
                    using var p = flatParameter.narrow(0, start, length);
                    using var denominator = Scratch(length, parameter);
                    if (_decoupledWeightDecay > 0)
                    {
                        p.mul_(decay);
                    }

                    m.lerp_(g, averageWeight);
                    v.mul_(squareDecay).addcmul_(g, g, squareWeight);
                    denominator.copy_(v).sqrt_().add_(heldEpsilon, HeldScalars.One);
                    p.addcdiv_(m, denominator, heldStepSize);
                }

                copy?.copy_(data);
            }
        }

        return null!;
    }

    /// <summary>
    /// Drops the gradients instead of zeroing them (PyTorch's <c>set_to_none</c>): the next backward pass then stores
    /// its gradients directly rather than adding them to a zeroed buffer, saving two passes over every parameter.
    /// </summary>
    public override void zero_grad()
    {
        foreach (var parameter in _parameter_groups.SelectMany(g => g.Parameters))
        {
            parameter.grad = null;
            if (_copies?.GetValueOrDefault(parameter) is { } copy)
            {
                copy.grad = null;
            }
        }
    }

    /// <summary>
    /// Low-precision copies of parameters that the networks' products use and collect gradients in (mixed-precision
    /// training with kept copies), or null for none: a parameter with a copy is updated from the copy's gradient and
    /// written back into the copy in the same pass.
    /// </summary>
    internal void UseCopies(IEnumerable<(Parameter Parameter, Tensor Copy)>? copies) =>
        _copies = copies?.ToDictionary<(Parameter Parameter, Tensor Copy), Parameter, Tensor>(c => c.Parameter, c => c.Copy, ReferenceEqualityComparer.Instance);

    /// <summary>The gradient the next step will apply to a parameter: its copy's when it has one.</summary>
    internal Tensor? GradientOf(Parameter parameter) => _copies?.GetValueOrDefault(parameter) is { } copy ? copy.grad : parameter.grad;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _scratch?.Dispose();
            _scratch = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>The first <paramref name="length"/> elements of the shared scratch buffer, with the parameter's dtype and device.</summary>
    private Tensor Scratch(long length, Tensor parameter)
    {
        if (_scratch is null || _scratch.numel() < length || _scratch.dtype != parameter.dtype || _scratch.device_type != parameter.device_type || _scratch.device_index != parameter.device_index)
        {
            _scratch?.Dispose();
            long largest = _parameter_groups.SelectMany(g => g.Parameters).Where(p => p.dtype == parameter.dtype).Max(p => p.numel());
            long size = Math.Max(length, parameter.device_type == DeviceType.CPU ? Math.Min(largest, CpuChunk) : largest);
            _scratch = empty(size, parameter.dtype, parameter.device).DetachFromDisposeScope();
        }

        return _scratch.narrow(0, 0, length);
    }
}
