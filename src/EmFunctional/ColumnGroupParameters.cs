using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>
/// The parameters of one component over one group of columns that share a family. A fitted
/// <see cref="FamilyMixtureModel"/> holds one per component and group.
/// </summary>
/// <param name="Family">The family of the group.</param>
/// <param name="Columns">The data columns of the group (0-based), in the order of the parameters.</param>
public abstract record ColumnGroupParameters(ColumnFamily Family, ImmutableArray<int> Columns);

/// <summary>A multivariate Gaussian over the group's columns.</summary>
/// <param name="Columns">The data columns.</param>
/// <param name="Mean">μ, one value per column.</param>
/// <param name="Covariance">Σ as a full matrix over the columns, row by row.</param>
public sealed record GaussianGroupParameters(ImmutableArray<int> Columns, ImmutableArray<double> Mean, ImmutableArray<ImmutableArray<double>> Covariance)
    : ColumnGroupParameters(ColumnFamily.Gaussian, Columns);

/// <summary>Independent Bernoulli columns.</summary>
/// <param name="Columns">The data columns.</param>
/// <param name="Probabilities">P(x_j = 1) for each column.</param>
public sealed record BernoulliGroupParameters(ImmutableArray<int> Columns, ImmutableArray<double> Probabilities)
    : ColumnGroupParameters(ColumnFamily.Bernoulli, Columns);

/// <summary>Independent Poisson columns.</summary>
/// <param name="Columns">The data columns.</param>
/// <param name="Rates">λ_j, the expected count of each column.</param>
public sealed record PoissonGroupParameters(ImmutableArray<int> Columns, ImmutableArray<double> Rates)
    : ColumnGroupParameters(ColumnFamily.Poisson, Columns);

/// <summary>Independent categorical columns of integer codes.</summary>
/// <param name="Columns">The data columns.</param>
/// <param name="Probabilities">For each column, P(x_j = c) for the codes c = 0 … C_j − 1.</param>
public sealed record CategoricalGroupParameters(ImmutableArray<int> Columns, ImmutableArray<ImmutableArray<double>> Probabilities)
    : ColumnGroupParameters(ColumnFamily.Categorical, Columns);
