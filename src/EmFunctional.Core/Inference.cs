using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core;

/// <summary>
/// What a fitted mixture says about rows: responsibilities, labels, log-densities, log-likelihood and
/// samples. Pure; each function makes one blocked pass over the data and materializes only what it
/// returns.
/// </summary>
public static class Inference
{
    private delegate void BlockConsumer(int chunk, DataBlock block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> logDensities);

    /// <summary>
    /// Per row: the responsibilities r_ik (N×K row-major) and log p(x_i). Materialized because the
    /// caller asked for them.
    /// </summary>
    public static Either<Error, (double[] Responsibilities, double[] LogDensities)> Evaluate<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture, int maxDegreeOfParallelism = -1)
        where TStatistics : IComponentStatistics
    {
        var k = mixture.Count;
        var responsibilities = new double[(long)data.Rows * k];
        var logDensities = new double[data.Rows];
        return ForEachBlock(family, data, mixture, maxDegreeOfParallelism, (_, block, blockResponsibilities, blockLogDensities) =>
        {
            for (var r = 0; r < block.Rows; r++)
            {
                var row = block.DataRow(r);
                blockResponsibilities.Slice(r * k, k).CopyTo(responsibilities.AsSpan(row * k, k));
                logDensities[row] = blockLogDensities[r];
            }
        }).Map(_ => (responsibilities, logDensities));
    }

    /// <summary>log p(x_i | mixture) for each row, without materializing responsibilities.</summary>
    public static Either<Error, double[]> LogDensities<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture, int maxDegreeOfParallelism = -1)
        where TStatistics : IComponentStatistics
    {
        var logDensities = new double[data.Rows];
        return ForEachBlock(family, data, mixture, maxDegreeOfParallelism, (_, block, _, blockLogDensities) =>
            {
                for (var r = 0; r < block.Rows; r++) logDensities[block.DataRow(r)] = blockLogDensities[r];
            })
            .Map(_ => logDensities);
    }

    /// <summary>Σ_i w_i log p(x_i | mixture), in one pass with memory independent of N.</summary>
    public static Either<Error, double> LogLikelihood<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture, int maxDegreeOfParallelism = -1)
        where TStatistics : IComponentStatistics
    {
        // One partial sum per chunk, added in chunk order: the same total on any number of threads (and the
        // same as the E-step's, which sums the same way).
        var partial = new double[RowBlocks.ChunkCount(data.Rows)];
        return ForEachBlock(family, data, mixture, maxDegreeOfParallelism, (chunk, block, _, blockLogDensities) =>
        {
            for (var r = 0; r < block.Rows; r++)
            {
                var w = block.Weights[r];
                if (w > 0) partial[chunk] += w * blockLogDensities[r];
            }
        }).Map(_ => partial.Sum());
    }

    /// <summary>
    /// Every row block, chunk by chunk of the fixed partition (<see cref="RowBlocks"/>), on up to
    /// <paramref name="maxDegreeOfParallelism"/> threads (−1: all cores); within a chunk the blocks come in
    /// order. The first unexplained row of the data is the error, whichever thread found it.
    /// </summary>
    private static Either<Error, Unit> ForEachBlock<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture, int maxDegreeOfParallelism, BlockConsumer consumer)
        where TStatistics : IComponentStatistics
    {
        if (data.HasMissing && !family.ModelsMissingCells) return Errors.MissingCellsNotModelled(family.GetType().Name);
        if (data.LargestKnownComponent >= mixture.Count) return Errors.KnownComponentOutOfRange(data.LargestKnownComponent, mixture.Count);
        var k = mixture.Count;
        var logWeights = MixtureDensity.LogWeights(mixture);
        var chunks = RowBlocks.ChunkCount(data.Rows);
        var unexplained = new int[chunks];

        void RunChunk(int chunk)
        {
            var joint = new double[RowBlocks.Size * k];
            var logDensity = new double[RowBlocks.Size];
            unexplained[chunk] = -1;
            var reader = new BlockReader(data);
            var (firstBlock, blockCount) = BlockReader.Chunk(data, chunk, chunks);
            for (var b = firstBlock; b < firstBlock + blockCount; b++)
            {
                var block = reader.Read(b);
                var rows = block.Rows;
                MixtureDensity.JointLogDensities(family, mixture, logWeights, block.Values, data.Columns, rows, block.Pattern, joint);
                MixtureDensity.Normalize(joint, rows, k, logDensity, block.Known);
                var bad = MixtureDensity.FirstUnexplainedRow(block.Weights, logDensity.AsSpan(0, rows));
                if (bad >= 0)
                {
                    unexplained[chunk] = block.DataRow(bad);
                    return;
                }
                consumer(chunk, block, joint.AsSpan(0, rows * k), logDensity.AsSpan(0, rows));
            }
        }

        if (chunks == 1 || maxDegreeOfParallelism == 1)
            for (var c = 0; c < chunks; c++) RunChunk(c);
        else
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, RunChunk);
        foreach (var row in unexplained)
            if (row >= 0) return Errors.NonFiniteLikelihood(row);
        return unit;
    }

    /// <summary>The most responsible component of each row (the first on ties).</summary>
    public static int[] Labels(double[] responsibilities, int components)
    {
        var labels = new int[responsibilities.Length / components];
        for (var i = 0; i < labels.Length; i++)
        {
            var best = 0;
            for (var c = 1; c < components; c++)
                if (responsibilities[i * components + c] > responsibilities[i * components + best]) best = c;
            labels[i] = best;
        }
        return labels;
    }

    /// <summary>
    /// <paramref name="count"/> rows drawn from the mixture (row-major, count × D) with the component
    /// each came from. Deterministic given <paramref name="seed"/>.
    /// </summary>
    public static (double[] Rows, int[] Labels) Sample<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Mixture<TComponent> mixture, int dimensions, int count, ulong seed)
        where TStatistics : IComponentStatistics
    {
        var random = RandomSource.Create(seed);
        var rows = new double[(long)count * dimensions];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var u = random.NextDouble();
            var component = mixture.Count - 1;
            var cumulative = 0.0;
            for (var c = 0; c < mixture.Count; c++)
            {
                cumulative += mixture.Weights[c];
                if (u < cumulative) { component = c; break; }
            }
            labels[i] = component;
            family.Sample(mixture.Components[component], ref random, rows.AsSpan(i * dimensions, dimensions));
        }
        return (rows, labels);
    }
}
