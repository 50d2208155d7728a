using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>
/// One named parameter of a column group (<see cref="ColumnGroupParameters.Values"/>), in a shape any
/// report can show without knowing the family: one number per column (<see cref="ColumnValues"/>) or one
/// vector per column (<see cref="ColumnVectors"/>).
/// </summary>
/// <param name="Name">Its name in the model file and in <c>em fit --format json</c>: "probabilities", "rates", "mean".</param>
/// <param name="Title">A report's heading for it: "Bernoulli probabilities P(x = 1)".</param>
public abstract record GroupParameter(string Name, string Title);

/// <summary>One number per column of the group, in the order of its columns.</summary>
/// <param name="Name">Its name in the model file and in <c>em fit --format json</c>: "probabilities", "rates", "mean".</param>
/// <param name="Title">A report's heading for it: "Poisson rates".</param>
/// <param name="Note">What the numbers are, said after the title ("expected counts"), or null.</param>
/// <param name="Values">The numbers, one per column of the group.</param>
public sealed record ColumnValues(string Name, string Title, string? Note, ImmutableArray<double> Values) : GroupParameter(Name, Title);

/// <summary>One vector per column of the group, in the order of its columns.</summary>
/// <param name="Name">Its name in the model file and in <c>em fit --format json</c>: "probabilities", "covariance".</param>
/// <param name="Title">A report's heading for one column's vector, with <c>{0}</c> where the column's name goes.</param>
/// <param name="EntryLabel">What the entries of a column's vector are numbered by: "Code" (entry c is code c), "Column".</param>
/// <param name="Values">The vectors, one per column of the group.</param>
public sealed record ColumnVectors(string Name, string Title, string EntryLabel, ImmutableArray<ImmutableArray<double>> Values) : GroupParameter(Name, Title);
