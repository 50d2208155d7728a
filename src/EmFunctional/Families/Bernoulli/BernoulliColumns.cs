using System.Collections.Immutable;
using System.Text.Json.Serialization.Metadata;
using EmFunctional.Core;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>Binary columns: one success probability per column and component.</summary>
internal sealed class BernoulliColumns : ColumnFamilyDefinition
{
    public override ColumnFamily Family => ColumnFamily.Bernoulli;

    public override FamilyChoice Choice => FamilyChoice.Bernoulli;

    public override string Name => "Bernoulli";

    public override string? Problem(double value, int? categories) =>
        value is 0 or 1 ? null : $"{Show(value)} is not 0 or 1; a Bernoulli column holds only 0 and 1";

    /// <summary>Beta(2, 2) on every probability under <see cref="FamilyMixtureOptions.UsePriors"/>.</summary>
    public override IPartFamily Part(Dataset data, int[] columns, int components, FamilyMixtureOptions options) =>
        PartFamily.Of(new BernoulliFamily(options.UsePriors ? BetaPrior.Laplace : null), columns);

    public override ColumnGroupParameters Describe(ImmutableArray<int> columns, object component) => component is BernoulliComponent bernoulli
        ? new BernoulliGroupParameters(columns, [.. bernoulli.Probabilities.ToArray()])
        : throw Unexpected(component);

    public override Type GroupDocumentType => typeof(GroupDocument<BernoulliParametersDocument>);

    public override IJsonTypeInfoResolver GroupDocumentContract => BernoulliModelFileJson.Default;

    public override GroupDocument Save(int[] columns, IReadOnlyList<ColumnGroupParameters> components) =>
        SaveAs(columns, components, (BernoulliGroupParameters p) => new BernoulliParametersDocument([.. p.Probabilities]));

    public override (IPartFamily Family, object[] Components) Load(GroupDocument group, ModelFileField parameters, int components, CovarianceType covariance) =>
        (PartFamily.Of(new BernoulliFamily(), group.Columns),
         LoadVectors(Saved<BernoulliParametersDocument>(group, parameters, components), parameters, "probabilities", p => p.Probabilities, group.Columns.Length, probabilities => BernoulliComponent.Create(probabilities)));
}
