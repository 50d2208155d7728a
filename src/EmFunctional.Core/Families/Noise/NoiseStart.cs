using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Families.Noise;

/// <summary>
/// How a fit with a noise component starts, as mclust's does: from a first guess of which rows are noise
/// (<see cref="NearestNeighbourCleaning"/>, or the caller's), the signal family's own start on the other rows
/// (<see cref="Fitting.Start{TComponent,TStatistics}"/>, e.g. the hierarchical tree of those rows), and the noise
/// component with the guessed rows' share of the weight.
/// </summary>
public static class NoiseStart
{
    /// <summary>
    /// The starting mixture of restart <paramref name="restart"/>: <paramref name="components"/> signal components
    /// started by <paramref name="options"/>' initialization on the rows <paramref name="noise"/> does not mark, their
    /// weights scaled by 1 − π_0, and last the noise component with π_0, the marked rows' share of the total weight
    /// (one row's share when none is marked, so that EM can still give it rows). Left when fewer rows than
    /// components are left for the signal, or as the signal family's start fails.
    /// </summary>
    public static Either<Error, Mixture<NoisyComponent<TComponent>>> Start<TComponent, TStatistics>(
        NoiseFamily<TComponent, TStatistics> family,
        Dataset data,
        IReadOnlyList<bool> noise,
        int components,
        EmOptions options,
        int restart,
        CancellationToken cancellation = default)
        where TComponent : class
        where TStatistics : IComponentStatistics
    {
        if (noise.Count != data.Rows) return Errors.InvalidInput($"the noise guess has {noise.Count} entries for {data.Rows} rows");
        var kept = Enumerable.Range(0, data.Rows).Where(i => !noise[i] && data.Weight(i) > 0).ToArray();
        if (kept.Length < components)
            return Errors.InvalidInput($"only {kept.Length} rows are not guessed to be noise, fewer than the {components} components to start from them");
        var values = new double[kept.Length * data.Columns];
        var weights = new double[kept.Length];
        for (var j = 0; j < kept.Length; j++)
        {
            data.Row(kept[j]).CopyTo(values.AsSpan(j * data.Columns, data.Columns));
            weights[j] = data.Weight(kept[j]);
        }
        var total = data.TotalWeight;
        var noiseWeight = Enumerable.Range(0, data.Rows).Where(i => noise[i]).Sum(data.Weight) / total;
        if (noiseWeight <= 0) noiseWeight = 1 / Math.Max(total, 2);
        return Dataset.Create(values, kept.Length, data.Columns, data.IsWeighted ? weights : default)
            .Match(Succ: signalRows => Fitting.Start(family.Signal, signalRows, components, options, restart, cancellation), Fail: errors => errors.Head)
            .Map(start => new Mixture<NoisyComponent<TComponent>>(
                start.Weights.Map(weight => weight * (1 - noiseWeight)).Add(noiseWeight),
                start.Components.Map(NoisyComponent<TComponent>.Of).Add(NoisyComponent<TComponent>.Noise)));
    }
}
