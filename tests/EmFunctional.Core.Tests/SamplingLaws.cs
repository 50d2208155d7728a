using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 12: <see cref="Inference.Sample"/> is a deterministic function of its seed, and its draws have the
/// mixture's weights, means and covariances. With n = 20 000 draws and every π_k ≥ 0.05 (so n_k ≳ 1000),
/// each estimate is compared with its true value within 6 standard errors:
/// π̂_k: √(π_k(1 − π_k)/n); mean_j: √(Σ_jj/n_k); covariance_ij: √((Σ_ii Σ_jj + Σ_ij²)/n_k) (normal
/// fourth moments). P(|Z| &gt; 6) ≈ 2·10⁻⁹ per check, so even thousands of checks per run essentially
/// never fail by chance, while a wrong component choice, a missing factor or a transposed Cholesky
/// factor moves an estimate by many standard errors.
/// </summary>
public class SamplingLaws
{
    private const int Draws = 20_000;
    private const double StandardErrors = 6;

    private static Gen<(CovarianceKind Kind, int D, int K, int MixtureSeed, ulong Seed)> Cases =>
        from kind in Gen.Elements(Generators.Kinds)
        from d in Gen.Choose(1, 4)
        from k in Gen.Choose(1, 4)
        from mixtureSeed in Generators.Seed
        from seed in Generators.Seed64
        select (kind, d, k, mixtureSeed, seed);

    [SeededProperty(50)]
    public Property SampleIsDeterministicGivenTheSeed()
    {
        return Prop.ForAll(Arb.From(Cases), testCase =>
        {
            var (kind, d, k, mixtureSeed, seed) = testCase;
            var mixture = Generators.RandomMixture(new Random(mixtureSeed), kind, d, k);
            var family = new GaussianFamily(kind);
            var (rowsA, labelsA) = Inference.Sample(family, mixture, d, 500, seed);
            var (rowsB, labelsB) = Inference.Sample(family, mixture, d, 500, seed);
            Assert.Equal(500 * d, rowsA.Length);
            Assert.Equal(labelsA, labelsB);
            for (var i = 0; i < rowsA.Length; i++) TestSupport.AssertIdentical(rowsA[i], rowsB[i], $"value {i}");
            var (rowsC, _) = Inference.Sample(family, mixture, d, 500, seed + 1);
            Assert.False(rowsA.AsSpan().SequenceEqual(rowsC), "another seed gave the same draws");
        });
    }

    [SeededProperty(40)]
    public Property SamplesHaveTheMixturesWeightsMeansAndCovariances()
    {
        return Prop.ForAll(Arb.From(Cases), testCase =>
        {
            var (kind, d, k, mixtureSeed, seed) = testCase;
            var mixture = Generators.RandomMixture(new Random(mixtureSeed), kind, d, k);
            var (rows, labels) = Inference.Sample(new GaussianFamily(kind), mixture, d, Draws, seed);
            Assert.All(labels, label => Assert.InRange(label, 0, k - 1));
            for (var c = 0; c < k; c++)
            {
                var pi = mixture.Weights[c];
                var members = Enumerable.Range(0, Draws).Where(i => labels[i] == c).ToArray();
                var n = members.Length;
                var share = (double)n / Draws;
                Assert.True(Math.Abs(share - pi) <= StandardErrors * Math.Sqrt(pi * (1 - pi) / Draws) + 1e-12,
                    $"component {c}: drawn share {share:R}, weight {pi:R}");

                var sigma = mixture.Components[c].FullCovariance();
                var mu = mixture.Components[c].Mean.ToArray();
                var (_, mean, scatter) = TestSupport.TwoPass(members.SelectMany(i => rows.AsSpan(i * d, d).ToArray()).ToArray(), d, Enumerable.Repeat(1.0, n).ToArray());
                for (var j = 0; j < d; j++)
                    Assert.True(Math.Abs(mean[j] - mu[j]) <= StandardErrors * Math.Sqrt(sigma[j * d + j] / n),
                        $"component {c} mean[{j}]: drawn {mean[j]:R}, true {mu[j]:R}");
                for (var i = 0; i < d; i++)
                    for (var j = 0; j <= i; j++)
                    {
                        var estimate = scatter[i * d + j] / n;
                        var truth = sigma[i * d + j];
                        var standardError = Math.Sqrt((sigma[i * d + i] * sigma[j * d + j] + truth * truth) / n);
                        Assert.True(Math.Abs(estimate - truth) <= StandardErrors * standardError,
                            $"component {c} covariance[{i},{j}]: drawn {estimate:R}, true {truth:R} (standard error {standardError:g3})");
                    }
            }
        });
    }
}
