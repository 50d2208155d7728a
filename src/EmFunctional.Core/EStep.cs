using System.Collections.Concurrent;
using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;

namespace EmFunctional.Core;

/// <summary>
/// One E-step over a chunk of row blocks: joint log-densities, responsibilities and the folding of
/// each block into per-component accumulators that this chunk owns while it runs. A chunk takes a
/// workspace (accumulator and buffers) no other chunk is using and resets it first, so chunks can run
/// on any threads and the result of a chunk does not depend on which workspace it got.
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
    public readonly record struct ChunkResult(TStatistics[] Statistics, double LogLikelihood, double SquaredResponsibilityChange, int UnexplainedRow)
    {
        /// <summary>Up to K rows of the chunk with positive weight and the lowest log p(x_i), lowest first (ties: earlier row).</summary>
        public (int Row, double LogDensity)[] WorstRows { get; init; } = [];
    }

    /// <summary>
    /// Accumulators and block buffers of finished chunks, for the next chunk on any thread: a pass allocates
    /// one set per thread that ran it rather than one per chunk (64 sets of D×D scatter and transposition
    /// buffers per iteration otherwise). Local to this pass, so nothing outlives the E-step.
    /// </summary>
    private readonly ConcurrentBag<Workspace> _workspaces = [];

    public ChunkResult Run(int chunk, int chunks)
    {
        if (!_workspaces.TryTake(out var workspace))
            workspace = new Workspace(
                // At the current components: a family may need them (missing cells' conditional means, an iterative
                // M-step's start); the others' default is the accumulator of that many components.
                family.CreateAccumulator(mixture.Components, data.Columns),
                new BlockReader(data), mixture.Count, previous is not null);
        try
        {
            workspace.Accumulator.Reset();
            workspace.Worst.Clear();
            return Run(chunk, chunks, workspace);
        }
        finally
        {
            _workspaces.Add(workspace);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private ChunkResult Run(int chunk, int chunks, Workspace workspace)
    {
        var k = mixture.Count;
        var d = data.Columns;
        var accumulator = workspace.Accumulator;
        var joint = workspace.Joint;
        var previousJoint = workspace.PreviousJoint;
        var previousLogDensity = workspace.PreviousLogDensity;
        var logDensity = workspace.LogDensity;
        var logLikelihood = 0.0;
        var squaredChange = 0.0;
        var worst = workspace.Worst;

        var (firstBlock, blockCount) = BlockReader.Chunk(data, chunk, chunks);
        for (var b = firstBlock; b < firstBlock + blockCount; b++)
        {
            var block = workspace.Reader.Read(b);
            var rows = block.Rows;
            var weights = block.Weights;
            MixtureDensity.JointLogDensities(family, mixture, _logWeights, block.Values, d, rows, block.Pattern, joint);
            MixtureDensity.Normalize(joint, rows, k, logDensity, block.Known);
            var bad = MixtureDensity.FirstUnexplainedRow(weights, logDensity.AsSpan(0, rows));
            if (bad >= 0) return new ChunkResult([], 0, 0, block.DataRow(bad));
            for (var r = 0; r < rows; r++)
            {
                var w = weights[r];
                if (w > 0)
                {
                    logLikelihood += w * logDensity[r];
                    worst.Offer(block.DataRow(r), logDensity[r]);
                }
            }

            if (previousJoint is not null)
            {
                MixtureDensity.JointLogDensities(family, previous!, _previousLogWeights, block.Values, d, rows, block.Pattern, previousJoint);
                MixtureDensity.Normalize(previousJoint, rows, k, previousLogDensity, block.Known);
                var previousBad = MixtureDensity.FirstUnexplainedRow(weights, previousLogDensity.AsSpan(0, rows));
                if (previousBad >= 0) return new ChunkResult([], 0, 0, block.DataRow(previousBad));
                for (var r = 0; r < rows; r++)
                {
                    var rowChange = 0.0;
                    for (var c = 0; c < k; c++)
                    {
                        var delta = joint[r * k + c] - previousJoint[r * k + c];
                        rowChange += delta * delta;
                    }
                    squaredChange += weights[r] * rowChange;
                }
            }

            if (block.Pattern is null) accumulator.Add(block.Values, joint.AsSpan(0, rows * k), weights);
            else accumulator.Add(block.Values, joint.AsSpan(0, rows * k), weights, block.Pattern);
        }

        return new ChunkResult(accumulator.Results(), logLikelihood, squaredChange, -1) { WorstRows = worst.ToArray() };
    }

    /// <summary>The <c>capacity</c> lowest (log-density, row) pairs offered so far, in ascending order; rows come in increasing order.</summary>
    private sealed class WorstRows(int capacity)
    {
        private readonly (int Row, double LogDensity)[] _kept = new (int, double)[capacity];
        private int _count;

        public void Offer(int row, double logDensity)
        {
            if (_count == capacity && !(logDensity < _kept[_count - 1].LogDensity)) return;
            var at = Math.Min(_count, capacity - 1);
            // Strictly lower values move ahead, so of equal values the earlier row stays first.
            while (at > 0 && logDensity < _kept[at - 1].LogDensity)
            {
                _kept[at] = _kept[at - 1];
                at--;
            }
            _kept[at] = (row, logDensity);
            if (_count < capacity) _count++;
        }

        public (int Row, double LogDensity)[] ToArray() => _kept[.._count];

        public void Clear() => _count = 0;
    }

    /// <summary>Hands the workspaces' block buffers back to the pool; the pass is not run again after it.</summary>
    public void Release()
    {
        while (_workspaces.TryTake(out var workspace)) workspace.Release();
    }

    /// <summary>
    /// What one chunk at a time needs: the accumulator (reset before use) and the per-block buffers, rented
    /// from the shared pool: a small fit runs thousands of E-steps, and a fresh block × K buffer for each was
    /// most of what an iteration allocated (docs/performance.md). Every element is written before it is read.
    /// </summary>
    private sealed class Workspace(IStatisticsAccumulator<TStatistics> accumulator, BlockReader reader, int components, bool trackChange)
    {
        public IStatisticsAccumulator<TStatistics> Accumulator { get; } = accumulator;
        public BlockReader Reader { get; } = reader;
        public double[] Joint { get; } = System.Buffers.ArrayPool<double>.Shared.Rent(RowBlocks.Size * components);
        public double[] LogDensity { get; } = System.Buffers.ArrayPool<double>.Shared.Rent(RowBlocks.Size);
        public double[]? PreviousJoint { get; } = trackChange ? System.Buffers.ArrayPool<double>.Shared.Rent(RowBlocks.Size * components) : null;
        public double[]? PreviousLogDensity { get; } = trackChange ? System.Buffers.ArrayPool<double>.Shared.Rent(RowBlocks.Size) : null;
        public WorstRows Worst { get; } = new(components);

        public void Release()
        {
            System.Buffers.ArrayPool<double>.Shared.Return(Joint);
            System.Buffers.ArrayPool<double>.Shared.Return(LogDensity);
            if (PreviousJoint is not null) System.Buffers.ArrayPool<double>.Shared.Return(PreviousJoint);
            if (PreviousLogDensity is not null) System.Buffers.ArrayPool<double>.Shared.Return(PreviousLogDensity);
        }
    }
}

/// <summary>
/// The joint log-densities log π_k + log p(x_i | θ_k) of a mixture over a block of rows, and their
/// normalization into responsibilities: the one computation the E-step and all inference share.
/// </summary>
internal static class MixtureDensity
{
    /// <summary>log π_k for each component (−∞ for a zero weight).</summary>
    public static double[] LogWeights<TComponent>(Mixture<TComponent> mixture)
    {
        var logWeights = new double[mixture.Count];
        for (var k = 0; k < logWeights.Length; k++) logWeights[k] = Math.Log(mixture.Weights[k]);
        return logWeights;
    }

    /// <summary>
    /// Writes log π_k + log p(x_i | θ_k) into <paramref name="joint"/> (rows × K, row-major) for the
    /// rows of <paramref name="block"/>, all components in one call so the family can share work. With a
    /// <paramref name="pattern"/>, the rows share those missing cells and p is the density of the observed ones.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void JointLogDensities<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Mixture<TComponent> mixture,
        ReadOnlySpan<double> logWeights,
        ReadOnlySpan<double> block,
        int dimensions,
        int rows,
        Missing.MissingPattern? pattern,
        Span<double> joint)
        where TStatistics : IComponentStatistics
    {
        var k = mixture.Count;
        var output = joint[..(rows * k)];
        if (pattern is null) family.LogDensities(mixture.Components, block, dimensions, output);
        else family.LogDensities(mixture.Components, block, dimensions, pattern, output);
        for (var r = 0; r < rows; r++)
        {
            var row = output.Slice(r * k, k);
            for (var c = 0; c < k; c++) row[c] += logWeights[c];
        }
    }

    /// <summary>
    /// Turns each row of <paramref name="joint"/> into responsibilities in place and writes
    /// log p(x_i) = logsumexp_k into <paramref name="logDensity"/>. Responsibilities are
    /// exp(a_k − max) / Σ_j exp(a_j − max) rather than exp(a_k − logsumexp): the latter loses
    /// ε·|log p(x_i)| of accuracy, which matters for rows far from every component. A row whose
    /// log-density is not finite gets zero responsibilities; the caller decides whether that row
    /// matters (a row of weight 0 does not).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Normalize(Span<double> joint, int rows, int components, Span<double> logDensity)
    {
        for (var r = 0; r < rows; r++)
        {
            var row = joint.Slice(r * components, components);
            var max = double.NegativeInfinity;
            var undefined = false;
            foreach (var a in row)
            {
                if (a > max) max = a;
                undefined |= double.IsNaN(a);
            }
            if (undefined || !double.IsFinite(max))
            {
                // Zero responsibilities, so that even a row of weight 0 (whose r·w would be NaN·0) adds nothing.
                logDensity[r] = undefined ? double.NaN : double.NegativeInfinity;
                row.Clear();
                continue;
            }
            var sum = 0.0;
            for (var c = 0; c < components; c++)
            {
                // exp(x) is exactly 0 below −746; the library's underflow path for such x (errno, exceptions)
                // costs tens of times an ordinary exp, and far components hit it on every row.
                var x = row[c] - max;
                sum += row[c] = x < -746 ? 0 : Math.Exp(x);
            }
            var scale = 1.0 / sum;
            for (var c = 0; c < components; c++) row[c] *= scale;
            logDensity[r] = max + Math.Log(sum);
        }
    }

    /// <summary>
    /// <see cref="Normalize(Span{double}, int, int, Span{double})"/> for a block where some rows have a known component y (−1: unknown): such a
    /// row's responsibilities are one-hot at y and its log-density is log π_y + log p(x | θ_y), the
    /// labelled term of the semi-supervised log-likelihood; the other rows are normalized as usual.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Normalize(Span<double> joint, int rows, int components, Span<double> logDensity, ReadOnlySpan<int> known)
    {
        if (known.IsEmpty)
        {
            Normalize(joint, rows, components, logDensity);
            return;
        }
        Span<double> labelled = rows <= RowBlocks.Size ? stackalloc double[rows] : new double[rows];
        for (var r = 0; r < rows; r++) labelled[r] = known[r] >= 0 ? joint[r * components + known[r]] : 0;
        Normalize(joint, rows, components, logDensity);
        for (var r = 0; r < rows; r++)
        {
            var y = known[r];
            if (y < 0) continue;
            var row = joint.Slice(r * components, components);
            row.Clear();
            var value = labelled[r];
            logDensity[r] = double.IsNaN(value) ? double.NaN : value;
            if (double.IsFinite(value)) row[y] = 1;
        }
    }

    /// <summary>
    /// The first row of the block (relative index) whose log-density is not finite while its weight is
    /// positive, or −1: such a row has zero density under every component and cannot be explained.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static int FirstUnexplainedRow(ReadOnlySpan<double> weights, ReadOnlySpan<double> logDensity)
    {
        for (var r = 0; r < logDensity.Length; r++)
            if (!double.IsFinite(logDensity[r]) && weights[r] > 0) return r;
        return -1;
    }
}

/// <summary>What an E-step over all rows yields: per-component statistics and the log-likelihood.</summary>
/// <param name="Statistics">Per component, statistics of the rows weighted by r_ik·w_i.</param>
/// <param name="LogLikelihood">Σ_i w_i log p(x_i): the total log-likelihood of the evaluated mixture.</param>
/// <param name="TotalWeight">Σ_i w_i.</param>
/// <param name="ResponsibilityChange">‖R − R_previous‖_F when a previous mixture was given.</param>
public sealed record EStepResult<TStatistics>(
    Arr<TStatistics> Statistics,
    double LogLikelihood,
    double TotalWeight,
    Option<double> ResponsibilityChange)
{
    /// <summary>The mean log-likelihood per unit of weight.</summary>
    public double MeanLogLikelihood => LogLikelihood / TotalWeight;

    /// <summary>
    /// The K rows (or all rows, if fewer) with positive weight that the mixture explains worst, lowest
    /// log p(x_i) first, ties in row order: where a degenerate component is restarted.
    /// </summary>
    public Arr<int> WorstRows { get; init; } = Arr<int>.Empty;
}
