using System.Globalization;
using System.Text;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Selection;
using Xunit.Abstractions;

namespace EmFunctional.Tests.Reference;

/// <summary>
/// Best log-likelihood over restarts against scikit-learn 1.2.1 and mclust 6.0.0
/// (<c>tests/data/reference/faithful.json</c>, <c>iris.json</c>), for every covariance kind and K = 1..6.
/// </summary>
/// <remarks>
/// <para>The requirement: the best total log-likelihood over restarts agrees to 1e-4 relative. A
/// mixture likelihood is multi-modal, so "the" optimum is only well defined where the references
/// agree. The cases split in two:</para>
/// <list type="bullet">
/// <item><b>Well-defined optimum</b>: scikit-learn (n_init=10) and mclust (its default fit) both lie
/// within 1e-4 relative of <c>best_loglik</c> and none of the three is near-singular. There our best
/// (non-near-singular) restart must agree with <c>best_loglik</c> to 1e-4 relative, some restart must
/// reach it, and the BIC of that restart must agree with the reference's.</item>
/// <item><b>Multi-modal</b> (all others, mostly K above the true cluster count): our best must be at
/// least as good as scikit-learn's n_init=10 result minus 1e-4 relative (mclust's, where
/// scikit-learn's is near-singular). Ours is often better: the reference searches kept only the best
/// restart per strategy, which for large K was usually a near-singular spike, so better regular
/// optima went unrecorded.</item>
/// </list>
/// <para>Near-singular fits (smallest covariance eigenvalue below 1e-4 or a component with
/// n·π_k &lt; D + 1) are excluded on both sides, as in the reference files: their likelihood is set
/// by the regularization (unbounded without it), so they are no fair target.</para>
/// <para>Exact checks: the free-parameter count against n_params, and BIC = −2 log L + p ln n
/// (scikit-learn's convention) as computed by <see cref="InformationCriteria"/>.</para>
/// </remarks>
public sealed class RestartAgreementTests(RestartFits fits, ITestOutputHelper output) : IClassFixture<RestartFits>
{
    /// <summary>The requirement's relative tolerance on the best total log-likelihood.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>
    /// Well-defined cases whose reference optimum we reproduce but also beat by more than the tolerance,
    /// with the evidence that the reference value is a local, not the global, optimum.
    /// </summary>
    /// <remarks>
    /// faithful tied K=6: scikit-learn (-1117.5529) and mclust (-1117.6182; -1117.5523 at tol 1e-10)
    /// agree on best_loglik = -1117.5523, and several of our restarts reach it too. But that value is
    /// below the tied K=5 optimum (-1116.1576), and a tied K=6 mixture can come arbitrarily close to any
    /// K=5 one (split a component in two), so the K=6 supremum is at least -1116.1576. Our best restart
    /// (≈ -1116.16 or better, smallest component ≈ 6.7 points, covariance eigenvalues ≥ 0.04, so not
    /// near-singular) is such a better regular optimum. Both references started from deterministic or
    /// k-means starts that led to the same inferior mode; the extended scikit-learn search cannot help
    /// for tied (its k-means++/random_from_data starts collapse to the K=1 fit, see the file's
    /// extended_search_tied_caveat).
    /// </remarks>
    private static readonly HashSet<(string, string, int)> KnownBetterThanReference = [("faithful", "tied", 6)];

    /// <summary>Both references agree with best_loglik to the tolerance and nothing is near-singular.</summary>
    public static bool IsWellDefined(FitReference reference) =>
        !reference.BestIsNearSingular
        && !reference.Sklearn.NearSingular
        && reference.Mclust is { NearSingular: false } mclust
        && RelativeDifference(reference.Sklearn.LogLikelihood, reference.BestLogLikelihood) <= Tolerance
        && RelativeDifference(mclust.LogLikelihood, reference.BestLogLikelihood) <= Tolerance;

    private static double RelativeDifference(double value, double reference) => Math.Abs(value - reference) / Math.Abs(reference);

