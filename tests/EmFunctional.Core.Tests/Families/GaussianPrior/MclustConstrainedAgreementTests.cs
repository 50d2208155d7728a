using System.Globalization;
using EmFunctional.Core.Families.Gaussian;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.GaussianPriorTests;

/// <summary>
/// MAP fits of EII, EEI, VEI, EVI, EEV and VEV with mclust's default prior against mclust 6.0.0 on Old Faithful
/// (tests/data/reference/priors/mclust-priors.csv, made by mclust-priors.R there: Mclust with
/// <c>prior = priorControl()</c>, polished by em() to tolerance 1e-14). From mclust's own answer as the start,
/// EM must stay on it: mclust's answer is then the fixed point of our MAP step too. EEI is the exception the
/// docs describe (mclust leaves its means unshrunk), checked step by step instead. mclust adds no
/// regularization, so λ = 0.
/// </summary>
public class MclustConstrainedAgreementTests(ITestOutputHelper output)
{
    private sealed record Reference(CovarianceModel Model, int Components, double LogLikelihood, double[] Weights, double[] Means, double[] Sigma, double[] PriorScale);

    private static Reference Read(CovarianceModel model, int components)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "data", "reference", "priors", "mclust-priors.csv");
        var fields = File.ReadAllLines(path).Skip(1).Select(line => line.Split(','))
            .Single(f => f[0] == model.ToString() && f[1] == components.ToString(CultureInfo.InvariantCulture));
        Assert.True(fields[2] == "ok", $"{model}, G = {components}: mclust gave no fit ({fields[2]})");
        static double[] Numbers(string text) => [.. text.Split(';').Select(x => double.Parse(x, CultureInfo.InvariantCulture))];
        return new Reference(model, components, double.Parse(fields[3], CultureInfo.InvariantCulture), Numbers(fields[5]), Numbers(fields[6]), Numbers(fields[7]), Numbers(fields[8]));
    }

    /// <summary>mclust's parameters as a mixture in the model's storage (sigma is d × d × G, column-major).</summary>
    private static Mixture<GaussianComponent> Mixture(Reference reference, int d)
    {
        var kind = CovarianceModels.Storage(reference.Model);
        var components = Enumerable.Range(0, reference.Components).Select(k =>
        {
            double Sigma(int i, int j) => reference.Sigma[k * d * d + j * d + i];
            double[] covariance = kind switch
            {
                CovarianceKind.Spherical => [Sigma(0, 0)],
                CovarianceKind.Diagonal => [.. Enumerable.Range(0, d).Select(j => Sigma(j, j))],
                _ => [.. Enumerable.Range(0, d * d).Select(index => Sigma(index / d, index % d))],
            };
            return GaussianComponent.Create(kind, reference.Means.AsSpan(k * d, d), covariance).Expect("mclust's component");
        });
        return new Mixture<GaussianComponent>(reference.Weights.ToArr(), components.ToArr());
    }

    private static GaussianFamily Family(Reference reference, Dataset data)
    {
        var prior = PriorTestData.DefaultPrior(data, reference.Components, CovarianceModels.Storage(reference.Model));
        // mclust's defaultPrior for the model: one scale for EII, EEI, VEI and EVI, f·var(X) for EEV and VEV.
        var expected = reference.PriorScale.Length == 1 ? Enumerable.Repeat(reference.PriorScale[0], prior.Scale.Length).ToArray() : reference.PriorScale;
        TestSupport.AssertClose(expected, prior.Scale, 1e-13, $"{reference.Model} prior scale");
        return GaussianFamily.For(reference.Model, 0) with { Prior = prior };
    }

    [Theory]
    [InlineData(CovarianceModel.EII, 2)]
    [InlineData(CovarianceModel.EII, 3)]
    [InlineData(CovarianceModel.VEI, 2)]
    [InlineData(CovarianceModel.EVI, 2)]
    [InlineData(CovarianceModel.EEV, 2)]
    [InlineData(CovarianceModel.EEV, 3)]
    [InlineData(CovarianceModel.VEV, 2)]
    [InlineData(CovarianceModel.VEV, 3)]
    public void FromMclustsAnswerTheMapFitStaysOnIt(CovarianceModel model, int components)
    {
        var reference = Read(model, components);
        var data = PriorTestData.Faithful;
        var d = data.Columns;
        var family = Family(reference, data);
        var start = Mixture(reference, d);
        var states = Em.Iterate(family, data, start).Take(500).ToList();
        Assert.DoesNotContain(states, state => state.Failed);
        var fit = states[^1].Mixture;
        var logLikelihood = Inference.LogLikelihood(family, data, fit).Expect("log-likelihood");
        var worst = 0.0;
        void Compare(double expected, double actual, double tolerance, string what)
        {
            var relative = Math.Abs(expected - actual) / Math.Max(1e-3, Math.Abs(expected));
            worst = Math.Max(worst, relative);
            Assert.True(relative <= tolerance, $"{model}, G = {components}, {what}: mclust {expected:R}, ours {actual:R} (relative difference {relative:g3})");
        }
        Compare(reference.LogLikelihood, logLikelihood, 1e-8, "log-likelihood");
        var logLikelihoodDifference = worst;
        worst = 0;
        var expected = Mixture(reference, d);
        for (var k = 0; k < components; k++)
        {
            Compare(expected.Weights[k], fit.Weights[k], 1e-6, $"weight {k}");
            for (var j = 0; j < d; j++) Compare(expected.Components[k].Mean[j], fit.Components[k].Mean[j], 1e-6, $"mean {k}[{j}]");
            var covariance = fit.Components[k].CovarianceParameters;
            for (var i = 0; i < covariance.Length; i++) Compare(expected.Components[k].CovarianceParameters[i], covariance[i], 1e-6, $"covariance {k}[{i}]");
        }
        output.WriteLine($"{model}, G = {components}: log-likelihood {logLikelihood:R} (mclust {reference.LogLikelihood:R}, relative difference {logLikelihoodDifference:g3}), worst parameter {worst:g3}, log-prior {family.LogPrior(fit.Components):R}");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void EeiIsMclustsStepWithTheMeansShrunk(int components)
    {
        // mclust's EEI (Fortran meeeip) adds c_k δ_k² to the variances but keeps the means at m_k, so its answer is
        // not our fixed point. One step from it gives mclust's variances and mclust's means shrunk by
        // (κ μ₀ + n_k m_k) / (κ + n_k), which pins everything else of the update to mclust's.
        var reference = Read(CovarianceModel.EEI, components);
        var data = PriorTestData.Faithful;
        var d = data.Columns;
        var family = Family(reference, data);
        var prior = family.Prior!;
        var start = Mixture(reference, d);
        var step = Em.Step(family, data, EmState<GaussianComponent>.Initial(start)).Expect("step").Mixture;
        for (var k = 0; k < components; k++)
        {
            var n = reference.Weights[k] * data.Rows;
            var shrunk = Enumerable.Range(0, d).Select(j => (prior.Shrinkage * prior.Mean[j] + n * start.Components[k].Mean[j]) / (prior.Shrinkage + n)).ToArray();
            TestSupport.AssertClose(shrunk, step.Components[k].Mean, 1e-11, $"EEI, G = {components}: mean {k}");
            TestSupport.AssertClose(start.Components[k].CovarianceParameters, step.Components[k].CovarianceParameters, 1e-11, $"EEI, G = {components}: variances {k}");
        }
        // EM from mclust's answer climbs to our fixed point: the log-posterior can only rise on the way.
        var fit = Em.Iterate(family, data, start).Take(3000).Last().Mixture;
        double LogLikelihood(Mixture<GaussianComponent> mixture) => Inference.LogLikelihood(family, data, mixture).Expect("log-likelihood");
        double LogPosterior(Mixture<GaussianComponent> mixture) => LogLikelihood(mixture) + family.LogPrior(mixture.Components);
        Assert.True(LogPosterior(fit) >= LogPosterior(start), $"EEI, G = {components}: log-posterior {LogPosterior(fit):R} below mclust's answer's {LogPosterior(start):R}");
        var moved = Enumerable.Range(0, components).SelectMany(k => Enumerable.Range(0, d).SelectMany(j => new[]
        {
            Math.Abs(fit.Components[k].Mean[j] / start.Components[k].Mean[j] - 1),
            Math.Abs(fit.Components[k].CovarianceParameters[j] / start.Components[k].CovarianceParameters[j] - 1),
        }).Append(Math.Abs(fit.Weights[k] / start.Weights[k] - 1))).Max();
        output.WriteLine($"EEI, G = {components}: our fixed point has log-likelihood {LogLikelihood(fit):R} (mclust {reference.LogLikelihood:R}, relative difference {Math.Abs(LogLikelihood(fit) / reference.LogLikelihood - 1):g3}); parameters moved by up to {moved:g3} relative");
    }
}
