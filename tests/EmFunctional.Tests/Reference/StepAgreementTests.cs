using System.Globalization;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Tests.Reference;

/// <summary>
/// Step-by-step agreement with scikit-learn 1.2.1 (<c>tests/data/reference/steps-*.json</c>): from the same
/// start (uniform weights, the named data rows as means, identity covariances) and with the same
/// regularization (1e-6), our <see cref="Em.Iterate"/> must reproduce scikit-learn's parameters,
/// <c>lower_bound_</c> and <c>score</c> after exactly 1, 2, 5 and 20 EM steps. The start fixes the
/// order of the components, so they are compared index by index, without any matching.
/// </summary>
/// <remarks>
/// Tolerance: 1e-9 relative for every quantity, measured as
/// <list type="bullet">
/// <item>weights, lower bound, score: |ours − sklearn| / |sklearn|;</item>
/// <item>means: |ours − sklearn| / max(|sklearn|, ‖sklearn mean‖∞) per coordinate (so a coordinate
/// near 0 is judged on the scale of its vector);</item>
/// <item>covariances: |Σ_ij − Σ'_ij| / √(Σ'_ii Σ'_jj), the error on the scale of the entry's
/// variances (an off-diagonal entry near 0 is judged against the variances it couples).</item>
/// </list>
/// Both implementations compute the same formulas in double precision but in a different order
/// (we keep centred scatter and merge blocks with the parallel-axis formula; scikit-learn forms
/// Σ r_ik (x−μ)(x−μ)ᵀ directly, or E[x²] − 2μE[x] + μ² for diag/spherical), so they agree to
/// rounding, amplified a little by 20 EM steps; 1e-9 leaves ample room and still catches any
/// formula difference (a missing regularization term alone is ~1e-6 relative on these data).
/// </remarks>
public sealed class StepAgreementTests(ITestOutputHelper output)
{
    /// <summary>Relative tolerance for every quantity (see the class remarks for how it is measured).</summary>
    public const double Tolerance = 1e-9;

    private const double Regularization = 1e-6;

    [Theory]
    [MemberData(nameof(ReferenceFiles.DataSetAndKindCases), MemberType = typeof(ReferenceFiles))]
    public void Em_steps_agree_with_scikit_learn(string dataSet, string kindName)
    {
        var reference = ReferenceFiles.Steps(dataSet, kindName);
        var data = TestData.LoadDataset(dataSet);
        Assert.Equal(reference.Rows, data.Rows);
        Assert.Equal(reference.Dimensions, data.Columns);

        var family = new GaussianFamily(ReferenceFiles.Kind(kindName), Regularization);
        var start = StartingMixture(family, data, reference);
        var lastStep = reference.Steps.Keys.Max();
        var states = Em.Iterate(family, data, start)
            .Take(lastStep)
            .Select((state, index) => state.Failure.Match(
                Some: error => throw new Xunit.Sdk.XunitException($"EM step {index + 1} failed: {error.Message}"),
                None: () => state))
            .ToArray();
        Assert.Equal(lastStep, states.Length);

        var errors = new MaximumErrors();
        foreach (var (k, expected) in reference.Steps.OrderBy(pair => pair.Key))
        {
            var state = states[k - 1];
            var where = $"{dataSet} {kindName} after {k} step(s)";
            Assert.Equal(k, state.Iteration);
            Assert.Equal(expected.Iterations, state.Iteration);
            Assert.Equal(reference.Components, state.Mixture.Count);

            for (var c = 0; c < reference.Components; c++)
            {
                errors.Weights = Check(errors.Weights, state.Mixture.Weights[c], expected.Weights[c], Math.Abs(expected.Weights[c]), $"{where}: weight {c}");

                var mean = state.Mixture.Components[c].Mean.ToArray();
                var expectedMean = expected.Means[c];
                var meanScale = expectedMean.Max(Math.Abs);
                for (var j = 0; j < reference.Dimensions; j++)
                    errors.Means = Check(errors.Means, mean[j], expectedMean[j], Math.Max(Math.Abs(expectedMean[j]), meanScale), $"{where}: mean {c}[{j}]");

                var covariance = state.Mixture.Components[c].FullCovariance();
                var expectedCovariance = expected.Covariances[c];
                var d = reference.Dimensions;
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++)
                    {
                        var scale = Math.Sqrt(expectedCovariance[i * d + i] * expectedCovariance[j * d + j]);
                        errors.Covariances = Check(errors.Covariances, covariance[i * d + j], expectedCovariance[i * d + j], scale, $"{where}: covariance {c}[{i},{j}]");
                    }
            }

            // lower_bound_ is the mean log-likelihood of the mixture that entered step k: exactly what
            // EmState.MeanLogLikelihood reports.
            errors.LowerBound = Check(errors.LowerBound, state.MeanLogLikelihood, expected.LowerBound, Math.Abs(expected.LowerBound), $"{where}: lower bound");

            // score(X) is the mean log-likelihood of the returned parameters.
            var score = Inference.LogLikelihood(family, data, state.Mixture)
                .Match(Right: total => total / data.TotalWeight, Left: error => throw new Xunit.Sdk.XunitException($"{where}: {error.Message}"));
            errors.Score = Check(errors.Score, score, expected.Score, Math.Abs(expected.Score), $"{where}: score");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{dataSet,-8} {kindName,-9} max relative error: weights {errors.Weights:E2}, means {errors.Means:E2}, covariances {errors.Covariances:E2}, lower bound {errors.LowerBound:E2}, score {errors.Score:E2} (tolerance {Tolerance:E0})"));
    }

