using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>
/// The parameters of one component over one group of columns that share a family. A fitted
/// <see cref="FamilyMixtureModel"/> holds one per component and group; each family's record, in
/// <c>Families/&lt;Name&gt;/</c>, also knows the moments of its columns.
/// </summary>
/// <param name="Family">The family of the group.</param>
/// <param name="Columns">The data columns of the group (0-based), in the order of the parameters.</param>
public abstract record ColumnGroupParameters(ColumnFamily Family, ImmutableArray<int> Columns)
{
    /// <summary>
    /// The group's parameters by name, as the model file and the <c>em</c> tool's reports give them
    /// (Bernoulli: probabilities; categorical: a probability vector per column; Poisson: rates; Gaussian:
    /// mean and covariance), so that a report can show any family's parameters.
    /// </summary>
    public abstract ImmutableArray<GroupParameter> Values { get; }

    /// <summary>E[x_j] for the group's j-th column.</summary>
    internal abstract double ColumnMean(int j);

    /// <summary>Var[x_j] for the group's j-th column.</summary>
    internal abstract double ColumnVariance(int j);

    /// <summary>
    /// Writes the group's block of Cov[x] into <paramref name="covariance"/> (D × D, by data column): its
    /// variances, for a family whose columns are independent within a component.
    /// </summary>
    internal virtual void WriteCovariance(double[,] covariance)
    {
        for (var a = 0; a < Columns.Length; a++) covariance[Columns[a], Columns[a]] = ColumnVariance(a);
    }

    /// <summary>The number of category codes of the group's j-th column; <see cref="int.MaxValue"/> when the family has none.</summary>
    internal virtual int CategoryCount(int j) => int.MaxValue;

    /// <summary>Whether <paramref name="other"/> holds the same numbers (arrays compared element by element).</summary>
    internal abstract bool SameValues(ColumnGroupParameters other);

    /// <summary>Element-by-element equality of two matrices stored as arrays of rows.</summary>
    private protected static bool Same(ImmutableArray<ImmutableArray<double>> a, ImmutableArray<ImmutableArray<double>> b) =>
        a.Length == b.Length && a.Zip(b).All(pair => pair.Item1.SequenceEqual(pair.Item2));
}
