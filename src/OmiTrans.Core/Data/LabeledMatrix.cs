using MathNet.Numerics.LinearAlgebra;

namespace OmiTrans.Data;

/// <summary>A MathNet matrix [features × samples] with the ids of its rows and columns kept beside it.</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <param name="Values">One row per feature, one column per sample; NaN marks a missing value.</param>
/// <param name="FeatureIds">The id of each row.</param>
/// <param name="SampleIds">The id of each column.</param>
public sealed record LabeledMatrix<T>(Matrix<T> Values, IReadOnlyList<string> FeatureIds, IReadOnlyList<string> SampleIds)
    where T : struct, IEquatable<T>, IFormattable;
