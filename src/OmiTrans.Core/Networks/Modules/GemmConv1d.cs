using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// A 1D convolution (stride 1, zero padding) computed as one matrix product over the unfolded input (im2col): the same
/// parameters, state-dict names, initial values and results as <c>nn.Conv1d</c>, with gradients from the matrix product
/// and the unfold alone.
/// </summary>
/// <remarks>
/// libtorch's oneDNN (3.7.1 in libtorch 2.10) computes the input gradient of Conv1d wrongly on some CPUs (AVX-512 and
/// AVX2 JIT kernels on VMs whose CPUID cache leaves read as zeros: NaN, or values off by 40–100 %), while forward passes
/// and weight gradients stay right (docs/native-safety.md). This layer never calls a convolution kernel, so its
/// gradients are those of a matrix product on every CPU and device; the gradient tests compare them with float64.
/// </remarks>
internal sealed class GemmConv1d : nn.Module<Tensor, Tensor>
{
    private readonly long _inputChannels;
    private readonly long _outputChannels;
    private readonly long _kernelSize;
    private readonly long _padding;
    private readonly Parameter weight;
    private readonly Parameter? bias;

    public GemmConv1d(long inputChannels, long outputChannels, long kernelSize, long padding = 0, bool hasBias = true)
        : base("Conv1d")
    {
        _inputChannels = inputChannels;
        _outputChannels = outputChannels;
        _kernelSize = kernelSize;
        _padding = padding;
        using (var scope = NewDisposeScope())
        {
            // nn.Conv1d's own initial values and random draws, so a seed gives the same network as before.
            using var template = nn.Conv1d(inputChannels, outputChannels, kernelSize, padding: padding, bias: hasBias);
            weight = new Parameter(template.weight!.detach().clone().MoveToOuterDisposeScope());
            bias = hasBias ? new Parameter(template.bias!.detach().clone().MoveToOuterDisposeScope()) : null;
        }

        RegisterComponents();
    }

    /// <summary>The weight [out, in, kernel].</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [out], or null.</summary>
    public Parameter? Bias => bias;

    /// <summary>A short description, for example "conv1d 64→128 k9 p4".</summary>
    public string Description => $"conv1d {_inputChannels}→{_outputChannels} k{_kernelSize} p{_padding}";

    /// <summary>The same convolution by libtorch's own kernel, in the operands' type (the float64 reference of the numerics check).</summary>
    public Tensor Reference(Tensor input, Tensor weight, Tensor? bias) => nn.functional.conv1d(input, weight, bias, padding: _padding);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        if (_kernelSize == 1 && _padding == 0)
        {
            // [out, in] × [batch, in, length] → [batch, out, length]
            var product = matmul(weight.view(_outputChannels, _inputChannels), input);
            return (bias is null ? product : product.PlusInPlace(bias.view(1, _outputChannels, 1))).MoveToOuterDisposeScope();
        }

        long batch = input.shape[0];
        var padded = _padding > 0 ? nn.functional.pad(input, [_padding, _padding]) : input;
        long length = padded.shape[2] - _kernelSize + 1;
        // [batch, in, length, kernel] → [batch, length, in·kernel] (in-major, as the weight's layout)
        var columns = padded.unfold(2, _kernelSize, 1).permute(0, 2, 1, 3).reshape(batch, length, _inputChannels * _kernelSize);
        var output = matmul(columns, weight.view(_outputChannels, _inputChannels * _kernelSize).t());
        if (bias is not null)
        {
            output = output.PlusInPlace(bias);
        }

        return output.transpose(1, 2).contiguous().MoveToOuterDisposeScope();
    }
}
