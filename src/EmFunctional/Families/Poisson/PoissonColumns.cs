using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>Count columns: one Poisson rate per column and component.</summary>
internal sealed class PoissonColumns() : ColumnFamilyDefinition<PoissonGroupParameters, PoissonParametersDocument>(ColumnFamily.Poisson, FamilyChoice.Poisson, "Poisson", PoissonModelFileJson.Default)
{
    public override string? Problem(double value, int? categories) =>
        value != Math.Floor(value) || value < 0 ? $"{Show(value)} is not a count; a Poisson column holds non-negative integers"
        : value > int.MaxValue ? $"{Show(value)} is too large a count; a Poisson column holds counts up to {int.MaxValue}"
        : null;

    /// <summary>The default Gamma prior (<see cref="DefaultGammaPrior"/>) under <see cref="FamilyMixtureOptions.UsePriors"/>.</summary>
    public override IPartFamily Part(Dataset data, int[] columns, int components, FamilyMixtureOptions options) =>
        PartFamily.Of(new PoissonFamily(options.UsePriors ? DefaultGammaPrior(Columns(data, columns)) : null), columns);

    public override ColumnGroupParameters Describe(ImmutableArray<int> columns, object component) => component is PoissonComponent poisson
        ? new PoissonGroupParameters(columns, [.. poisson.Rates.ToArray()])
        : throw Unexpected(component);

    protected override PoissonParametersDocument Save(PoissonGroupParameters group) => new([.. group.Rates]);

    protected override (IPartFamily Family, object[] Components) Load(PoissonParametersDocument[] saved, ModelFileField parameters, int[] columns, CovarianceType covariance) =>
        (PartFamily.Of(new PoissonFamily(), columns), LoadVectors(saved, parameters, "rates", p => p.Rates, columns.Length, rates => PoissonComponent.Create(rates)));

    /// <summary>Gamma(1 + c·m, c) with c = 0.01: the weight of a hundredth of a row at the mean count m.</summary>
    private static GammaPrior DefaultGammaPrior(Dataset columns)
    {
        const double rows = 0.01;
        var mean = 0.0;
        for (var i = 0; i < columns.Rows; i++)
            foreach (var value in columns.Row(i)) mean += columns.Weight(i) * value;
        mean /= columns.TotalWeight * columns.Columns;
        return new GammaPrior(1 + rows * mean, rows);
    }
}
