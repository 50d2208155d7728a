namespace EmFunctional.Tests.Facade;

/// <summary>
/// <c>FamilyMixture.Iterate</c>: restart r's iterations are exactly those <c>Fit</c> ran for restart r, its
/// stop reasons mark where <c>Fit</c> stopped, and it is lazy and repeatable.
/// </summary>
public sealed class FamilyIterateTests
{
    /// <summary>Old Faithful plus a Poisson count and a 0/1 column derived from it: three families at once.</summary>
    private static double[][] Mixed() => FamilyIterateTestsData.Mixed();

    public static TheoryData<FamilyChoice, InitializationMethod, bool> Cases => new()
    {
        { FamilyChoice.Gaussian, InitializationMethod.KMeansPlusPlus, false },
        { FamilyChoice.Auto, InitializationMethod.RandomFromData, false },
        { FamilyChoice.Auto, InitializationMethod.RandomResponsibilities, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_restart_repeats_the_iterations_of_Fit_up_to_its_stop(FamilyChoice family, InitializationMethod initialization, bool priors)
    {
        var rows = family == FamilyChoice.Gaussian ? FacadeData.Faithful : Mixed();
        var options = new FamilyMixtureOptions { Family = family, Initialization = initialization, Restarts = 3, Seed = 7, UsePriors = priors, MaxDegreeOfParallelism = 1 };
        var model = FamilyMixture.Fit(rows, 3, options);

        for (var restart = 0; restart < options.Restarts; restart++)
        {
            var expected = model.Restarts[restart];
            var iterations = UpToStop(FamilyMixture.Iterate(rows, 3, options, restart)).ToArray();
            Assert.Equal(expected.Iterations, iterations.Length);
            Assert.Equal(expected.StopReason, iterations[^1].StopReason);
            Assert.All(iterations[..^1], iteration => Assert.Null(iteration.StopReason));
            for (var i = 0; i < iterations.Length; i++)
            {
                Assert.Equal(restart, iterations[i].Restart);
                Assert.Equal(expected.Trace[i].Number, iterations[i].Number);
                // Bit for bit: the same start and the same steps.
                Assert.Equal(expected.Trace[i].MeanLogLikelihood, iterations[i].MeanLogLikelihood);
                Assert.Equal(expected.Trace[i].Change, iterations[i].Change);
                Assert.Equal(1.0, iterations[i].Weights.Sum(), 1e-12);
            }
        }
        // The winning restart's last iteration produced the model's parameters.
        var winner = UpToStop(FamilyMixture.Iterate(rows, 3, options, model.BestRestart)).Last();
        Assert.Equal(model.Weights.ToArray(), winner.Weights.ToArray());
        Assert.Equal(model.Groups.Length, winner.Groups.Length);
    }

    [Fact]
    public void The_sequence_is_lazy_repeatable_and_does_not_stop_at_convergence()
    {
        var rows = FacadeData.Faithful;
        var sequence = FamilyMixture.Iterate(rows, 2, new FamilyMixtureOptions { Family = FamilyChoice.Gaussian });
        var first = sequence.Take(40).ToArray();
        var second = sequence.Take(40).ToArray();
        Assert.Equal(40, first.Length);
        Assert.Equal(first.Select(i => i.MeanLogLikelihood), second.Select(i => i.MeanLogLikelihood));
        // Old Faithful converges within a few iterations at the default tolerance; the sequence goes on, and
        // every iteration from then on still says Fit would stop there.
        var stop = Array.FindIndex(first, iteration => iteration.StopReason is not null);
        Assert.InRange(stop, 0, 20);
        Assert.Equal(StopReason.LogLikelihoodConverged, first[stop].StopReason);
    }

    [Fact]
    public void A_restart_outside_the_options_restarts_is_rejected_at_the_call()
    {
        var rows = FacadeData.Faithful;
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = FamilyMixture.Iterate(rows, 2, new FamilyMixtureOptions { Restarts = 2 }, restart: 2); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = FamilyMixture.Iterate(rows, 2, restart: -1); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = FamilyMixture.Iterate(rows, 0); });
    }

    /// <summary>Fit's iterations: up to and including the first that carries a stop reason.</summary>
    internal static IEnumerable<Iteration> UpToStop(IEnumerable<Iteration> iterations)
    {
        foreach (var iteration in iterations)
        {
            yield return iteration;
            if (iteration.StopReason is not null) yield break;
        }
    }
}
