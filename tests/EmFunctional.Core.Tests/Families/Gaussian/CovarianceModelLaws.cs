using System.Globalization;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Degeneracy;
using EmFunctional.Core.Initialization;
using EmFunctional.Testing;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Tests.Families.GaussianModels;

/// <summary>
/// mclust's fourteen covariance models: EM never decreases the log-likelihood under any of them, every
/// M-step's covariances satisfy the model's volume, shape and orientation constraints exactly, the
/// parameter counts are mclust's (<c>nVarParams</c>), and from mclust's own start each model reaches
/// mclust 6.0.0's fit (tests/data/reference/models, made by mclust-models.R there).
/// </summary>
public class CovarianceModelLaws(Xunit.Abstractions.ITestOutputHelper output)
{
    private sealed record Case(int Seed, int Rows, int Columns, int Components, CovarianceModel Model)
    {
        public Dataset Data()
        {
            var (values, _) = Generators.ClusteredArrays(Seed, Rows, Columns, Components, WeightMode.None);
            return Generators.ToDataset(values, Rows, Columns);
        }
    }

    private static Gen<Case> Cases() =>
        from seed in Gen.Choose(0, 1_000_000)
        from rows in Gen.Choose(60, 300)
        from columns in Gen.Choose(1, 4)
        from components in Gen.Choose(1, 4)
        from model in Gen.Elements(CovarianceModels.All.ToArray())
        select new Case(seed, rows, columns, components, model);

    [SeededProperty(150)]
    public Property TheLogLikelihoodNeverDecreasesAndEveryStepKeepsTheConstraints()
    {
        return Prop.ForAll(Arb.From(Cases()), test =>
        {
            var data = test.Data();
            var family = GaussianFamily.For(test.Model, 0);
            var start = Initializer.Initialize(family, data, test.Components, new InitializationStrategy.KMeansPlusPlus(), (ulong)test.Seed);
            if (start.IsLeft) return;
            var states = Em.Iterate(family, data, start.Expect()).Take(30).TakeWhile(state => !state.Failed).ToList();
            // The alternating and rotating inner loops stop at a relative change of 1e-12 (1e-10 for a warm orientation).
            EmFunctional.Core.Tests.Families.FamilyTestSupport.AssertMonotone(states, state => 1e-10 * (1 + Math.Abs(state.MeanLogPosterior)));
            foreach (var state in states.Where(state => state.Iteration > 0))
                AssertConstraints(test.Model, state.Mixture.Components, test.ToString());
        });
    }

