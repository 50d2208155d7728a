using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>Gaussian columns: all of a model's Gaussian columns form one multivariate Gaussian per component.</summary>
internal sealed class GaussianColumns : ColumnFamilyDefinition
{
    public override ColumnFamily Family => ColumnFamily.Gaussian;

    public override string? Problem(double value, int? categories) => ColumnChecks.GaussianProblem(value);

    /// <summary>The options' covariance and regularization; mclust's default prior under <see cref="FamilyMixtureOptions.UsePriors"/>.</summary>
    public override IPartFamily Part(Dataset data, int[] columns, int components, FamilyMixtureOptions options)
    {
        var kind = Conversions.ToKind(options.Covariance);
        var family = new GaussianFamily(kind, options.Regularization)
        {
            Prior = options.UsePriors ? Valid(GaussianPrior.Default(Columns(data, columns), components, kind)) : null,
        };
        return PartFamily.Of(family, columns);
    }

    public override ColumnGroupParameters Describe(ImmutableArray<int> columns, object component) => component is GaussianComponent gaussian
        ? new GaussianGroupParameters(columns, [.. gaussian.Mean.ToArray()], Rows(gaussian.FullCovariance(), gaussian.Dimensions))
        : throw Unexpected(component);

    private static ImmutableArray<ImmutableArray<double>> Rows(double[] matrix, int d) =>
        [.. Enumerable.Range(0, d).Select(i => matrix.AsSpan(i * d, d).ToArray().ToImmutableArray())];
}
