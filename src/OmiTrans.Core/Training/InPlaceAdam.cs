using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// Adam (or AdamW with decoupled weight decay) that owns its parameters and state: the same update as TorchSharp's
/// <c>optim.Adam</c>/<c>optim.AdamW</c> (the equivalence is tested), written to touch each parameter's memory as few
/// times as possible and to allocate nothing per step, and built only on TorchSharp's public tensor API (no base class,
/// no reflection), so a TorchSharp update cannot change how it trains.
/// </summary>
/// <remarks>
/// The update is algebraically Adam's: with bias corrections c1 = 1 − β1ᵗ and c2 = 1 − β2ᵗ,
/// p ← p − (lr·√c2 / c1) · m / (√v + ε·√c2), which equals p − (lr / c1) · m / (√v / √c2 + ε).
/// On the CPU, float32 parameters are updated by <see cref="AdamKernel"/> in one pass over their memory, together with
/// their bfloat16 copies when mixed-precision training keeps them (<see cref="UseCopies"/>). Other tensors (GPU, other
/// types) take libtorch's element-wise operations, the square root written into one scratch buffer (one chunk long on
/// the CPU) shared by all parameters. <see cref="Save"/> and <see cref="Load"/> write and read the state in this class's
/// own format (checkpoints).
/// </remarks>
internal sealed class InPlaceAdam : IDisposable
{
    /// <summary>Elements per chunk on the CPU when the one-pass kernel does not apply (keeps a chunk's four tensors in cache).</summary>
    private const long CpuChunk = 1 << 20;

    private const int StateFormatVersion = 1;
    private const double Epsilon = 1e-8;

    private readonly Parameter[] _parameters;
    private readonly ParameterState[] _state;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _decoupledWeightDecay;
    private Tensor? _scratch;
    private Dictionary<Parameter, Tensor>? _copies;
    private bool _disposed;

