using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using EmFunctional.Core;
using EmFunctional.Core.Families.Product;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional;

/// <summary>
/// Everything the facade, the model file and the <c>em</c> tool know of one column family: its words, which
/// values its columns may hold, how its part of a <see cref="ProductFamily"/> is built from the options, how
/// a fitted component of the core becomes its public parameters, and how a column group of the family is
/// saved in and read from a model file. One subclass per family lives in <c>Families/&lt;Name&gt;/</c>;
/// <see cref="ColumnFamilyRegistry"/> registers them.
/// </summary>
/// <param name="family">The family this defines.</param>
/// <param name="choice">The <see cref="FamilyChoice"/> that makes every column of this family.</param>
/// <param name="name">The family's name in prose: "Gaussian", "categorical".</param>
/// <param name="groupDocumentContract">The source-generated contract of the family's model-file group.</param>
internal abstract class ColumnFamilyDefinition(ColumnFamily family, FamilyChoice choice, string name, IJsonTypeInfoResolver groupDocumentContract)
{
    /// <summary>The family this defines.</summary>
    public ColumnFamily Family { get; } = family;

    /// <summary>The <see cref="FamilyChoice"/> that makes every column of this family.</summary>
    public FamilyChoice Choice { get; } = choice;

    /// <summary>The family's word in model files and on the command line: "gaussian", "poisson".</summary>
    public string Word { get; } = ModelFileSpellings.Word(family);

    /// <summary>The family's name in prose: "Gaussian", "categorical".</summary>
    public string Name { get; } = name;

    /// <summary>
    /// Why <paramref name="value"/> cannot be in a column of this family, as a clause that starts with the
    /// value ("2 is not 0 or 1; a Bernoulli column holds only 0 and 1"), or null when it can;
    /// <paramref name="categories"/> is the number of codes a fitted model saw in the column (null when fitting).
    /// </summary>
    public abstract string? Problem(double value, int? categories);

    /// <summary>This family's part of the product family, over <paramref name="columns"/> of <paramref name="data"/>.</summary>
    public abstract IPartFamily Part(Dataset data, int[] columns, int components, FamilyMixtureOptions options);

    /// <summary>A fitted core component of this family as its public parameters over <paramref name="columns"/>.</summary>
    public abstract ColumnGroupParameters Describe(ImmutableArray<int> columns, object component);

    /// <summary>The type of this family's column group in a model file: a <see cref="GroupDocument{TParameters}"/>.</summary>
    public abstract Type GroupDocumentType { get; }

    /// <summary>The source-generated contract of <see cref="GroupDocumentType"/>.</summary>
    public IJsonTypeInfoResolver GroupDocumentContract { get; } = groupDocumentContract;

    /// <summary>A column group of this family as the model file holds it: its columns and each component's parameters.</summary>
    public abstract GroupDocument Save(int[] columns, IReadOnlyList<ColumnGroupParameters> components);

    /// <summary>
    /// The core's part family and one core component per component from a saved group of this family,
    /// every number checked (a bad one is a <see cref="ModelFileException"/> naming its place under
    /// <paramref name="parameters"/>); <paramref name="covariance"/> is the model's covariance type.
    /// </summary>
    public abstract (IPartFamily Family, object[] Components) Load(GroupDocument group, ModelFileField parameters, int components, CovarianceType covariance);

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

    /// <summary>A value as a message shows it: the shortest form that reads back the same, invariant culture.</summary>
    protected static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Components that are one number per column under <paramref name="name"/> (Bernoulli probabilities,
    /// Poisson rates), each built by <paramref name="create"/>, which checks the numbers.
    /// </summary>
    protected static object[] LoadVectors<TDocument, TComponent>(TDocument[] saved, ModelFileField parameters, string name, Func<TDocument, double[]> values,
        int columns, Func<double[], Either<Error, TComponent>> create)
        where TComponent : notnull =>
        [.. saved.Select((document, c) =>
        {
            var at = parameters[c][name];
            return (object)create([.. at.Items(values(document), columns, "columns in this group")]).Match(
                Right: component => component,
                Left: error => throw at.Error(error.Message));
        })];
}
