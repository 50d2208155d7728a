using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Numerics;
using LanguageExt;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Sequential == parallel: the E-step splits the rows into a fixed partition of chunks (it depends on N
/// only) and merges them in order, so every state is the same bit for bit on 1, 2 or 16 threads; and
/// <see cref="Em.Iterate"/> stops before the next step once its token fires.
/// </summary>
public sealed class ParallelLaws
{
    // Enough rows for the full 64 chunks of several blocks each.
    private const int Rows = 40_000;

    private static Dataset ClusteredData(int dimensions, int seed)
    {
        var random = RandomSource.Create((ulong)seed);
        var values = new double[Rows * dimensions];
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < dimensions; j++)
                values[i * dimensions + j] = 4 * (i % 3) + (j + 1) * random.NextGaussian();
        return Dataset.Create(values, Rows, dimensions).Match(Succ: d => d, Fail: e => throw new InvalidOperationException(e.Head.Message));
    }

    [Theory]
    [InlineData(CovarianceKind.Full)]
    [InlineData(CovarianceKind.Diagonal)]
    [InlineData(CovarianceKind.Spherical)]
    [InlineData(CovarianceKind.Tied)]
    public void Gaussian_states_are_identical_on_1_2_and_16_threads(CovarianceKind kind)
    {
        Assert.Equal(RowBlocks.MaximumChunks, RowBlocks.ChunkCount(Rows));
        // Enough work that the E-step hands its chunks to the threads (smaller tables run them in turn).
        Assert.True((long)Rows * 3 * 4 >= Em.ParallelWork);
        var data = ClusteredData(4, 5);
        var family = new GaussianFamily(kind);
        var start = Initialization.Initializer.Initialize(family, data, 3, new Initialization.InitializationStrategy.RandomFromData(), 9)
            .Match(Right: m => m, Left: e => throw new InvalidOperationException(e.Message));
        var runs = new[] { 1, 2, 16 }.Select(threads =>
            Em.Iterate(family, data, start, trackResponsibilityChange: true, maxDegreeOfParallelism: threads).Take(6)
                .Select(step => step.Expect()).ToList()).ToList();
        for (var t = 0; t < 6; t++)
        {
            TestSupport.AssertIdentical(runs[0][t], runs[1][t], $"step {t + 1}, 1 vs 2 threads");
            TestSupport.AssertIdentical(runs[0][t], runs[2][t], $"step {t + 1}, 1 vs 16 threads");
        }
    }

    [Fact]
    public void Fits_of_another_family_are_identical_on_1_and_2_threads()
    {
        var random = RandomSource.Create(3);
        var values = new double[Rows * 6];
        for (var i = 0; i < values.Length; i++) values[i] = random.NextDouble() < ((i / 6) % 2 == 0 ? 0.2 : 0.7) ? 1 : 0;
        var data = Dataset.Create(values, Rows, 6).Match(Succ: d => d, Fail: e => throw new InvalidOperationException(e.Head.Message));
        var options = EmOptions.Default with { Restarts = 2 };
        var sequential = Fitting.Fit(new BernoulliFamily(), data, 2, options with { MaxDegreeOfParallelism = 1 }).Match(Right: f => f, Left: e => throw new InvalidOperationException(e.Message));
        var parallel = Fitting.Fit(new BernoulliFamily(), data, 2, options with { MaxDegreeOfParallelism = 2 }).Match(Right: f => f, Left: e => throw new InvalidOperationException(e.Message));
        Assert.Equal(sequential.LogLikelihood, parallel.LogLikelihood);
        Assert.Equal(sequential.Mixture, parallel.Mixture);
        Assert.Equal(sequential.Iterations, parallel.Iterations);
    }

    [Fact]
    public void Iterate_stops_before_the_next_step_once_cancelled()
    {
        var data = ClusteredData(2, 8);
        var family = new GaussianFamily(CovarianceKind.Full);
        var start = Initialization.Initializer.Initialize(family, data, 3, new Initialization.InitializationStrategy.KMeansPlusPlus(), 1)
            .Match(Right: m => m, Left: e => throw new InvalidOperationException(e.Message));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Empty(Em.Iterate(family, data, start, cancellation: cancelled.Token));

        using var afterThree = new CancellationTokenSource();
        var taken = 0;
        foreach (var _ in Em.Iterate(family, data, start, cancellation: afterThree.Token))
            if (++taken == 3) afterThree.Cancel();
        Assert.Equal(3, taken);
    }

    [Fact]
    public void A_spent_budget_ends_the_running_restart_after_its_step_and_starts_no_other()
    {
        var data = ClusteredData(3, 8);
        var family = new GaussianFamily(CovarianceKind.Full);
        var options = new EmOptions(Convergence.StoppingRule.Default(0, 50), new Initialization.InitializationStrategy.KMeansPlusPlus(), Restarts: 4, Seed: 2)
        {
            Budget = new Convergence.Budget(() => true),
        };

        var fit = Fitting.Fit(family, data, 3, options).Match(Right: f => f, Left: e => throw new InvalidOperationException(e.Message));

        var restart = Assert.Single(fit.Restarts);
        Assert.Equal(1, restart.Iterations);
        Assert.Equal(Convergence.StopReason.BudgetExhausted, fit.FinalState.StopReason.IfNone(Convergence.StopReason.MaximumIterations));
        // What is returned is a real state of EM, with the log-likelihood of its own mixture.
        Assert.True(double.IsFinite(fit.LogLikelihood));
    }
}
