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

    /// <summary>The problem with a value in a Gaussian column, or null.</summary>
    public static string? GaussianProblem(double value) => Math.Abs(value) > LargestGaussianMagnitude
        ? "a Gaussian column's values must be at most 1e100 in size, or their squares overflow; divide the column by a power of ten"
        : null;

    /// <summary>Every value of an all-Gaussian data set is within <see cref="LargestGaussianMagnitude"/>.</summary>
    internal static void CheckGaussian(Dataset data, string parameter)
    {
        for (var i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < row.Length; j++)
                if (GaussianProblem(row[j]) is { } problem)
                    throw new ArgumentException($"row {i}, column {j} is {row[j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; {problem}", parameter);
        }
    }

    internal static void Check(Dataset data, IReadOnlyList<ColumnFamily> families, IReadOnlyList<int>? categories, string parameter)
    {
        for (var i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < families.Count; j++)
            {
                var value = row[j];
                var problem = families[j] switch
                {
                    ColumnFamily.Bernoulli when value is not (0 or 1) => "a Bernoulli column holds only 0 and 1",
                    ColumnFamily.Poisson when !IsCount(value) => "a Poisson column holds counts (non-negative integers)",
                    ColumnFamily.Categorical when !IsCount(value) => "a categorical column holds integer codes 0, 1, 2, …",
                    ColumnFamily.Categorical when value > LargestCategoryCode => $"a categorical column holds codes 0 to {LargestCategoryCode}",
                    ColumnFamily.Categorical when categories is not null && value >= categories[j] =>
                        $"the model saw codes 0 to {categories[j] - 1} in this column when it was fitted",
                    ColumnFamily.Gaussian => GaussianProblem(value),
                    _ => null,
                };
                if (problem is not null)
                    throw new ArgumentException($"row {i}, column {j} is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; {problem}", parameter);
            }
        }
    }

    private static bool IsCount(double value) => value >= 0 && value == Math.Floor(value) && value <= int.MaxValue;
}