    /// <summary>The model's letters, checked on Σ_k = λ_k D_k A_k D_kᵀ with λ_k = |Σ_k|^{1/D}.</summary>
    internal static void AssertConstraints(CovarianceModel model, Arr<GaussianComponent> components, string what)
    {
        var name = model.ToString();
        var d = components[0].Dimensions;
        var sigmas = components.Map(c => Matrix<double>.Build.DenseOfRowMajor(d, d, c.FullCovariance())).ToArray();
        var volumes = sigmas.Select(s => Math.Pow(s.Determinant(), 1.0 / d)).ToArray();
        var scaled = sigmas.Select((s, k) => s / volumes[k]).ToArray();
        const double tolerance = 1e-7;
        if (name[0] == 'E')
            foreach (var v in volumes) Assert.True(Math.Abs(v - volumes[0]) <= tolerance * volumes[0], $"{what}: volumes differ ({string.Join(", ", volumes)})");
        if (name[2] == 'I')
            foreach (var s in sigmas)
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++)
                        if (i != j) Assert.Equal(0, s[i, j]);
        if (name[1] == 'I')
            foreach (var s in scaled)
                for (var i = 0; i < d; i++) Assert.True(Math.Abs(s[i, i] - 1) <= tolerance, $"{what}: not spherical");
        if (name[1] == 'E')
        {
            var shapes = scaled.Select(s => s.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).OrderBy(e => e).ToArray()).ToArray();
            foreach (var shape in shapes)
                for (var j = 0; j < d; j++) Assert.True(Math.Abs(shape[j] - shapes[0][j]) <= tolerance * (1 + shapes[0][j]), $"{what}: shapes differ");
        }
        if (name[2] == 'E')
        {
            // A common orientation: the covariances commute (share their eigenvectors).
            for (var a = 0; a < sigmas.Length; a++)
                for (var b = 0; b < a; b++)
                {
                    var commutator = sigmas[a] * sigmas[b] - sigmas[b] * sigmas[a];
                    var scale = sigmas[a].FrobeniusNorm() * sigmas[b].FrobeniusNorm();
                    Assert.True(commutator.FrobeniusNorm() <= tolerance * scale, $"{what}: orientations differ ({commutator.FrobeniusNorm():g3} vs {scale:g3})");
                }
        }
    }

    [Theory]
    [InlineData(DegeneracyAction.Regularize)]
    [InlineData(DegeneracyAction.Reinitialize)]
    public void RepairedDegenerateComponentsKeepTheModelsConstraints(DegeneracyAction action)
    {
        // 40 copies of one point beside two spread clusters: the component that takes them collapses.
        var random = new Random(2);
        var values = Enumerable.Range(0, 40).SelectMany(_ => new[] { 5.0, 5.0, 5.0 })
            .Concat(Enumerable.Range(0, 200).SelectMany(i => new[] { (i % 2) * 8 + random.NextDouble(), random.NextDouble() * 2, (i % 2) * -4 + random.NextDouble() }))
            .ToArray();
        var data = Generators.ToDataset(values, values.Length / 3, 3);
        var repaired = new List<CovarianceModel>();
        foreach (var model in CovarianceModels.All)
        {
            var family = GaussianFamily.For(model);
            var start = Initializer.Initialize(family, data, 3, new InitializationStrategy.KMeansPlusPlus(), 4).Expect($"{model} start");
            var states = Em.Iterate(family, data, start, degeneracy: new DegeneracyPolicy(action)).Take(40).ToList();
            var last = states.TakeWhile(state => !state.Failed).Last();
            if (states.Any(state => !state.Repairs.IsEmpty)) repaired.Add(model);
            if (last.Iteration > 0) AssertConstraints(model, last.Mixture.Components, $"{model} after repairs ({action})");
        }
        // The law is only worth something if repairs happened, in models with constraints across components too.
        Assert.Contains(repaired, model => !CovarianceModels.IsKind(model));
    }

    [Fact]
    public void RepairsTreatTheConstrainedModelsAsSharingParameters()
    {
        double[] block = [0, 0, 0, 1, 2, 3];
        foreach (var model in CovarianceModels.All)
        {
            var family = GaussianFamily.For(model);
            // Only VVV, VVI and VII estimate each component on its own; a shared volume, shape or orientation ties them.
            Assert.Equal(model is CovarianceModel.VVV or CovarianceModel.VVI or CovarianceModel.VII, family.EstimatesComponentsIndependently);
            // D + 1 rows only where a component's own rows give its whole shape and orientation.
            var statistics = family.Summarize(block, 3, [1.0, 1.0]);
            Assert.Equal(model is CovarianceModel.VVV or CovarianceModel.EVV ? 4 : 0, family.RowsNeeded(statistics));
        }
    }

    [Fact]
    public void ASingularScatterWithoutRegularizationIsAnErrorValueNotAnException()
    {
        // Two components, each on three copies of one point: every scatter is zero.
        double[] block = [0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 5, 5, 5, 5];
        foreach (var model in CovarianceModels.All)
        {
            var family = GaussianFamily.For(model, 0);
            var statistics = new[] { family.Summarize(block.AsSpan(0, 9), 3, [1.0, 1.0, 1.0]), family.Summarize(block.AsSpan(9, 9), 3, [1.0, 1.0, 1.0]) }.ToArr();
            Assert.True(family.Estimate(statistics).IsLeft, $"{model}: a zero scatter gave a covariance");
        }
    }

    [Fact]
    public void TheParameterCountsAreMclusts()
    {
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "reference", "models", "nvarparams.csv")).Skip(1).Select(line => line.Split(','));
        var checkedCount = 0;
        foreach (var fields in rows)
        {
            var model = Enum.Parse<CovarianceModel>(fields[0]);
            var d = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var g = int.Parse(fields[2], CultureInfo.InvariantCulture);
            var expected = int.Parse(fields[3], CultureInfo.InvariantCulture);
            Assert.True(expected == CovarianceModels.CovarianceParameters(model, d, g), $"{model}, d = {d}, G = {g}: mclust {expected}, ours {CovarianceModels.CovarianceParameters(model, d, g)}");
            Assert.Equal(g * d + expected, GaussianFamily.For(model).FreeParameters(g, d));
            checkedCount++;
        }
        Assert.Equal(14 * 5 * 4, checkedCount);
    }

    [Fact]
    public void WithOneComponentEveryModelIsItsUnconstrainedKind()
    {
        var data = new Case(7, 200, 3, 1, CovarianceModel.VVV).Data();
        var start = Initializer.Initialize(GaussianFamily.For(CovarianceModel.VVV, 0), data, 1, new InitializationStrategy.KMeansPlusPlus(), 1).Expect();
        double LogLikelihood(CovarianceModel model) =>
            Em.Iterate(GaussianFamily.For(model, 0), data, Reframe(start, model)).Take(3).Last().MeanLogLikelihood;
        // One component: the E and V letters coincide; what is left is spherical, diagonal or full.
        foreach (var (model, kind) in new[] { (CovarianceModel.EII, CovarianceModel.VII), (CovarianceModel.EEI, CovarianceModel.VVI), (CovarianceModel.VEI, CovarianceModel.VVI), (CovarianceModel.EVI, CovarianceModel.VVI) }
                     .Concat(new[] { CovarianceModel.VEE, CovarianceModel.EVE, CovarianceModel.VVE, CovarianceModel.EEV, CovarianceModel.VEV, CovarianceModel.EVV, CovarianceModel.EEE }.Select(m => (m, CovarianceModel.VVV))))
            TestSupport.AssertClose(LogLikelihood(kind), LogLikelihood(model), 1e-12, $"{model} vs {kind}");
    }

    /// <summary>The start's means with identity covariances in the model's storage.</summary>
    private static Mixture<GaussianComponent> Reframe(Mixture<GaussianComponent> start, CovarianceModel model)
    {
        var family = GaussianFamily.For(model, 0);
        return new Mixture<GaussianComponent>(start.Weights, start.Components.Map(c => family.CenteredAt(c.Mean)));
    }

    public static TheoryData<string, int> MclustCases() => new() { { "faithful", 2 }, { "faithful", 3 }, { "iris", 2 }, { "iris", 3 } };

    [Theory]
    [MemberData(nameof(MclustCases))]
    public void FromMclustsStartEveryModelReachesMclustsFit(string dataName, int components)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "data", "reference", "models");
        var data = ReadTable(Path.Combine(AppContext.BaseDirectory, "data", $"{dataName}.csv"));
        var labels = File.ReadAllLines(Path.Combine(directory, $"start-{dataName}-{components}.csv")).Skip(1).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        var references = File.ReadAllLines(Path.Combine(directory, "fits.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[0] == dataName && f[1] == components.ToString(CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(14, references.Length);
        var d = data.Columns;
        foreach (var reference in references)
        {
            var model = Enum.Parse<CovarianceModel>(reference[2]);
            var family = GaussianFamily.For(model, 0);
            var start = Em.EstimateFromResponsibilities(family, data, components, (first, rows, r) =>
            {
                r.Clear();
                for (var i = 0; i < rows; i++) r[i * components + labels[first + i]] = 1;
            }).Expect($"{model} start");
            EmState<GaussianComponent>? final = null;
            foreach (var state in Em.Iterate(family, data, start).Take(100_000))
            {
                Assert.False(state.Failed, $"{dataName}, G = {components}, {model}: step {state.Iteration} failed");
                final = state;
                if (state.Iteration > 1 && Math.Abs(state.Change) <= 1e-15 * Math.Abs(state.MeanLogLikelihood)) break;
            }
            var last = final!;
            var logLikelihood = last.MeanLogLikelihood * data.Rows;
            var expected = double.Parse(reference[3], CultureInfo.InvariantCulture);
            AssertConstraints(model, last.Mixture.Components, $"{dataName}, G = {components}, {model}");
            if (model == CovarianceModel.VVE && logLikelihood > expected + 1e-8 * Math.Abs(expected))
            {
                // mclust's VVE stops below the optimum our exact rotations reach from the same start (on
                // all four cases, by 0.07 to 1.19): a better VVE fit, not the same one.
                output.WriteLine($"{dataName}, G = {components}, VVE: ours {logLikelihood:R}, mclust {expected:R}");
                continue;
            }
            Assert.True(Math.Abs(logLikelihood - expected) <= 1e-8 * Math.Abs(expected),
                $"{dataName}, G = {components}, {model}: log-likelihood {logLikelihood:R}, mclust {expected:R} (after {last.Iteration} iterations; mclust {reference[4]})");
            var weights = reference[5].Split(';').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var means = reference[6].Split(';').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            var sigma = reference[7].Split(';').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            for (var k = 0; k < components; k++)
            {
                var component = last.Mixture.Components[k];
                Assert.True(Math.Abs(last.Mixture.Weights[k] - weights[k]) <= 1e-5, $"{dataName} {components} {model}: weight {k} {last.Mixture.Weights[k]:R}, mclust {weights[k]:R}; log-likelihood {logLikelihood:R} vs {expected:R} after {last.Iteration} iterations");
                var covariance = component.FullCovariance();
                for (var i = 0; i < d; i++)
                {
                    Assert.True(Math.Abs(component.Mean[i] - means[k * d + i]) <= 1e-5 * (1 + Math.Abs(means[k * d + i])), $"{dataName} {components} {model}: mean {k},{i}");
                    for (var j = 0; j < d; j++)
                    {
                        var r = sigma[k * d * d + j * d + i];
                        Assert.True(Math.Abs(covariance[i * d + j] - r) <= 1e-4 * (1 + Math.Abs(r)), $"{dataName} {components} {model}: Σ_{k}[{i},{j}] {covariance[i * d + j]:R}, mclust {r:R}");
                    }
                }
            }
        }
    }

    private static Dataset ReadTable(string path)
    {
        var lines = File.ReadAllLines(path).Skip(1).Where(l => l.Trim().Length > 0).ToArray();
        var values = lines.SelectMany(l => l.Split(',').Select(f => double.Parse(f.Trim('"'), CultureInfo.InvariantCulture))).ToArray();
        return Generators.ToDataset(values, lines.Length, values.Length / lines.Length);
    }
}
