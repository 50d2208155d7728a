using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Product;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional;

/// <summary>
/// What the facade knows of one column family: which values its columns may hold, how its part of a
/// <see cref="ProductFamily"/> is built from the options, and how a fitted component of the core becomes its
/// public parameters. One subclass per family lives in <c>Families/&lt;Name&gt;/</c>; <see cref="ColumnFamilyRegistry"/>
/// registers them.
/// </summary>
internal abstract class ColumnFamilyDefinition
{
    /// <summary>The family this defines.</summary>
    public abstract ColumnFamily Family { get; }

    /// <summary>
    /// Why <paramref name="value"/> cannot be in a column of this family, or null when it can;
    /// <paramref name="categories"/> is the number of codes a fitted model saw in the column (null when fitting).
    /// </summary>
    public abstract string? Problem(double value, int? categories);

    /// <summary>This family's part of the product family, over <paramref name="columns"/> of <paramref name="data"/>.</summary>
    public abstract IPartFamily Part(Dataset data, int[] columns, int components, FamilyMixtureOptions options);

    /// <summary>A fitted core component of this family as its public parameters over <paramref name="columns"/>.</summary>
    public abstract ColumnGroupParameters Describe(ImmutableArray<int> columns, object component);

    /// <summary>A data set of the given columns only (with the same weights): copied only where a prior or the categories need them.</summary>
    protected static Dataset Columns(Dataset data, int[] columns)
    {
        var values = new double[(long)data.Rows * columns.Length];
        for (var i = 0; i < data.Rows; i++)
        {
            var row = data.Row(i);
            for (var j = 0; j < columns.Length; j++) values[(long)i * columns.Length + j] = row[columns[j]];
        }
        var weights = data.IsWeighted ? Enumerable.Range(0, data.Rows).Select(data.Weight).ToArray() : null;
        return Valid(Dataset.Adopt(values, data.Rows, columns.Length, weights));
    }

    /// <summary>The value, or an <see cref="ArgumentException"/> with every problem.</summary>
    protected static T Valid<T>(Validation<Error, T> value) => value.Match(
        Succ: v => v,
        Fail: errors => throw new ArgumentException(string.Join("; ", errors.Map(e => e.Message))));

    /// <summary>A component of the wrong type for this family: a bug, not an input problem.</summary>
    protected InvalidOperationException Unexpected(object component) =>
        new($"no description for a {Family} component of type {component.GetType().Name}");

    /// <summary>A non-negative integer that fits an <see cref="int"/>.</summary>
    protected static bool IsCount(double value) => value >= 0 && value == Math.Floor(value) && value <= int.MaxValue;
}
