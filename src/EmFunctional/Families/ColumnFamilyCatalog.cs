namespace EmFunctional;

/// <summary>
/// The column families this library has, and how they are called: what a tool needs to offer them by
/// name (as <c>em --family</c> does) and to name them in reports and messages.
/// </summary>
public static class ColumnFamilyCatalog
{
    /// <summary>Every column family, in the order messages and help texts list them.</summary>
    public static IReadOnlyList<ColumnFamily> All { get; } = [.. ColumnFamilyRegistry.All.Select(definition => definition.Family)];

    /// <summary>The family's word in model files and on the command line: "gaussian", "bernoulli", "categorical", "poisson".</summary>
    public static string Word(ColumnFamily family) => ColumnFamilyRegistry.Of(family).Word;

    /// <summary>The family's name in prose: "Gaussian", "Bernoulli", "categorical", "Poisson".</summary>
    public static string Name(ColumnFamily family) => ColumnFamilyRegistry.Of(family).Name;

    /// <summary>The <see cref="FamilyChoice"/> that makes every column of <paramref name="family"/>.</summary>
    public static FamilyChoice Choice(ColumnFamily family) => ColumnFamilyRegistry.Of(family).Choice;

    /// <summary>
    /// Why <paramref name="value"/> cannot be in a column of <paramref name="family"/>, as a clause that starts with
    /// the value ("2 is not 0 or 1; a Bernoulli column holds only 0 and 1"), or null when it can. The check
    /// <c>FamilyMixture.Fit</c> makes
    /// of every value; a fitted model's own check is <see cref="FamilyMixtureModel.ValueProblem"/>.
    /// </summary>
    public static string? Problem(ColumnFamily family, double value) => ColumnFamilyRegistry.Of(family).Problem(value, null);
}
