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
    public void A_single_candidate_is_its_start_after_the_short_iterations(CovarianceKind kind, int components, int seed)
    {
        var family = new GaussianFamily(kind);
        var data = Data(seed, components);
        var single = new InitializationStrategy.ShortEm(WithHierarchical: false, KMeansPlusPlusStarts: 1, RandomFromDataStarts: 0, ShortIterations: 3);
        var options = Options(single, (ulong)seed);
        var searched = Fitting.Start(family, data, components, options, 0).Expect("search");
        // k-means++ is the search's second kind (index 1), candidate 0.
        var candidateSeed = RandomSource.DeriveSeed(RandomSource.DeriveSeed(Fitting.RestartSeed(options, 0), 1), 0);
        var start = Initializer.Initialize(family, data, components, new InitializationStrategy.KMeansPlusPlus(), candidateSeed).Expect("candidate");
        var afterThree = Em.Iterate(family, data, start, maxDegreeOfParallelism: 1).Take(3).Last().Expect("three steps");
        TestSupport.AssertIdentical(afterThree.Mixture, searched, "the lone candidate after 3 steps");
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
}
