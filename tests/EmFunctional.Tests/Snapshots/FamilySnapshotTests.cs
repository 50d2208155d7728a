using System.Text.Json.Nodes;
using EmFunctional.Core;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Multinomial;
using LanguageExt;

namespace EmFunctional.Tests.Snapshots;

/// <summary>
/// Freezes a fit of every non-Gaussian family (and of a mixed table) in <c>*.verified.json</c>, like
/// <see cref="SnapshotTests"/> does for the Gaussian kinds. The tables are drawn from seeded
/// <see cref="Random"/> instances (whose seeded sequence .NET keeps stable) so the input never changes.
/// </summary>
public sealed class FamilySnapshotTests
{
    /// <summary>Two latent classes answering five yes/no questions with different probabilities.</summary>
    private static double[][] Survey()
    {
        var random = new Random(11);
        double[][] truth = [[0.9, 0.8, 0.2, 0.7, 0.1], [0.2, 0.3, 0.7, 0.4, 0.6]];
        return [.. Enumerable.Range(0, 300).Select(i => truth[i % 3 == 0 ? 0 : 1].Select(p => random.NextDouble() < p ? 1.0 : 0.0).ToArray())];
    }

    /// <summary>Two groups answering three multiple-choice questions (codes 0–2).</summary>
    private static double[][] Choices()
    {
        var random = new Random(12);
        double Draw(double[] p)
        {
            var u = random.NextDouble();
            return u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }
        return [.. Enumerable.Range(0, 300).Select(i => i % 2 == 0
            ? new[] { Draw([0.7, 0.2, 0.1]), Draw([0.1, 0.1, 0.8]), Draw([0.5, 0.4, 0.1]) }
            : new[] { Draw([0.1, 0.3, 0.6]), Draw([0.6, 0.3, 0.1]), Draw([0.2, 0.2, 0.6]) })];
    }

