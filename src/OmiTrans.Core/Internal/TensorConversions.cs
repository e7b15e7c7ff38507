using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Internal;

/// <summary>Moves data between managed arrays and tensors.</summary>
internal static class TensorConversions
{
    /// <summary>A [samples, features] float32 tensor of a matrix (which stores features by row).</summary>
    public static Tensor ToSampleMajorTensor(OmicsMatrix matrix, Device device)
    {
        using var scope = NewDisposeScope();
        var featureMajor = tensor(matrix.RawValues, [matrix.FeatureCount, matrix.SampleCount], ScalarType.Float32);
        return featureMajor.t().contiguous().to(device).MoveToOuterDisposeScope();
    }

    /// <summary>A [rows, columns] float32 tensor of values already laid out row by row.</summary>
    public static Tensor FromRowMajor(float[] values, long rows, long columns, Device device)
    {
        using var scope = NewDisposeScope();
        return tensor(values, [rows, columns], ScalarType.Float32).to(device).MoveToOuterDisposeScope();
    }

    /// <summary>Copies a tensor's values (row-major) into a managed array.</summary>
    public static float[] ToArray(Tensor t)
    {
        using var cpu = t.to(ScalarType.Float32).cpu().contiguous();
        return cpu.data<float>().ToArray();
    }
}
