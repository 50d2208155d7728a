using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Tests;

/// <summary>
/// The short-EM search (<see cref="InitializationStrategy.ShortEm"/>): a start chosen by running EM on many
/// candidates, so it must keep what a single start promises (deterministic for a seed, bit-identical on any
/// number of threads) and add what a search promises (never a worse start than its best first-round candidate).
/// </summary>
public sealed class ShortEmSearchLaws
{
    public static TheoryData<CovarianceKind, int, int> Cases => new()
    {
        { CovarianceKind.Full, 3, 1 },
        { CovarianceKind.Diagonal, 4, 7 },
        { CovarianceKind.Spherical, 2, 12 },
        { CovarianceKind.Tied, 3, 30 },
    };

    private static readonly InitializationStrategy.ShortEm Small = new(WithHierarchical: true, KMeansPlusPlusStarts: 4, RandomFromDataStarts: 3, ShortIterations: 2);

    private static Dataset Data(int seed, int clusters) =>
        Generators.ToDataset(Generators.ClusteredArrays(seed, 150, 2, clusters, WeightMode.None).Values, 150, 2);

    private static EmOptions Options(InitializationStrategy init, ulong seed, int threads = 1) =>
        new(StoppingRule.Default(1e-8, 200), init, Restarts: 1, Seed: seed) { MaxDegreeOfParallelism = threads };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_start_is_the_same_for_a_seed_on_one_thread_or_several(CovarianceKind kind, int components, int seed)
    {
        var family = new GaussianFamily(kind);
        var data = Data(seed, components);
        var once = Fitting.Start(family, data, components, Options(Small, (ulong)seed), 0).Expect("search");
        var again = Fitting.Start(family, data, components, Options(Small, (ulong)seed), 0).Expect("search again");
        var threaded = Fitting.Start(family, data, components, Options(Small, (ulong)seed, threads: 4), 0).Expect("search on 4 threads");
        TestSupport.AssertIdentical(once, again, "same seed");
        TestSupport.AssertIdentical(once, threaded, "4 threads");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_single_candidate_is_its_start_after_the_short_iterations_or_where_it_converged(CovarianceKind kind, int components, int seed)
    {
        var family = new GaussianFamily(kind);
        var data = Data(seed, components);
        var single = new InitializationStrategy.ShortEm(WithHierarchical: false, KMeansPlusPlusStarts: 1, RandomFromDataStarts: 0, ShortIterations: 3);
        var options = Options(single, (ulong)seed);
        var searched = Fitting.Start(family, data, components, options, 0).Expect("search");
        // k-means++ is the search's second kind (index 1), candidate 0.
        var candidateSeed = RandomSource.DeriveSeed(RandomSource.DeriveSeed(Fitting.RestartSeed(options, 0), 1), 0);
        var start = Initializer.Initialize(family, data, components, new InitializationStrategy.KMeansPlusPlus(), candidateSeed).Expect("candidate");
        // Three steps, or fewer where the fit's stopping rule already holds.
        var steps = Em.Iterate(family, data, start, maxDegreeOfParallelism: 1).Take(3).ToList();
        var converged = steps.FindIndex(state => state.Settled && options.Stopping.Check(state).Exists(reason => reason.IsConverged()));
        var expected = converged >= 0 ? steps[converged] : steps[^1];
        TestSupport.AssertIdentical(expected.Mixture, searched, "the lone candidate after 3 steps (or where it converged)");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_start_is_at_least_as_good_as_every_candidate_after_its_first_round(CovarianceKind kind, int components, int seed)
    {
        var family = new GaussianFamily(kind);
        var data = Data(seed, components);
        var options = Options(Small, (ulong)seed);
        var searched = Fitting.Start(family, data, components, options, 0).Expect("search");
        var restartSeed = Fitting.RestartSeed(options, 0);
        var kinds = new (InitializationStrategy Strategy, int Count)[]
        {
            (new InitializationStrategy.Hierarchical(), 1), (new InitializationStrategy.KMeansPlusPlus(), Small.KMeansPlusPlusStarts),
            (new InitializationStrategy.RandomFromData(), Small.RandomFromDataStarts),
        };
        var bestFirstRound = double.NegativeInfinity;
        for (var k = 0; k < kinds.Length; k++)
            for (var c = 0; c < kinds[k].Count; c++)
            {
                var start = Initializer.Initialize(family, data, components, kinds[k].Strategy, RandomSource.DeriveSeed(RandomSource.DeriveSeed(restartSeed, k), c)).Expect("candidate");
                var state = Em.Iterate(family, data, start, maxDegreeOfParallelism: 1).Take(Small.ShortIterations).Last().Expect("candidate's round");
                if (state.Repairs.IsEmpty) bestFirstRound = Math.Max(bestFirstRound, state.MeanLogPosterior);
            }
        // The log-likelihood of the chosen start itself: the next step's E-step evaluates it.
        var chosen = Em.Iterate(family, data, searched, maxDegreeOfParallelism: 1).First().Expect("evaluating the start");
        Assert.True(chosen.MeanLogPosterior >= bestFirstRound - 1e-12 * Math.Abs(bestFirstRound),
            $"the search's start has mean log-posterior {chosen.MeanLogPosterior}, below a first-round candidate's {bestFirstRound}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Split_and_merge_rounds_never_end_below_the_search_without_them(CovarianceKind kind, int components, int seed)
    {
        var family = new GaussianFamily(kind);
        var data = Data(seed, components);
        double Final(InitializationStrategy.ShortEm search) =>
            Fitting.Fit(family, data, components, Options(search, (ulong)seed)).Expect("fit").FinalState.MeanLogPosterior;
        var plain = Final(Small);
        var moved = Final(Small with { SplitMergeRounds = 3, SplitMergePairs = 2 });
        Assert.True(moved >= plain - 1e-9 * Math.Abs(plain), $"with split-and-merge {moved}, without {plain}");
    }

    [Theory]
    [InlineData(CovarianceKind.Full, 4, 5)]
    [InlineData(CovarianceKind.Diagonal, 5, 8)]
    [InlineData(CovarianceKind.Spherical, 2, 9)]
    public void A_move_keeps_K_components_with_weights_summing_to_one_and_there_are_at_most_pairs_times_K_minus_2(CovarianceKind kind, int components, int seed)
    {
        var family = new GaussianFamily(kind);
        var data = Data(seed, components);
        var fitted = Fitting.Fit(family, data, components, Options(new InitializationStrategy.KMeansPlusPlus(), (ulong)seed)).Expect("fit").FinalState.Mixture;
        var moves = SplitMerge.Moves(family, data, fitted, pairs: 2, degeneracy: null, maxDegreeOfParallelism: 1);
        if (components < 3) Assert.Empty(moves);
        else Assert.InRange(moves.Count, 1, 2 * (components - 2));
        foreach (var move in moves)
        {
            Assert.Equal(components, move.Count);
            Assert.Equal(1.0, move.Weights.Sum(), 1e-12);
            Assert.NotEqual(fitted.Weights.ToArray(), move.Weights.ToArray());
        }
    }

    [Theory]
    [InlineData(true, -1, 3, 2, "no negative count")]
    [InlineData(false, 0, 0, 2, "at least one start")]
    [InlineData(true, 2, 2, 0, "short iterations is 0")]
    public void A_search_without_candidates_or_steps_is_refused_with_its_reason(bool hierarchical, int kpp, int random, int iterations, string reason)
    {
        var data = Data(3, 2);
        var search = new InitializationStrategy.ShortEm(hierarchical, kpp, random, iterations);
        var error = Fitting.Fit(new GaussianFamily(CovarianceKind.Full), data, 2, Options(search, 0)).ExpectLeft("search");
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData(-1, 2, "rounds must be at least 0")]
    [InlineData(2, 0, "pairs at least 1")]
    public void Split_and_merge_without_rounds_or_pairs_is_refused_with_its_reason(int rounds, int pairs, string reason)
    {
        var search = Small with { SplitMergeRounds = rounds, SplitMergePairs = pairs };
        var error = Fitting.Fit(new GaussianFamily(CovarianceKind.Full), Data(3, 3), 3, Options(search, 0)).ExpectLeft("search");
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_cancelled_search_takes_no_step_and_a_cancelled_fit_still_ends_on_a_state(CovarianceKind kind, int components, int seed)
    {
        var family = new GaussianFamily(kind);
        var data = Data(seed, components);
        // Tolerance 0 and no iteration cap to speak of: only the token can end this search.
        var options = new EmOptions(StoppingRule.Default(0, int.MaxValue), InitializationStrategy.ShortEm.Default, Restarts: 1, Seed: (ulong)seed);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var start = Fitting.Start(family, data, components, options, 0, cancelled.Token).Expect("cancelled search");
        // No step taken: the start is the first candidate (the hierarchical one) as initialized.
        var hierarchical = Initializer.Initialize(family, data, components, new InitializationStrategy.Hierarchical(), RandomSource.DeriveSeed(RandomSource.DeriveSeed(Fitting.RestartSeed(options, 0), 0), 0)).Expect("hierarchical");
        TestSupport.AssertIdentical(hierarchical, start, "the first candidate, unstepped");
        var fit = Fitting.Fit(family, data, components, options, cancelled.Token).Expect("cancelled fit");
        Assert.Equal(StopReason.Cancelled, fit.StopReason);
    }
}