    /// <summary>
    /// The tolerance is tight enough to see a formula difference: without the 1e-6 regularization, the
    /// covariances after one step already differ from scikit-learn's by far more than 1e-9 relative.
    /// </summary>
    [Fact]
    public void The_tolerance_detects_a_missing_regularization()
    {
        var reference = ReferenceFiles.Steps("faithful", "full");
        var data = TestData.LoadDataset("faithful");
        var family = new GaussianFamily(CovarianceKind.Full, Regularization: 0);
        var state = Em.Iterate(family, data, StartingMixture(family, data, reference)).First();
        Assert.False(state.Failed, state.Failure.Match(error => error.Message, () => ""));
        var expected = reference.Steps[1].Covariances[0];
        var actual = state.Mixture.Components[0].FullCovariance();
        var error = Math.Abs(actual[0] - expected[0]) / expected[0];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"relative covariance error without regularization: {error:E2}"));
        Assert.True(error > 1000 * Tolerance, $"without regularization the error is only {error:E2}");
    }

    /// <summary>The file's start: its weights, each named data row as a mean, identity covariances.</summary>
    private static Mixture<GaussianComponent> StartingMixture(GaussianFamily family, Dataset data, StepsReference reference)
    {
        Assert.Equal(reference.Components, reference.StartRows.Length);
        var components = new GaussianComponent[reference.Components];
        for (var c = 0; c < reference.Components; c++)
        {
            // The file names the rows and also lists the means: both must describe the same start.
            Assert.Equal(reference.StartMeans[c], data.Row(reference.StartRows[c]).ToArray());
            components[c] = family.CenteredAt(data.Row(reference.StartRows[c]));
        }
        Assert.All(reference.StartWeights, weight => Assert.Equal(1.0 / reference.Components, weight, 15));
        return new Mixture<GaussianComponent>(reference.StartWeights.ToArr(), components.ToArr());
    }

    /// <summary>Fails when |actual − expected| exceeds <see cref="Tolerance"/>·scale; returns the running maximum error.</summary>
    private static double Check(double maximum, double actual, double expected, double scale, string what)
    {
        var error = actual == expected ? 0.0 : Math.Abs(actual - expected) / scale;
        if (!(error <= Tolerance))
            throw new Xunit.Sdk.XunitException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: ours {actual:R}, scikit-learn {expected:R}, relative error {error:E3} exceeds {Tolerance:E0}"));
        return Math.Max(maximum, error);
    }

    private sealed class MaximumErrors
    {
        public double Weights { get; set; }
        public double Means { get; set; }
        public double Covariances { get; set; }
        public double LowerBound { get; set; }
        public double Score { get; set; }
    }
}
