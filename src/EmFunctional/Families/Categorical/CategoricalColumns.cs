using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>Columns of integer category codes: one probability vector per column and component.</summary>
internal sealed class CategoricalColumns() : ColumnFamilyDefinition<CategoricalGroupParameters, CategoricalParametersDocument>(ColumnFamily.Categorical, FamilyChoice.Categorical, "categorical", CategoricalModelFileJson.Default)
{
    public override string? Problem(double value, int? categories) =>
        value != Math.Floor(value) || value < 0 ? $"{Show(value)} is not a category code; a categorical column holds integer codes 0, 1, 2, ..."
        : value > ColumnChecks.LargestCategoryCode ? $"{Show(value)} is too large a category code; a categorical column holds codes 0 to {ColumnChecks.LargestCategoryCode}"
        : categories is { } seen && value >= seen ? $"{Show(value)} is a category code the model never saw; it was fitted on codes 0 to {seen - 1} in this column"
        : null;

    /// <summary>The categories the data show; Dirichlet(2) on every probability vector under <see cref="FamilyMixtureOptions.UsePriors"/>.</summary>
    public override IPartFamily Part(Dataset data, int[] columns, int components, FamilyMixtureOptions options) =>
        PartFamily.Of(Valid(CategoricalFamily.ForData(Columns(data, columns), options.UsePriors ? DirichletPrior.Laplace : null)), columns);

    public override ColumnGroupParameters Describe(ImmutableArray<int> columns, object component) => component is CategoricalComponent categorical
        ? new CategoricalGroupParameters(columns, [.. categorical.ToArrays().Select(p => p.ToImmutableArray())])
        : throw Unexpected(component);

    protected override CategoricalParametersDocument Save(CategoricalGroupParameters group) => new([.. group.Probabilities.Select(row => row.ToArray())]);

    /// <summary>The first component fixes each column's number of categories; the others must agree.</summary>
    protected override (IPartFamily Family, object[] Components) Load(CategoricalParametersDocument[] saved, ModelFileField parameters, int[] groupColumns, CovarianceType covariance)
    {
        var columns = groupColumns.Length;
        int[]? categories = null;
        var loaded = new object[saved.Length];
        for (var c = 0; c < saved.Length; c++)
        {
            var at = parameters[c]["probabilities"];
            var vectors = at.Items(saved[c].Probabilities, columns, "columns in this group");
            var probabilities = new double[columns][];
            for (var j = 0; j < columns; j++)
            {
                probabilities[j] = [.. at[j].Items(vectors[j], categories?[j], categories is null ? null : "categories in this column (as in component 0)")];
                if (probabilities[j].Length is 0 or > CategoricalFamily.MaximumCategories)
                    throw at[j].Error($"has {probabilities[j].Length} probabilities; a categorical column has 1 to {CategoricalFamily.MaximumCategories} categories");
            }
            categories ??= [.. probabilities.Select(vector => vector.Length)];
            loaded[c] = CategoricalComponent.Create(probabilities).Match(
                Right: component => component,
                Left: error => throw at.Error(error.Message));
        }
        return (PartFamily.Of(new CategoricalFamily(categories!.ToArr()), groupColumns), loaded);
    }
}
