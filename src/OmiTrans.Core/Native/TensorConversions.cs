using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Native;

/// <summary>
/// Moves data between managed arrays and tensors. Tensors are allocated by libtorch (64-byte aligned) and filled by
/// copy: a tensor created over managed memory can be less aligned, and MKL's matrix products then take other code
/// paths whose results differ in the last bits from call to call.
/// </summary>
internal static class TensorConversions
{
    /// <summary>A [samples, features] float32 tensor of a matrix (which stores features by row).</summary>
    public static Tensor ToSampleMajorTensor(OmicsMatrix matrix, Device device)
    {
        using var scope = NewDisposeScope();
        var featureMajor = FromRowMajor(matrix.RawValues, matrix.FeatureCount, matrix.SampleCount, CPU);
        return featureMajor.t().contiguous().to(device).MoveToOuterDisposeScope();
    }

    /// <summary>A [rows, columns] float32 tensor of values laid out row by row.</summary>
    public static Tensor FromRowMajor(ReadOnlySpan<float> values, long rows, long columns, Device device)
    {
        if (values.Length != rows * columns)
        {
            throw new ArgumentException($"Expected {rows * columns} values, got {values.Length}.", nameof(values));
        }

        var cpu = empty([rows, columns], ScalarType.Float32);
        cpu.data<float>().CopyFrom(values);
        if (device.type == DeviceType.CPU)
        {
            return cpu;
        }

        using (cpu)
        {
            return cpu.to(device);
        }
    }

    /// <summary>A one-dimensional float32 tensor of values.</summary>
    public static Tensor FromVector(ReadOnlySpan<float> values, Device device)
    {
        using var matrix = FromRowMajor(values, 1, values.Length, device);
        return matrix.reshape(values.Length);
    }

    /// <summary>Copies a tensor's values (row-major) into a managed array.</summary>
    public static float[] ToArray(Tensor t)
    {
        using var scope = NewDisposeScope(); // the conversions may each make a new tensor
        return t.to(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
    }
}
