using System.Text.Json.Serialization;
using EmFunctional.Core.Families.Gaussian;

namespace EmFunctional;

/// <summary>One component's Gaussian columns in a model file: the mean and the full covariance matrix over them.</summary>
internal sealed record GaussianParametersDocument(double[] Mean, double[][] Covariance);

/// <summary>The contract of a Gaussian column group in a model file (the model file's other options apply: <see cref="ModelFileJson"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GroupDocument<GaussianParametersDocument>))]
internal sealed partial class GaussianModelFileJson : JsonSerializerContext;

/// <summary>
/// Gaussian components as a model file holds them (a mean and a full covariance matrix, whatever the
/// covariance kind), for the Gaussian groups of a family mixture and for a Gaussian mixture alike.
/// </summary>
internal static class GaussianModelFile
{
    /// <summary>
    /// One Gaussian component from its mean and full covariance matrix, which must have the form of the
    /// covariance kind (and, for tied, be the same as the first component's).
    /// </summary>
    public static (GaussianComponent Component, double[] Covariance) ReadComponent(
        double[] mean, ModelFileField meanField, double[][] rows, ModelFileField covarianceField, int d, CovarianceKind kind, double[]? firstCovariance)
    {
        meanField.Items(mean, d, "columns");
        covarianceField.Items(rows, d, "columns");
        var full = new double[d * d];
        for (var i = 0; i < d; i++) covarianceField[i].Items(rows[i], d, "columns").CopyTo(full, i * d);
        var stored = kind switch
        {
            CovarianceKind.Diagonal => Diagonal(full, d, covarianceField, "diagonal"),
            CovarianceKind.Spherical => Spherical(full, d, covarianceField),
            _ => full,
        };
        if (kind == CovarianceKind.Tied && firstCovariance is { } first && !first.AsSpan().SequenceEqual(full))
            throw covarianceField.Error("differs from the first component's; tied components share one covariance matrix");
        var component = GaussianComponent.Create(kind, [.. mean], stored).Match(
            Right: value => value,
            Left: error => throw covarianceField.Error(error.Message));
        return (component, full);
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
