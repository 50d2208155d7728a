using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>Gaussian columns: all of a model's Gaussian columns form one multivariate Gaussian per component.</summary>
internal sealed class GaussianColumns() : ColumnFamilyDefinition<GaussianGroupParameters, GaussianParametersDocument>(ColumnFamily.Gaussian, FamilyChoice.Gaussian, "Gaussian", GaussianModelFileJson.Default)
{
    public override string? Problem(double value, int? categories) =>
        ColumnChecks.GaussianProblem(value) is { } problem ? $"{Show(value)} is too large; {problem}" : null;

    /// <summary>The options' covariance and regularization; mclust's default prior under <see cref="FamilyMixtureOptions.UsePriors"/>.</summary>
    public override IPartFamily Part(Dataset data, int[] columns, int components, FamilyMixtureOptions options)
    {
        var kind = Conversions.ToKind(options.Covariance);
        var family = Conversions.ToFamily(options.Covariance, options.Regularization) with
        {
            Prior = options.UsePriors ? Valid(GaussianPrior.Default(Columns(data, columns), components, kind)) : null,
        };
        return PartFamily.Of(family, columns);
    }

    public override ColumnGroupParameters Describe(ImmutableArray<int> columns, object component) => component is GaussianComponent gaussian
        ? gaussian.Kind is CovarianceKind.Diagonal or CovarianceKind.Spherical
            ? new GaussianGroupParameters(columns, [.. gaussian.Mean.ToArray()], Variances(gaussian))
            : new GaussianGroupParameters(columns, [.. gaussian.Mean.ToArray()], Rows(gaussian.CovarianceParameters.ToArray(), gaussian.Dimensions))
        : throw Unexpected(component);

    protected override GaussianParametersDocument Save(GaussianGroupParameters group) => group.IsDiagonal
        ? new() { Mean = [.. group.Mean], Variance = [.. group.Variances] }
        : new() { Mean = [.. group.Mean], Covariance = [.. group.Covariance.Select(row => row.ToArray())] };

    protected override (IPartFamily Family, object[] Components) Load(GaussianParametersDocument[] saved, ModelFileField parameters, int[] columns, CovarianceType covariance)
    {
        var kind = Conversions.ToKind(covariance);
        var loaded = new object[saved.Length];
        double[]? first = null;
        for (var c = 0; c < saved.Length; c++)
        {
            var matrix = GaussianModelFile.GivesMatrix(saved[c].Covariance is not null, saved[c].Variance is not null, parameters[c], "covariance", "variance", kind);
            (var component, var given) = GaussianModelFile.ReadComponent(
                saved[c].Mean, parameters[c]["mean"], saved[c].Covariance, saved[c].Variance, parameters[c][matrix ? "covariance" : "variance"], columns.Length, kind, first);
            loaded[c] = component;
            first ??= given;
        }
        return (PartFamily.Of(Conversions.ToFamily(covariance, GaussianFamily.DefaultRegularization), columns), loaded);
    }

    /// <summary>The diagonal of Σ, one variance per column (a spherical component's one variance repeated).</summary>
    internal static ImmutableArray<double> Variances(GaussianComponent component)
    {
        var d = component.Dimensions;
        var stored = component.CovarianceParameters;
        var variances = new double[d];
        for (var i = 0; i < d; i++)
            variances[i] = component.Kind switch
            {
                CovarianceKind.Spherical => stored[0],
                CovarianceKind.Diagonal => stored[i],
                _ => stored[i * d + i],
            };
        return [.. variances];
    }

    private static ImmutableArray<ImmutableArray<double>> Rows(double[] matrix, int d) =>
        [.. Enumerable.Range(0, d).Select(i => matrix.AsSpan(i * d, d).ToArray().ToImmutableArray())];
}