    [Theory]
    [MemberData(nameof(ReferenceFiles.DataSetAndKindCases), MemberType = typeof(ReferenceFiles))]
    public void Best_log_likelihood_over_restarts_agrees_with_the_references(string dataSet, string kind)
    {
        var failures = new List<string>();
        output.WriteLine(Header());
        foreach (var components in RestartFits.ComponentCounts)
        {
            var fit = fits[dataSet, kind, components];
            output.WriteLine(Row(fit));
            failures.AddRange(Check(fit));
        }
        output.WriteLine($"({2 * RestartFits.RestartsPerInitialization} restarts per case; all {fits.Cases.Count} cases fitted in {fits.Elapsed.TotalSeconds:F1} s)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static IEnumerable<string> Check(OurFit fit)
    {
        var reference = fit.Reference;
        var name = $"{reference.DataSet} {reference.Kind} K={reference.Components}";
        var best = fit.Best;
        if (best is null)
        {
            yield return $"{name}: every one of our {fit.Restarts.Count} restarts is near-singular ({fit.FailedRestarts} failed)";
            yield break;
        }
        var relative = (best.LogLikelihood - reference.BestLogLikelihood) / Math.Abs(reference.BestLogLikelihood);

        if (IsWellDefined(reference))
        {
            var reaching = fit.Reaching(reference.BestLogLikelihood, Tolerance).ToArray();
            if (reaching.Length == 0)
                yield return F($"{name}: well-defined optimum {reference.BestLogLikelihood:R}, but none of our restarts reaches it to {Tolerance:E0} (our best {best.LogLikelihood:R})");
            if (relative < -Tolerance)
                yield return F($"{name}: our best {best.LogLikelihood:R} is below the well-defined optimum {reference.BestLogLikelihood:R} (relative {relative:E2})");
            if (relative > Tolerance && !KnownBetterThanReference.Contains((reference.DataSet, reference.Kind, reference.Components)))
                yield return F($"{name}: our best {best.LogLikelihood:R} is above the well-defined optimum {reference.BestLogLikelihood:R} (relative {relative:E2}); a better optimum, or a likelihood bug? Investigate before listing it in {nameof(KnownBetterThanReference)}");

            // BIC at the reference optimum (scikit-learn's sign: −2 log L + p ln n).
            if (reaching.Length > 0)
            {
                var bic = InformationCriteria.Bic(reaching.MaxBy(r => r.LogLikelihood)!.LogLikelihood, fit.Fits[0].FreeParameters, fit.Data.TotalWeight);
                if (RelativeDifference(bic, reference.BicAtBest) > Tolerance)
                    yield return F($"{name}: BIC {bic:R} vs the reference's {reference.BicAtBest:R}");
            }
        }
        else
        {
            // The best regular (not near-singular) result of a reference run that used a comparable search.
            var (baseline, source) =
                !reference.Sklearn.NearSingular ? (reference.Sklearn.LogLikelihood, "scikit-learn n_init=10")
                : reference.Mclust is { NearSingular: false } mclust ? (mclust.LogLikelihood, "mclust (scikit-learn's fit is near-singular)")
                : (double.NaN, "none");
            if (double.IsNaN(baseline))
                yield return $"{name}: no regular reference fit to compare with";
            else if ((best.LogLikelihood - baseline) / Math.Abs(baseline) < -Tolerance)
                yield return F($"{name}: our best {best.LogLikelihood:R} is below {source}'s {baseline:R} by more than {Tolerance:E0} relative");
        }

        // Exact: parameter count and the BIC convention.
        foreach (var result in fit.Fits)
        {
            if (result.FreeParameters != reference.Parameters)
                yield return $"{name}: {result.FreeParameters} free parameters, the reference counts {reference.Parameters}";
            var expectedBic = -2 * result.LogLikelihood + reference.Parameters * Math.Log(reference.Rows);
            if (RelativeDifference(result.Bic, expectedBic) > 1e-12)
                yield return F($"{name}: BIC {result.Bic:R}, expected −2 log L + p ln n = {expectedBic:R}");
        }
    }

    [Fact]
    public void The_references_use_the_conventions_we_compare_against()
    {
        foreach (var (key, fit) in fits.Cases)
        {
            var (kind, components) = (key.Kind, key.Components);
            var reference = fit.Reference;
            var n = reference.Rows;
            Assert.Equal(fit.Data.Rows, n);
            Assert.Equal(reference.Parameters, reference.Sklearn.Parameters);
            Assert.Equal(reference.Parameters, new GaussianFamily(ReferenceFiles.Kind(kind)).FreeParameters(components, reference.Dimensions) + components - 1);
            // bic_sklearn = −2 log L + p ln n, at the reference's own log-likelihoods.
            Assert.Equal(-2 * reference.Sklearn.LogLikelihood + reference.Parameters * Math.Log(n), reference.Sklearn.Bic, 1e-8);
            Assert.Equal(-2 * reference.BestLogLikelihood + reference.Parameters * Math.Log(n), reference.BicAtBest, 1e-8);
            if (reference.Mclust is { } mclust)
            {
                Assert.Equal(reference.Parameters, mclust.Parameters);
                Assert.Equal(-2 * mclust.LogLikelihood + reference.Parameters * Math.Log(n), mclust.Bic, 1e-6);
            }
        }
    }

    /// <summary>
    /// Faithful, K=2, full: the parameters themselves, components sorted by the first coordinate of the
    /// mean (the files' order).
    /// <list type="bullet">
    /// <item>Our k-means-started restarts use scikit-learn's own start (Lloyd's k-means, hard labels, one
    /// M-step); k-means finds the same partition, so from there the EM runs are the same computation: same
    /// iteration count and parameters to 1e-9 (measured ~1e-15).</item>
    /// <item>Our best restart (whatever its start) against scikit-learn: 3e-4. Both runs stop when the mean
    /// log-likelihood changes by less than 1e-6, at different points of the same slow approach to the
    /// optimum (scikit-learn 3.5e-10 relative short of best_loglik, ours ~1e-10); near an optimum the
    /// parameters converge only like the square root of the log-likelihood gap, and the small
    /// component's eruption variance is the slowest (measured 1.4e-4; weights and means ~1e-5).</item>
    /// <item>Against mclust: 3e-3. mclust stops at its default tolerance (1e-5 on the relative
    /// log-likelihood change), 1.1e-4 in log-likelihood short of its own tol-1e-10 optimum, so its
    /// covariances are ~1.5e-3 from the converged values (scikit-learn and mclust differ from each
    /// other by as much).</item>
    /// </list>
    /// </summary>
    [Fact]
    public void Faithful_two_full_components_match_both_references()
    {
        var fit = fits["faithful", "full", 2];
        var sklearn = fit.Reference.Sklearn;
        var mclust = fit.Reference.Mclust ?? throw new Xunit.Sdk.XunitException("mclust failed for this case");
        var best = fit.Best ?? throw new Xunit.Sdk.XunitException("no regular restart");
        var kMeansStarted = fit.Restarts.Where(r => r.Initialization == "k-means" && !r.NearSingular).MaxBy(r => r.LogLikelihood)
            ?? throw new Xunit.Sdk.XunitException("no regular k-means-started restart");

        var sameStart = ParameterErrors(kMeansStarted, sklearn.Weights, sklearn.Means, sklearn.Covariances);
        var versusSklearn = ParameterErrors(best, sklearn.Weights, sklearn.Means, sklearn.Covariances);
        var versusMclust = ParameterErrors(best, mclust.Weights, mclust.Means, mclust.Covariances);
        output.WriteLine(F($"ours, k-means start ({kMeansStarted.Iterations} iterations, log L {kMeansStarted.LogLikelihood:R}) vs scikit-learn ({sklearn.Iterations} iterations, log L {sklearn.LogLikelihood:R}): weights {sameStart.Weights:E2}, means {sameStart.Means:E2}, covariances {sameStart.Covariances:E2}"));
        output.WriteLine(F($"ours, best ({best.Initialization} restart {best.Index}, log L {best.LogLikelihood:R}) vs scikit-learn: weights {versusSklearn.Weights:E2}, means {versusSklearn.Means:E2}, covariances {versusSklearn.Covariances:E2}"));
        output.WriteLine(F($"ours, best vs mclust (log L {mclust.LogLikelihood:R}): weights {versusMclust.Weights:E2}, means {versusMclust.Means:E2}, covariances {versusMclust.Covariances:E2}"));

        Assert.Equal(sklearn.Iterations, kMeansStarted.Iterations);
        Assert.True(sameStart.Maximum <= 1e-9, F($"ours (k-means start) vs scikit-learn: largest relative parameter difference {sameStart.Maximum:E2}"));
        Assert.True(Math.Abs(kMeansStarted.LogLikelihood - sklearn.LogLikelihood) <= 1e-9 * Math.Abs(sklearn.LogLikelihood));
        Assert.True(versusSklearn.Maximum <= 3e-4, F($"ours (best) vs scikit-learn: largest relative parameter difference {versusSklearn.Maximum:E2}"));
        Assert.True(versusMclust.Maximum <= 3e-3, F($"ours (best) vs mclust: largest relative parameter difference {versusMclust.Maximum:E2}"));
    }

    private static Errors ParameterErrors(OurRestart restart, double[] expectedWeights, double[][] expectedMeans, double[][] expectedCovariances)
    {
        var mixture = restart.Mixture;
        var order = Enumerable.Range(0, mixture.Count).OrderBy(c => mixture.Components[c].Mean[0]).ToArray();
        return ParameterErrors(
            order.Select(c => mixture.Weights[c]).ToArray(),
            order.Select(c => mixture.Components[c].Mean.ToArray()).ToArray(),
            order.Select(c => mixture.Components[c].FullCovariance()).ToArray(),
            expectedWeights, expectedMeans, expectedCovariances);
    }

    private sealed record Errors(double Weights, double Means, double Covariances)
    {
        public double Maximum => Math.Max(Weights, Math.Max(Means, Covariances));
    }

    /// <summary>Relative differences: weights and means entry-wise, covariances on the scale √(Σ_ii Σ_jj).</summary>
    private static Errors ParameterErrors(double[] weights, double[][] means, double[][] covariances, double[] expectedWeights, double[][] expectedMeans, double[][] expectedCovariances)
    {
        double weightError = 0, meanError = 0, covarianceError = 0;
        for (var c = 0; c < weights.Length; c++)
        {
            weightError = Math.Max(weightError, RelativeDifference(weights[c], expectedWeights[c]));
            for (var j = 0; j < means[c].Length; j++) meanError = Math.Max(meanError, RelativeDifference(means[c][j], expectedMeans[c][j]));
            var d = means[c].Length;
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++)
                {
                    var scale = Math.Sqrt(expectedCovariances[c][i * d + i] * expectedCovariances[c][j * d + j]);
                    covarianceError = Math.Max(covarianceError, Math.Abs(covariances[c][i * d + j] - expectedCovariances[c][i * d + j]) / scale);
                }
        }
        return new Errors(weightError, meanError, covarianceError);
    }

    /// <summary>The whole table, for quoting: ours vs scikit-learn vs mclust vs best_loglik, every case.</summary>
    [Fact]
    public void Table_of_best_log_likelihoods()
    {
        var table = new StringBuilder();
        table.AppendLine(Header());
        foreach (var dataSet in ReferenceFiles.DataSets)
            foreach (var kind in ReferenceFiles.KindNames)
                foreach (var components in RestartFits.ComponentCounts)
                    table.AppendLine(Row(fits[dataSet, kind, components]));
        table.Append(F($"{2 * RestartFits.RestartsPerInitialization} restarts per case ({RestartFits.RestartsPerInitialization} k-means + {RestartFits.RestartsPerInitialization} k-means++, seed 0), tol {RestartFits.Tolerance:E0}, reg {RestartFits.Regularization:E0}; {fits.Cases.Count} cases in {fits.Elapsed.TotalSeconds:F1} s. "));
        table.Append("* = near-singular (excluded); 'opt' = well-defined optimum (both references agree with best), 'multi' = multi-modal; rel = (ours - best) / |best|.");
        output.WriteLine(table.ToString());
        Assert.Equal(ReferenceFiles.DataSets.Length * ReferenceFiles.KindNames.Length * RestartFits.ComponentCounts.Length, fits.Cases.Count);
    }

    private static string Header() =>
        F($"{"data",-8} {"kind",-9} {"K",1} {"class",-5} {"ours",13} {"rel",9} {"sklearn",14} {"mclust",14} {"mclust1e-10",13} {"best_loglik",13} {"Fit's pick",14} {"reach",5} {"NS",3} {"fail",4}");

    private static string Row(OurFit fit)
    {
        var reference = fit.Reference;
        var best = fit.Best;
        var ours = best?.LogLikelihood ?? double.NaN;
        var relative = (ours - reference.BestLogLikelihood) / Math.Abs(reference.BestLogLikelihood);
        var mclust = reference.Mclust;
        var fitPick = fit.FitChoiceLogLikelihood;
        var pickIsSingular = best is null || fitPick > ours;
        var note = KnownBetterThanReference.Contains((reference.DataSet, reference.Kind, reference.Components)) ? "  (reference optimum is local, see KnownBetterThanReference)" : "";
        return F($"{reference.DataSet,-8} {reference.Kind,-9} {reference.Components,1} {(IsWellDefined(reference) ? "opt" : "multi"),-5} {ours,13:F4} {relative,9:+0.0E+0;-0.0E+0;0} {reference.Sklearn.LogLikelihood,13:F4}{(reference.Sklearn.NearSingular ? "*" : " ")} {mclust?.LogLikelihood ?? double.NaN,13:F4}{(mclust?.NearSingular == true ? "*" : " ")} {mclust?.TightLogLikelihood ?? double.NaN,13:F4} {reference.BestLogLikelihood,13:F4} {fitPick,13:F4}{(pickIsSingular ? "*" : " ")} {fit.Reaching(reference.BestLogLikelihood, Tolerance).Count(),5} {fit.NearSingularRestarts,3} {fit.FailedRestarts,4}{note}");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
