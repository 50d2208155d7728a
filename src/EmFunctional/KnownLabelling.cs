using System.Collections.Immutable;
using System.Globalization;
using EmFunctional.Core;

namespace EmFunctional;

/// <summary>
/// Partially labelled rows as the core wants them: the known label of each row (null: unknown) turned
/// into a component index. The distinct labels are ordered, in ordinal order, or numerically when every
/// one is an integer, and the i-th names component i; components beyond the labels stay unnamed.
/// </summary>
internal sealed record KnownLabelling(int[] Components, ImmutableArray<string> Names)
{
    /// <summary>The labelling of <paramref name="labels"/> (null when there are none) for a fit of <paramref name="components"/> components.</summary>
    /// <exception cref="ArgumentException">The count differs from the rows, or there are more distinct labels than components.</exception>
    public static KnownLabelling? Of(IReadOnlyList<string?>? labels, int rows, int components, string parameter)
    {
        if (labels is null) return null;
        if (labels.Count != rows)
            throw new ArgumentException($"{labels.Count} known labels were given but the data has {rows} rows; give one per row (null where unknown)", parameter);
        var names = Distinct(labels);
        if (names.Length > components)
            throw new ArgumentException(
                $"the known labels name {names.Length} classes ({string.Join(", ", names.Take(10))}{(names.Length > 10 ? ", …" : "")}) but {components} component{(components == 1 ? " was" : "s were")} asked for; fit at least {names.Length} components", parameter);
        var index = names.Select((name, i) => (name, i)).ToDictionary(pair => pair.name, pair => pair.i, StringComparer.Ordinal);
        var known = new int[rows];
        for (var i = 0; i < rows; i++) known[i] = labels[i] is { } label ? index[label] : -1;
        return new KnownLabelling(known, names);
    }

    /// <summary>The distinct labels, in the order that makes them components 0, 1, …</summary>
    public static ImmutableArray<string> Distinct(IEnumerable<string?> labels)
    {
        var distinct = labels.OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var integers = distinct.All(name => long.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
        return integers
            ? [.. distinct.OrderBy(name => long.Parse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))]
            : [.. distinct.OrderBy(name => name, StringComparer.Ordinal)];
    }

    /// <summary>Integer labels as the names <see cref="Of"/> takes.</summary>
    public static string?[] FromIntegers(IReadOnlyList<int?> labels) =>
        [.. labels.Select(label => label?.ToString(CultureInfo.InvariantCulture))];

    /// <summary>The data set with these known components.</summary>
    public Dataset Apply(Dataset data) => data.WithKnownComponents(Components).Match(
        known => known,
        errors => throw new ArgumentException(string.Join("; ", errors.Select(e => e.Message)), "knownLabels"));

    /// <summary>
    /// What every labelled <c>Fit</c> overload does first: <paramref name="options"/> (or
    /// <paramref name="defaults"/>) with <see cref="EmSettings.KnownLabels"/> set, and the number of
    /// components — <paramref name="components"/>, or the number of classes.
    /// </summary>
    public static (TOptions Options, int Components) Labelled<TOptions>(TOptions? options, TOptions defaults, IReadOnlyList<string?> knownLabels, int? components)
        where TOptions : EmSettings
    {
        ArgumentNullException.ThrowIfNull(knownLabels);
        return ((TOptions)((EmSettings)(options ?? defaults) with { KnownLabels = knownLabels }), components ?? ClassCount(knownLabels));
    }

    /// <summary>The number of distinct known labels, the default number of components.</summary>
    public static int ClassCount(IReadOnlyList<string?> knownLabels)
    {
        var count = Distinct(knownLabels).Length;
        return count > 0 ? count : throw new ArgumentException("the known labels are all null: label at least one row, or fit without labels", nameof(knownLabels));
    }

    /// <summary>
    /// <paramref name="data"/> with the known components of <paramref name="settings"/>' labels, and the
    /// components' names (default without labels): what a labelled fit or iteration runs on and reports.
    /// </summary>
    public static (Dataset Data, ImmutableArray<string?> Names) Apply(EmSettings settings, Dataset data, int components) =>
        Of(settings.KnownLabels, data.Rows, components, "options") is { } labelling
            ? (labelling.Apply(data), labelling.ComponentLabels(components))
            : (data, default);

    /// <summary>The name of each of <paramref name="components"/> components (null for an unnamed one).</summary>
    public ImmutableArray<string?> ComponentLabels(int components) =>
        [.. Enumerable.Range(0, components).Select(k => k < Names.Length ? Names[k] : null)];
}
