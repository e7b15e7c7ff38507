using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Networks.Modules;

/// <summary>
/// A transposed 1D convolution whose stride equals its kernel (the U-Net's ×2 up-sampling), computed as one matrix
/// product: each input position writes its own block of <c>kernel</c> outputs, so there is no overlap to sum. Same
/// parameters, state-dict names, initial values and results as <c>nn.ConvTranspose1d(in, out, k, stride: k)</c>, without
/// libtorch's convolution kernels (see <see cref="GemmConv1d"/>).
/// </summary>
internal sealed class GemmConvTranspose1d : nn.Module<Tensor, Tensor>
{
    private readonly long _inputChannels;
    private readonly long _outputChannels;
    private readonly long _kernelSize;
    private readonly Parameter weight;
    private readonly Parameter bias;

    public GemmConvTranspose1d(long inputChannels, long outputChannels, long kernelSize)
        : base("ConvTranspose1d")
    {
        _inputChannels = inputChannels;
        _outputChannels = outputChannels;
        _kernelSize = kernelSize;
        using (var scope = NewDisposeScope())
        {
            using var template = nn.ConvTranspose1d(inputChannels, outputChannels, kernelSize, stride: kernelSize);
            weight = new Parameter(template.weight!.detach().clone().MoveToOuterDisposeScope());
            bias = new Parameter(template.bias!.detach().clone().MoveToOuterDisposeScope());
        }

        RegisterComponents();
    }

    /// <summary>The weight [in, out, kernel].</summary>
    public Parameter Weight => weight;

    /// <summary>The bias [out].</summary>
    public Parameter Bias => bias;

    /// <summary>A short description, for example "conv_transpose1d 128→64 k2 s2".</summary>
    public string Description => $"conv_transpose1d {_inputChannels}→{_outputChannels} k{_kernelSize} s{_kernelSize}";

    /// <summary>The same transposed convolution by libtorch's own kernel, in the operands' type.</summary>
    public Tensor Reference(Tensor input, Tensor weight, Tensor? bias) => nn.functional.conv_transpose1d(input, weight, bias, stride: _kernelSize);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long batch = input.shape[0];
        long length = input.shape[2];
        // [batch, length, in] × [in, out·kernel] → [batch, length, out, kernel] → [batch, out, length·kernel]
        var blocks = matmul(input.transpose(1, 2), weight.view(_inputChannels, _outputChannels * _kernelSize));
        var output = blocks.view(batch, length, _outputChannels, _kernelSize).permute(0, 2, 1, 3).reshape(batch, _outputChannels, length * _kernelSize);
        return output.PlusInPlace(bias.view(1, _outputChannels, 1)).MoveToOuterDisposeScope();
    }
}
