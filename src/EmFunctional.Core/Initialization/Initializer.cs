using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Initialization;

/// <summary>Turns an <see cref="InitializationStrategy"/> and a seed into a starting mixture.</summary>
public static class Initializer
{
    /// <summary>
    /// The starting mixture of <paramref name="components"/> components for <paramref name="data"/>.
    /// Deterministic: the same seed gives the same mixture. Left when the data has fewer distinct rows
    /// than components, or the first M-step finds a degenerate component. With known components
    /// (partially labelled rows) the start's components are ordered so that component y is the one that
    /// best explains the rows known to be y (see <see cref="LabelAlignment"/>).
    /// </summary>
    public static Either<Error, Mixture<TComponent>> Initialize<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        InitializationStrategy strategy,
        ulong seed,
        Degeneracy.DegeneracyPolicy? degeneracy = null)
        where TStatistics : IComponentStatistics =>
        Seed(family, data, components, strategy, seed, degeneracy)
            .Map(start => data.HasKnownComponents ? LabelAlignment.Align(family, data, start) : start);

    private static Either<Error, Mixture<TComponent>> Seed<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        InitializationStrategy strategy,
        ulong seed,
        Degeneracy.DegeneracyPolicy? degeneracy)
        where TStatistics : IComponentStatistics
    {
        if (components < 1) return Errors.InvalidInput($"components is {components}; it must be at least 1");
        // Seeding measures whole rows: missing cells take their column's mean (EM itself then uses only the observed cells).
        data = data.Completed;
        var distinct = data.CountDistinctRows(components);
        if (distinct < components) return Errors.TooFewDistinctRows(distinct, components);
        var random = RandomSource.Create(seed);
        switch (strategy)
        {
            case InitializationStrategy.RandomFromData:
                return DistinctRows(data, components, ref random).Map(rows =>
                {
                    var weight = 1.0 / components;
                    var mixtureWeights = Enumerable.Repeat(weight, components).ToArr();
                    var centered = rows.Select(row => family.CenteredAt(data.Row(row))).ToArr();
                    return new Mixture<TComponent>(mixtureWeights, centered);
                });
            case InitializationStrategy.KMeansPlusPlus:
                return KMeansSeeding.PlusPlus(data, components, ref random).Bind(centers =>
                    FromLabels(family, data, components, KMeansSeeding.Assign(data, centers, components), degeneracy));
            case InitializationStrategy.KMeans kMeans:
                return KMeansSeeding.PlusPlus(data, components, ref random).Bind(centers =>
                    FromLabels(family, data, components, KMeansSeeding.Lloyd(data, centers, components, kMeans.MaximumIterations), degeneracy));
            case InitializationStrategy.Hierarchical:
                return HierarchicalAgglomeration.Labels(data, components).Bind(labels =>
                    FromLabels(family, data, components, labels, degeneracy));
            case InitializationStrategy.RandomResponsibilities:
                var stream = random;
                return Em.EstimateFromResponsibilities(family, data, components, (start, rows, responsibilities) =>
                {
                    for (var r = 0; r < rows; r++)
                    {
                        var row = responsibilities.Slice(r * components, components);
                        var total = 0.0;
                        for (var c = 0; c < components; c++) total += row[c] = stream.NextDouble() + 1e-10;
                        for (var c = 0; c < components; c++) row[c] /= total;
                    }
                }, degeneracy);
            case InitializationStrategy.ShortEm:
                return Errors.InvalidInput("the short-EM search runs EM steps, so it starts through Fitting.Start, not Initializer.Initialize");
            default:
                return Errors.InvalidInput($"unknown initialization strategy {strategy}");
        }
    }

    private static Either<Error, Mixture<TComponent>> FromLabels<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, int components, int[] labels, Degeneracy.DegeneracyPolicy? degeneracy)
        where TStatistics : IComponentStatistics =>
        Em.EstimateFromResponsibilities(family, data, components, (start, rows, responsibilities) =>
        {
            responsibilities.Clear();
            for (var r = 0; r < rows; r++) responsibilities[r * components + labels[start + r]] = 1.0;
        }, degeneracy);

    /// <summary>K rows with pairwise different values, drawn uniformly among rows with positive weight.</summary>
    private static Either<Error, int[]> DistinctRows(Dataset data, int components, ref RandomSource random)
    {
        var candidates = Enumerable.Range(0, data.Rows).Where(i => data.Weight(i) > 0).ToArray();
        var chosen = new List<int>(components);
        // A partial Fisher–Yates shuffle: draw without replacement until K distinct values are found.
        for (var i = 0; i < candidates.Length && chosen.Count < components; i++)
        {
            var j = i + random.NextInt(candidates.Length - i);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
            var row = data.Row(candidates[i]);
            var duplicate = false;
            foreach (var c in chosen)
                if (data.Row(c).SequenceEqual(row)) { duplicate = true; break; }
            if (!duplicate) chosen.Add(candidates[i]);
        }
        return chosen.Count == components
            ? chosen.ToArray()
            : Errors.TooFewDistinctRows(chosen.Count, components);
    }
}