    public InPlaceAdam(IEnumerable<Parameter> parameters, double learningRate, double beta1, double beta2, double decoupledWeightDecay = 0)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(decoupledWeightDecay);
        _parameters = parameters.ToArray();
        LearningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _decoupledWeightDecay = decoupledWeightDecay;
        _state = new ParameterState[_parameters.Length];
        using var noGrad = no_grad();
        for (int i = 0; i < _parameters.Length; i++)
        {
            _state[i] = new ParameterState(
                zeros_like(_parameters[i]).DetachFromDisposeScope(),
                zeros_like(_parameters[i]).DetachFromDisposeScope());
        }
    }

    /// <summary>The learning rate of the next steps (the trainer's schedule sets it each epoch).</summary>
    public double LearningRate { get; set; }

    /// <summary>The parameters this optimizer updates, in order.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>Applies one Adam step to every parameter that has a gradient.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        double lr = LearningRate;
        for (int i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            var copy = _copies?.GetValueOrDefault(parameter);
            var grad = copy is null ? parameter.grad : copy.grad;
            if (grad is null)
            {
                continue;
            }

            var state = _state[i];
            state.Step += 1;
            double correction1 = 1 - Math.Pow(_beta1, state.Step);
            double correction2Root = Math.Sqrt(1 - Math.Pow(_beta2, state.Step));
            double stepSize = -lr * correction2Root / correction1;
            double epsilon = Epsilon * correction2Root;
            using var data = parameter.detach();
            if (AdamKernel.Supports(data, grad, state.Average, state.Squares, copy))
            {
                AdamKernel.Apply(data, grad, state.Average, state.Squares, _beta1, _beta2, stepSize, epsilon, 1 - (lr * _decoupledWeightDecay), copy);
                continue;
            }

            StepElementwise(parameter, data, copy is null ? grad : grad.to(parameter.dtype), state, lr, stepSize, epsilon);
            copy?.copy_(data);
        }
    }

    /// <summary>
    /// Drops the gradients instead of zeroing them (PyTorch's <c>set_to_none</c>): the next backward pass then stores
    /// its gradients directly rather than adding them to a zeroed buffer, saving two passes over every parameter.
    /// </summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
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
    public void UseCopies(IEnumerable<(Parameter Parameter, Tensor Copy)>? copies) =>
        _copies = copies?.ToDictionary<(Parameter Parameter, Tensor Copy), Parameter, Tensor>(c => c.Parameter, c => c.Copy, ReferenceEqualityComparer.Instance);

    /// <summary>The gradient the next step will apply to a parameter: its copy's when it has one.</summary>
    public Tensor? GradientOf(Parameter parameter) => _copies?.GetValueOrDefault(parameter) is { } copy ? copy.grad : parameter.grad;

    /// <summary>Writes the step counts and moment estimates (for checkpoints).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(StateFormatVersion);
        writer.Write(_parameters.Length);
        foreach (var state in _state)
        {
            writer.Write(state.Step);
            state.Average.Save(writer);
            state.Squares.Save(writer);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote, into this optimizer's state (same parameters in the same order).</summary>
    /// <exception cref="InvalidDataException">The state is of another format or for other parameters.</exception>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int version = reader.ReadInt32();
        if (version != StateFormatVersion)
        {
            throw new InvalidDataException($"The optimizer state has format version {version}; this version reads {StateFormatVersion} (checkpoints from another OmiTrans version cannot be resumed: start the run again).");
        }

        int count = reader.ReadInt32();
        if (count != _parameters.Length)
        {
            throw new InvalidDataException($"The optimizer state is for {count} parameters, this network has {_parameters.Length}.");
        }

        using var noGrad = no_grad();
        foreach (var state in _state)
        {
            state.Step = reader.ReadInt64();
            state.Average.Load(reader);
            state.Squares.Load(reader);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var state in _state)
        {
            state.Average.Dispose();
            state.Squares.Dispose();
        }

        _scratch?.Dispose();
        _scratch = null;
    }

    /// <summary>libtorch's element-wise Adam for tensors the one-pass kernel does not take (GPU, other types), chunked on the CPU.</summary>
    private void StepElementwise(Parameter parameter, Tensor data, Tensor grad, ParameterState state, double lr, double stepSize, double epsilon)
    {
        long count = parameter.numel();
        long chunk = parameter.device_type == DeviceType.CPU ? CpuChunk : count;
        using var decay = (1 - (lr * _decoupledWeightDecay)).ToScalar();
        using var averageWeight = tensor(1 - _beta1, dtype: state.Average.dtype, device: state.Average.device);
        using var squareDecay = _beta2.ToScalar();
        using var squareWeight = (1 - _beta2).ToScalar();
        using var heldEpsilon = epsilon.ToScalar();
        using var heldStepSize = stepSize.ToScalar();
        using var flatParameter = data.view(-1);
        using var flatGrad = grad.view(-1);
        using var flatAverage = state.Average.view(-1);
        using var flatSquares = state.Squares.view(-1);
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
    }

    /// <summary>The first <paramref name="length"/> elements of the shared scratch buffer, with the parameter's dtype and device.</summary>
    private Tensor Scratch(long length, Tensor parameter)
    {
        if (_scratch is null || _scratch.numel() < length || _scratch.dtype != parameter.dtype || _scratch.device_type != parameter.device_type || _scratch.device_index != parameter.device_index)
        {
            _scratch?.Dispose();
            long largest = _parameters.Where(p => p.dtype == parameter.dtype).Max(p => p.numel());
            long size = Math.Max(length, parameter.device_type == DeviceType.CPU ? Math.Min(largest, CpuChunk) : largest);
            _scratch = empty(size, parameter.dtype, parameter.device).DetachFromDisposeScope();
        }

        return _scratch.narrow(0, 0, length);
    }

    /// <summary>One parameter's step count and first and second moment estimates.</summary>
    private sealed class ParameterState(Tensor average, Tensor squares)
    {
        public long Step { get; set; }

        public Tensor Average { get; } = average;

        public Tensor Squares { get; } = squares;
    }
}
