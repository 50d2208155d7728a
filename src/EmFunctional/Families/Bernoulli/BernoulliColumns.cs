using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>Binary columns: one success probability per column and component.</summary>
internal sealed class BernoulliColumns() : ColumnFamilyDefinition<BernoulliGroupParameters, BernoulliParametersDocument>(ColumnFamily.Bernoulli, FamilyChoice.Bernoulli, "Bernoulli", BernoulliModelFileJson.Default)
{
    public override string? Problem(double value, int? categories) =>
        value is 0 or 1 ? null : $"{Show(value)} is not 0 or 1; a Bernoulli column holds only 0 and 1";

    /// <summary>Beta(2, 2) on every probability under <see cref="FamilyMixtureOptions.UsePriors"/>.</summary>
    public override IPartFamily Part(Dataset data, int[] columns, int components, FamilyMixtureOptions options) =>
        PartFamily.Of(new BernoulliFamily(options.UsePriors ? BetaPrior.Laplace : null), columns);

    public override ColumnGroupParameters Describe(ImmutableArray<int> columns, object component) => component is BernoulliComponent bernoulli
        ? new BernoulliGroupParameters(columns, [.. bernoulli.Probabilities.ToArray()])
        : throw Unexpected(component);

    protected override BernoulliParametersDocument Save(BernoulliGroupParameters group) => new([.. group.Probabilities]);

    protected override (IPartFamily Family, object[] Components) Load(BernoulliParametersDocument[] saved, ModelFileField parameters, int[] columns, CovarianceType covariance) =>
        (PartFamily.Of(new BernoulliFamily(), columns),
         LoadVectors(saved, parameters, "probabilities", p => p.Probabilities, columns.Length, probabilities => BernoulliComponent.Create(probabilities)));
}
