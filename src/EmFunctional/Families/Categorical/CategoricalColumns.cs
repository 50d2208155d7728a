using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>Columns of integer category codes: one probability vector per column and component.</summary>
internal sealed class CategoricalColumns : ColumnFamilyDefinition
{
    public override ColumnFamily Family => ColumnFamily.Categorical;

    public override string? Problem(double value, int? categories) =>
        !IsCount(value) ? "a categorical column holds integer codes 0, 1, 2, …"
        : value > ColumnChecks.LargestCategoryCode ? $"a categorical column holds codes 0 to {ColumnChecks.LargestCategoryCode}"
        : categories is { } seen && value >= seen ? $"the model saw codes 0 to {seen - 1} in this column when it was fitted"
        : null;

    /// <summary>The categories the data show; Dirichlet(2) on every probability vector under <see cref="FamilyMixtureOptions.UsePriors"/>.</summary>
    public override IPartFamily Part(Dataset data, int[] columns, int components, FamilyMixtureOptions options) =>
        PartFamily.Of(Valid(CategoricalFamily.ForData(Columns(data, columns), options.UsePriors ? DirichletPrior.Laplace : null)), columns);

    public override ColumnGroupParameters Describe(ImmutableArray<int> columns, object component) => component is CategoricalComponent categorical
        ? new CategoricalGroupParameters(columns, [.. categorical.ToArrays().Select(p => p.ToImmutableArray())])
        : throw Unexpected(component);
}
