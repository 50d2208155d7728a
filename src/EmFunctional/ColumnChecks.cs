using EmFunctional.Core;

namespace EmFunctional;

/// <summary>
/// Limits on column values, and the check (internal) that each column holds values its family can model, naming the first offending row and
/// column: binary for Bernoulli, counts for Poisson, codes for categorical (below the number of
/// categories seen in training, when predicting).
/// </summary>
public static class ColumnChecks
{
    /// <summary>The largest category code a categorical column may hold (the core's limit on categories, minus one).</summary>
    public const int LargestCategoryCode = Core.Families.Categorical.CategoricalFamily.MaximumCategories - 1;

    /// <summary>
    /// The largest size of a value in a Gaussian column: squares and sums of squares of larger values overflow
    /// double precision (10³⁰⁸) and would end in infinities; such values are a unit mistake far more often than data.
    /// </summary>
    public const double LargestGaussianMagnitude = 1e100;

    /// <summary>The rule a too large value of a Gaussian column breaks, or null (<see cref="ColumnFamilyCatalog.Problem"/> says it with the value).</summary>
    public static string? GaussianProblem(double value) => Math.Abs(value) > LargestGaussianMagnitude
        ? "a Gaussian column's values must be at most 1e100 in size, or their squares overflow; divide the column by a power of ten"
        : null;

    /// <summary>Every value of an all-Gaussian data set is within <see cref="LargestGaussianMagnitude"/>.</summary>
    internal static void CheckGaussian(Dataset data, string parameter)
    {
        var gaussian = ColumnFamilyRegistry.Of(ColumnFamily.Gaussian);
        for (var i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < row.Length; j++)
                if (gaussian.Problem(row[j], null) is { } problem) throw new DataValueException(i, j, problem, parameter);
        }
    }

    /// <summary>
    /// Every value of <paramref name="data"/> is one its column's family can model (<see cref="ColumnFamilyDefinition.Problem"/>),
    /// with <paramref name="categories"/> the codes a fitted model saw per column (null when fitting).
    /// </summary>
    internal static void Check(Dataset data, IReadOnlyList<ColumnFamily> families, IReadOnlyList<int>? categories, string parameter)
    {
        var definitions = families.Select(ColumnFamilyRegistry.Of).ToArray();
        for (var i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < definitions.Length; j++)
            {
                var value = row[j];
                if (double.IsNaN(value)) continue;   // a missing cell (the data set allows them)
                if (definitions[j].Problem(value, categories?[j]) is { } problem) throw new DataValueException(i, j, problem, parameter);
            }
        }
    }
}
