using System.Text.Json.Serialization;
using EmFunctional.Core.Families.Gaussian;

namespace EmFunctional;

/// <summary>
/// One component's Gaussian columns in a model file: the mean and, as the covariance type has it, the
/// full covariance matrix (full, tied) or the variances (diag, spherical). Files written before the
/// variances form hold a matrix for every type, and still read.
/// </summary>
internal sealed record GaussianParametersDocument
{
    public required double[] Mean { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[][]? Covariance { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[]? Variance { get; init; }
}

/// <summary>The contract of a Gaussian column group in a model file (the model file's other options apply: <see cref="ModelFileJson"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GroupDocument<GaussianParametersDocument>))]
internal sealed partial class GaussianModelFileJson : JsonSerializerContext;

/// <summary>
/// Gaussian components as a model file holds them (a mean, and a full covariance matrix or the
/// variances), for the Gaussian groups of a family mixture and for a Gaussian mixture alike.
/// </summary>
internal static class GaussianModelFile
{
    /// <summary>
    /// Which form of the covariance a component (or a model) gives, refused when it gives both, neither,
    /// or variances for a type that needs a matrix. True for the matrix.
    /// </summary>
    public static bool GivesMatrix(bool hasMatrix, bool hasVariances, ModelFileField at, string matrixName, string variancesName, CovarianceKind kind)
    {
        var diagonal = kind is CovarianceKind.Diagonal or CovarianceKind.Spherical;
        if (hasMatrix && hasVariances)
            throw at[variancesName].Error($"is given with \"{matrixName}\"; give one of them");
        if (!hasMatrix && !hasVariances)
            throw at.Error(diagonal
                ? $"the field \"{variancesName}\" is missing (or \"{matrixName}\", a full matrix)"
                : $"the field \"{matrixName}\" is missing");
        if (hasVariances && !diagonal)
            throw at[variancesName].Error($"a {(kind == CovarianceKind.Tied ? "tied" : "full")} covariance is a matrix; give it as \"{matrixName}\"");
        return hasMatrix;
    }

    /// <summary>
    /// One Gaussian component from its mean and its covariance, given as a full matrix (<paramref name="rows"/>,
    /// of the covariance kind's form) or as variances (diag, spherical); a tied component's must be the
    /// same as the first's. Returns the component and its covariance as given, for that comparison.
    /// </summary>
    public static (GaussianComponent Component, double[] Covariance) ReadComponent(
        double[] mean, ModelFileField meanField, double[][]? rows, double[]? variances, ModelFileField covarianceField, int d, CovarianceKind kind, double[]? firstCovariance)
    {
        meanField.Items(mean, d, "columns");
        double[] given;
        double[] stored;
        if (rows is not null)
        {
            covarianceField.Items(rows, d, "columns");
            given = new double[d * d];
            for (var i = 0; i < d; i++) covarianceField[i].Items(rows[i], d, "columns").CopyTo(given, i * d);
            stored = kind switch
            {
                CovarianceKind.Diagonal => Diagonal(given, d, covarianceField, "diagonal"),
                CovarianceKind.Spherical => Spherical(given, d, covarianceField),
                _ => given,
            };
        }
        else
        {
            given = covarianceField.Items(variances!, d, "columns");
            stored = kind == CovarianceKind.Spherical ? [Equal(given, covarianceField)] : given;
        }
        if (kind == CovarianceKind.Tied && firstCovariance is { } first && !first.AsSpan().SequenceEqual(given))
            throw covarianceField.Error("differs from the first component's; tied components share one covariance matrix");
        var component = GaussianComponent.Create(kind, [.. mean], stored).Match(
            Right: value => value,
            Left: error => throw covarianceField.Error(error.Message));
        return (component, given);
    }

    /// <summary>A spherical component's one variance, which each column's entry must repeat.</summary>
    private static double Equal(double[] variances, ModelFileField field)
    {
        for (var i = 1; i < variances.Length; i++)
            if (variances[i] != variances[0])
                throw field.Error($"entries [0] = {ModelFileField.Format(variances[0])} and [{i}] = {ModelFileField.Format(variances[i])} differ, but a spherical covariance has one variance for every column");
        return variances[0];
    }

    private static double[] Diagonal(double[] full, int d, ModelFileField field, string kindName)
    {
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                if (i != j && full[i * d + j] != 0)
                    throw field.Error($"entry [{i}][{j}] is {ModelFileField.Format(full[i * d + j])}, but a {kindName} covariance is zero off the diagonal");
        return [.. Enumerable.Range(0, d).Select(i => full[i * d + i])];
    }

    private static double[] Spherical(double[] full, int d, ModelFileField field)
    {
        var diagonal = Diagonal(full, d, field, "spherical");
        for (var i = 1; i < d; i++)
            if (diagonal[i] != diagonal[0])
                throw field.Error($"the diagonal entries [0][0] = {ModelFileField.Format(diagonal[0])} and [{i}][{i}] = {ModelFileField.Format(diagonal[i])} differ, but a spherical covariance is one variance times the identity");
        return [diagonal[0]];
    }
}
