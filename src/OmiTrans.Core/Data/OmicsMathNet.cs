using MathNet.Numerics.LinearAlgebra;

namespace OmiTrans.Data;

/// <summary>
/// Conversions between <see cref="OmicsMatrix"/> and MathNet.Numerics matrices, for .NET code that holds its numbers in
/// MathNet: rows are features and columns are samples (the omics-table layout), missing values are NaN both ways, and
/// the ids travel beside the matrix (<see cref="LabeledMatrix{T}"/>) so nothing is matched by position by accident.
/// </summary>
public static class OmicsMathNet
{
    /// <summary>The values as a dense single-precision MathNet matrix [features × samples], with the ids.</summary>
    /// <param name="matrix">The omics matrix.</param>
    public static LabeledMatrix<float> ToMathNet(this OmicsMatrix matrix)
    {
        Guard.NotNull(matrix);
        var values = Matrix<float>.Build.Dense(matrix.FeatureCount, matrix.SampleCount);
        var span = matrix.Values.Span;
        for (int f = 0; f < matrix.FeatureCount; f++)
        {
            for (int s = 0; s < matrix.SampleCount; s++)
            {
                values[f, s] = span[(f * matrix.SampleCount) + s];
            }
        }

        return new LabeledMatrix<float>(values, matrix.FeatureIds, matrix.SampleIds);
    }

    /// <summary>The values as a dense double-precision MathNet matrix [features × samples], with the ids.</summary>
    /// <param name="matrix">The omics matrix.</param>
    public static LabeledMatrix<double> ToMathNetDouble(this OmicsMatrix matrix)
    {
        Guard.NotNull(matrix);
        var values = Matrix<double>.Build.Dense(matrix.FeatureCount, matrix.SampleCount);
        var span = matrix.Values.Span;
        for (int f = 0; f < matrix.FeatureCount; f++)
        {
            for (int s = 0; s < matrix.SampleCount; s++)
            {
                values[f, s] = span[(f * matrix.SampleCount) + s];
            }
        }

        return new LabeledMatrix<double>(values, matrix.FeatureIds, matrix.SampleIds);
    }

    /// <summary>An omics matrix from a MathNet matrix [features × samples] and its ids (NaN marks a missing value).</summary>
    /// <param name="values">One row per feature, one column per sample.</param>
    /// <param name="featureIds">Unique feature ids, one per row.</param>
    /// <param name="sampleIds">Unique sample ids, one per column.</param>
    /// <exception cref="ArgumentException">The id counts do not match the matrix, or an id repeats.</exception>
    /// <exception cref="OmicsSchemaException">A value is infinite.</exception>
    public static OmicsMatrix ToOmicsMatrix(this Matrix<float> values, IReadOnlyList<string> featureIds, IReadOnlyList<string> sampleIds)
    {
        Guard.NotNull(values);
        return OmicsMatrix.FromFeatureRows(Guard.NotNull(featureIds).ToArray(), Guard.NotNull(sampleIds).ToArray(), CheckShape(values.RowCount, values.ColumnCount, featureIds, sampleIds, (f, s) => values[f, s]), "MathNet matrix");
    }

    /// <summary>An omics matrix from a double-precision MathNet matrix [features × samples] and its ids (values rounded to float).</summary>
    /// <param name="values">One row per feature, one column per sample.</param>
    /// <param name="featureIds">Unique feature ids, one per row.</param>
    /// <param name="sampleIds">Unique sample ids, one per column.</param>
    /// <exception cref="ArgumentException">The id counts do not match the matrix, or an id repeats.</exception>
    /// <exception cref="OmicsSchemaException">A value is infinite or outside the float range.</exception>
    public static OmicsMatrix ToOmicsMatrix(this Matrix<double> values, IReadOnlyList<string> featureIds, IReadOnlyList<string> sampleIds)
    {
        Guard.NotNull(values);
        return OmicsMatrix.FromFeatureRows(Guard.NotNull(featureIds).ToArray(), Guard.NotNull(sampleIds).ToArray(), CheckShape(values.RowCount, values.ColumnCount, featureIds, sampleIds, (f, s) => (float)values[f, s]), "MathNet matrix");
    }

    /// <summary>An omics matrix from a labeled MathNet matrix.</summary>
    /// <param name="matrix">The values and their ids.</param>
    public static OmicsMatrix ToOmicsMatrix(this LabeledMatrix<float> matrix) => Guard.NotNull(matrix).Values.ToOmicsMatrix(matrix.FeatureIds, matrix.SampleIds);

    /// <summary>An omics matrix from a labeled double-precision MathNet matrix (values rounded to float).</summary>
    /// <param name="matrix">The values and their ids.</param>
    public static OmicsMatrix ToOmicsMatrix(this LabeledMatrix<double> matrix) => Guard.NotNull(matrix).Values.ToOmicsMatrix(matrix.FeatureIds, matrix.SampleIds);

    private static float[] CheckShape(int rows, int columns, IReadOnlyList<string> featureIds, IReadOnlyList<string> sampleIds, Func<int, int, float> value)
    {
        if (rows != featureIds.Count || columns != sampleIds.Count)
        {
            throw new ArgumentException($"The matrix is {rows} × {columns} but {featureIds.Count} feature ids and {sampleIds.Count} sample ids were given (rows are features, columns samples).");
        }

        var result = new float[(long)rows * columns];
        for (int f = 0; f < rows; f++)
        {
            for (int s = 0; s < columns; s++)
            {
                result[((long)f * columns) + s] = value(f, s);
            }
        }

        return result;
    }
}
