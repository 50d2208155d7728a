using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;

namespace EmFunctional.Core;

/// <summary>
/// One E-step over a chunk of row blocks: joint log-densities, responsibilities and the folding of
/// each block into per-component accumulators that this chunk owns. The buffers and accumulators are
/// local to <see cref="Run"/>, so chunks can run on any threads.
/// </summary>
internal sealed class EStepPass<TComponent, TStatistics>(
    IComponentFamily<TComponent, TStatistics> family,
    Dataset data,
    Mixture<TComponent> mixture,
    Mixture<TComponent>? previous)
    where TStatistics : IComponentStatistics
{
    private readonly double[] _logWeights = MixtureDensity.LogWeights(mixture);
    private readonly double[]? _previousLogWeights = previous is null ? null : MixtureDensity.LogWeights(previous);

    /// <summary>What a chunk contributes: its statistics, Σ w log p, Σ w ‖Δr‖² and its first unexplained row (or −1).</summary>
    public readonly record struct ChunkResult(TStatistics[] Statistics, double LogLikelihood, double SquaredResponsibilityChange, int UnexplainedRow);

    public ChunkResult Run(int chunk, int chunks)
    {
        var k = mixture.Count;
        var d = data.Columns;
        var accumulator = family.CreateAccumulator(k, d);
        var joint = new double[RowBlocks.Size * k];
        var previousJoint = previous is null ? null : new double[RowBlocks.Size * k];
        var previousLogDensity = previous is null ? null : new double[RowBlocks.Size];
        var logDensity = new double[RowBlocks.Size];
        var logLikelihood = 0.0;
        var squaredChange = 0.0;

        var (firstBlock, blockCount) = RowBlocks.ChunkBlocks(chunk, chunks, data.Rows);
        for (var b = firstBlock; b < firstBlock + blockCount; b++)
        {
            var (start, rows) = RowBlocks.Range(b, data.Rows);
            var block = data.Block(start, rows);
            MixtureDensity.JointLogDensities(family, mixture, _logWeights, block, d, rows, joint);
            MixtureDensity.Normalize(joint, rows, k, logDensity);
            var bad = MixtureDensity.FirstUnexplainedRow(data, start, logDensity.AsSpan(0, rows));
            if (bad >= 0) return new ChunkResult([], 0, 0, start + bad);
            for (var r = 0; r < rows; r++)
            {
                var w = data.Weight(start + r);
                if (w > 0) logLikelihood += w * logDensity[r];
            }

            if (previousJoint is not null)
            {
                MixtureDensity.JointLogDensities(family, previous!, _previousLogWeights, block, d, rows, previousJoint);
                MixtureDensity.Normalize(previousJoint, rows, k, previousLogDensity);
                var previousBad = MixtureDensity.FirstUnexplainedRow(data, start, previousLogDensity.AsSpan(0, rows));
                if (previousBad >= 0) return new ChunkResult([], 0, 0, start + previousBad);
                for (var r = 0; r < rows; r++)
                {
                    var rowChange = 0.0;
                    for (var c = 0; c < k; c++)
                    {
                        var delta = joint[r * k + c] - previousJoint[r * k + c];
                        rowChange += delta * delta;
                    }
                    squaredChange += data.Weight(start + r) * rowChange;
                }
            }

            accumulator.Add(block, joint.AsSpan(0, rows * k), data.BlockWeights(start, rows));
        }

        return new ChunkResult(accumulator.Results(), logLikelihood, squaredChange, -1);
    }
}