    private static double Poisson(double rate, Random random)
    {
        var limit = Math.Exp(-rate);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble()) count++;
        return count;
    }

    /// <summary>Visits and calls per customer from a quiet and a busy group.</summary>
    private static double[][] Counts()
    {
        var random = new Random(13);
        return [.. Enumerable.Range(0, 300).Select(i => i % 4 == 0
            ? new[] { Poisson(9, random), Poisson(4, random) }
            : new[] { Poisson(1.5, random), Poisson(0.5, random) })];
    }

    /// <summary>A continuous, a binary and a count column from two groups.</summary>
    private static double[][] Mixed()
    {
        var random = new Random(14);
        return [.. Enumerable.Range(0, 300).Select(i =>
        {
            var k = i % 2;
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return new[] { 3 * k + normal, random.NextDouble() < (k == 0 ? 0.25 : 0.85) ? 1.0 : 0.0, Poisson(k == 0 ? 1 : 6, random) };
        })];
    }

    [Fact]
    public void Bernoulli_survey_two_classes() =>
        ApprovedFile.Verify(ToJson(FamilyMixture.Fit(Survey(), 2, new FamilyMixtureOptions { Family = FamilyChoice.Bernoulli, Restarts = 3 })), nameof(Bernoulli_survey_two_classes));

    [Fact]
    public void Bernoulli_survey_two_classes_with_priors() =>
        ApprovedFile.Verify(ToJson(FamilyMixture.Fit(Survey(), 2, new FamilyMixtureOptions { Family = FamilyChoice.Bernoulli, Restarts = 3, UsePriors = true, WeightConcentration = 2 })), nameof(Bernoulli_survey_two_classes_with_priors));

    [Fact]
    public void Categorical_choices_two_groups() =>
        ApprovedFile.Verify(ToJson(FamilyMixture.Fit(Choices(), 2, new FamilyMixtureOptions { Family = FamilyChoice.Categorical, Restarts = 3 })), nameof(Categorical_choices_two_groups));

    [Fact]
    public void Poisson_counts_two_groups() =>
        ApprovedFile.Verify(ToJson(FamilyMixture.Fit(Counts(), 2, new FamilyMixtureOptions { Family = FamilyChoice.Poisson, Restarts = 3 })), nameof(Poisson_counts_two_groups));

    [Fact]
    public void Mixed_table_auto_families() =>
        ApprovedFile.Verify(ToJson(FamilyMixture.Fit(Mixed(), 2, new FamilyMixtureOptions { Restarts = 3 })), nameof(Mixed_table_auto_families));

    /// <summary>The two-coin example (multinomial over heads/tails counts, weights fixed at ½), ten steps.</summary>
    [Fact]
    public void Multinomial_two_coins_ten_steps()
    {
        var data = Dataset.Create(new double[] { 5, 5, 9, 1, 8, 2, 4, 6, 7, 3 }, 5, 2).Match(Succ: d => d, Fail: e => throw new Xunit.Sdk.XunitException(string.Join("; ", e)));
        var family = new MultinomialFamily();
        var start = new Mixture<MultinomialComponent>(
            Prelude.Array(0.5, 0.5),
            Prelude.Array(Component([0.6, 0.4]), Component([0.5, 0.5])));
        var fit = Fitting.FitFrom(family, data, start, Core.Convergence.StoppingRule.Default(0, 10), weights: new MixtureWeights.Fixed())
            .Match(Right: f => f, Left: e => throw new Xunit.Sdk.XunitException(e.Message));
        var json = new JsonObject
        {
            ["family"] = "multinomial",
            ["logLikelihood"] = fit.LogLikelihood,
            ["iterations"] = fit.Iterations,
            ["weights"] = Numbers(fit.Mixture.Weights),
            ["probabilities"] = new JsonArray(fit.Mixture.Components.Map(c => (JsonNode?)Numbers(c.Probabilities.ToArray())).ToArray()),
        };
        ApprovedFile.Verify(json, nameof(Multinomial_two_coins_ten_steps));
    }

    private static MultinomialComponent Component(double[] probabilities) =>
        MultinomialComponent.Create(probabilities).Match(Right: c => c, Left: e => throw new Xunit.Sdk.XunitException(e.Message));

    /// <summary>Column families, weights, each component's group parameters, likelihood, prior and how the fit went.</summary>
    private static JsonObject ToJson(FamilyMixtureModel model) => new()
    {
        ["columnFamilies"] = new JsonArray(model.ColumnFamilies.Select(f => (JsonNode?)f.ToString()).ToArray()),
        ["logLikelihood"] = model.LogLikelihood,
        ["logPrior"] = model.LogPrior,
        ["iterations"] = model.Iterations,
        ["stopReason"] = model.StopReason.ToString(),
        ["bestRestart"] = model.BestRestart,
        ["freeParameters"] = model.FreeParameters,
        ["weights"] = Numbers(model.Weights),
        ["groups"] = new JsonArray(model.Groups.Select(component => (JsonNode?)new JsonArray(component.Select(Group).ToArray())).ToArray()),
    };

    private static JsonNode? Group(ColumnGroupParameters group) => group switch
    {
        GaussianGroupParameters g => new JsonObject { ["family"] = "gaussian", ["columns"] = Ints(g.Columns), ["mean"] = Numbers(g.Mean), ["covariance"] = new JsonArray(g.Covariance.Select(row => (JsonNode?)Numbers(row)).ToArray()) },
        BernoulliGroupParameters b => new JsonObject { ["family"] = "bernoulli", ["columns"] = Ints(b.Columns), ["probabilities"] = Numbers(b.Probabilities) },
        PoissonGroupParameters p => new JsonObject { ["family"] = "poisson", ["columns"] = Ints(p.Columns), ["rates"] = Numbers(p.Rates) },
        CategoricalGroupParameters c => new JsonObject { ["family"] = "categorical", ["columns"] = Ints(c.Columns), ["probabilities"] = new JsonArray(c.Probabilities.Select(row => (JsonNode?)Numbers(row)).ToArray()) },
        _ => throw new InvalidOperationException(group.GetType().Name),
    };

    private static JsonArray Numbers(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static JsonArray Ints(IEnumerable<int> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
