using System.Collections.Immutable;
using System.Text.Json.Serialization.Metadata;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>Gaussian columns: all of a model's Gaussian columns form one multivariate Gaussian per component.</summary>
internal sealed class GaussianColumns : ColumnFamilyDefinition
{
    public override ColumnFamily Family => ColumnFamily.Gaussian;

    public override FamilyChoice Choice => FamilyChoice.Gaussian;

    public override string Name => "Gaussian";

    public override string? Problem(double value, int? categories) =>
        ColumnChecks.GaussianProblem(value) is { } problem ? $"{Show(value)} is too large; {problem}" : null;

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

    public override Type GroupDocumentType => typeof(GroupDocument<GaussianParametersDocument>);

    public override IJsonTypeInfoResolver GroupDocumentContract => GaussianModelFileJson.Default;

    public override GroupDocument Save(int[] columns, IReadOnlyList<ColumnGroupParameters> components) =>
        SaveAs(columns, components, (GaussianGroupParameters p) => new GaussianParametersDocument([.. p.Mean], [.. p.Covariance.Select(row => row.ToArray())]));

    public override (IPartFamily Family, object[] Components) Load(GroupDocument group, ModelFileField parameters, int components, CovarianceType covariance)
    {
        var saved = Saved<GaussianParametersDocument>(group, parameters, components);
        var kind = Conversions.ToKind(covariance);
        var loaded = new object[saved.Length];
        double[]? first = null;
        for (var c = 0; c < saved.Length; c++)
        {
            (var component, var full) = GaussianModelFile.ReadComponent(saved[c].Mean, parameters[c]["mean"], saved[c].Covariance, parameters[c]["covariance"], group.Columns.Length, kind, first);
            loaded[c] = component;
            first ??= full;
        }
        return (PartFamily.Of(new GaussianFamily(kind), group.Columns), loaded);
    }

    private static ImmutableArray<ImmutableArray<double>> Rows(double[] matrix, int d) =>
        [.. Enumerable.Range(0, d).Select(i => matrix.AsSpan(i * d, d).ToArray().ToImmutableArray())];
}
