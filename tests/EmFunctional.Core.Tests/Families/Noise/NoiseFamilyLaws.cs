using System.Globalization;
using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Noise;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Numerics;
using EmFunctional.Core.Selection;
using EmFunctional.Core.Tests.Families;
using EmFunctional.Testing;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests.Families.Noise;

/// <summary>
/// The noise component (<see cref="NoiseFamily{TComponent,TStatistics}"/>): EM with it never decreases the
/// log-likelihood, keeps it last and uniform, adds one parameter to the signal family's (mclust's count, so that
/// BIC is mclust's), and on mclust's own noise example reaches mclust 6.0.0's optimum and finds the noise rows as
/// well as mclust does (tests/data/reference/noise, made by mclust-noise.R there).
/// </summary>
public class NoiseFamilyLaws
{
    private sealed record Case(int Seed, int Rows, int NoiseRows, int Columns, int Components, CovarianceModel Model)
    {
        public Dataset Data()
        {
            var (values, _) = Generators.ClusteredArrays(Seed, Rows, Columns, Components, WeightMode.None);
            // Uniform rows over the clusters' box, as noise.
            var random = new Random(Seed);
            var lower = Enumerable.Range(0, Columns).Select(j => Enumerable.Range(0, Rows).Min(i => values[i * Columns + j])).ToArray();
            var upper = Enumerable.Range(0, Columns).Select(j => Enumerable.Range(0, Rows).Max(i => values[i * Columns + j])).ToArray();
            var noise = Enumerable.Range(0, NoiseRows * Columns).Select(c => lower[c % Columns] + random.NextDouble() * (upper[c % Columns] - lower[c % Columns]));
            return Generators.ToDataset([.. values, .. noise], Rows + NoiseRows, Columns);
        }
    }

    private static Gen<Case> Cases() =>
        from seed in Gen.Choose(0, 1_000_000)
        from rows in Gen.Choose(60, 250)
        from noiseRows in Gen.Choose(5, 80)
        from columns in Gen.Choose(1, 3)
        from components in Gen.Choose(1, 3)
        from model in Gen.Elements(CovarianceModel.VVV, CovarianceModel.VVI, CovarianceModel.EEE, CovarianceModel.VII, CovarianceModel.EVI, CovarianceModel.VEV)
        select new Case(seed, rows, noiseRows, columns, components, model);

    [SeededProperty(100)]
    public Property TheLogLikelihoodNeverDecreasesAndTheNoiseComponentStaysLastAndUniform()
    {
        return Prop.ForAll(Arb.From(Cases()), test =>
        {
            var data = test.Data();
            var family = new NoiseFamily<GaussianComponent, GaussianStatistics>(GaussianFamily.For(test.Model, 1e-6), UniformNoise.Around(data).Expect());
            var guess = NearestNeighbourCleaning.Noise(data, 5).Expect();
            var options = new EmOptions(StoppingRule.Default(0, 40), new InitializationStrategy.KMeansPlusPlus(), Seed: (ulong)test.Seed);
            // Every generated case has enough clustered rows for its start: a failed start fails the law rather than skipping it.
            var start = NoiseStart.Start(family, data, guess, test.Components, options, 0).Expect($"{test}: the noise start");
            var states = Em.Iterate(family, data, start).Take(30).TakeWhile(state => !state.Failed).ToList();
            // The constrained models' inner loops stop at 1e-12 relative, hence CovarianceModelLaws' slack of 1e-10.
            FamilyTestSupport.AssertMonotone(states, state => 1e-10 * (1 + Math.Abs(state.MeanLogPosterior)));
            foreach (var state in states)
            {
                Assert.Equal(test.Components + 1, state.Mixture.Count);
                Assert.True(state.Mixture.Components[^1].IsNoise, $"{test}: the last component is not the noise component");
                Assert.All(state.Mixture.Components.Take(test.Components), component => Assert.False(component.IsNoise));
                Assert.Equal(1, state.Mixture.Weights.Sum(), 1e-12);
            }
        });
    }

    [Fact]
    public void The_noise_component_adds_one_parameter_for_its_hypervolume()
    {
        var data = Generators.ToDataset([0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.4], 5, 2);
        foreach (var model in CovarianceModels.All)
        {
            var signal = GaussianFamily.For(model);
            var family = new NoiseFamily<GaussianComponent, GaussianStatistics>(signal, UniformNoise.Around(data).Expect());
            for (var k = 1; k <= 4; k++)
                Assert.Equal(signal.FreeParameters(k, 2) + 1, family.FreeParameters(k + 1, 2));
        }
    }

    [Fact]
    public void The_box_is_mclusts_hypervolume_the_smaller_of_the_column_and_principal_boxes()
    {
        // A unit square's corners: the column box (area 1) is smaller than the principal one (area 2).
        var square = Generators.ToDataset([0, 0, 1, 0, 0, 1, 1, 1], 4, 2);
        Assert.Equal(0, UniformNoise.Around(square).Expect().LogVolume, 12);
        // A thin diagonal band: its principal box is far smaller than its column box (1 × 1).
        double[] band = [0, 0, 1, 1, 0.5, 0.52, 0.25, 0.24, 0.75, 0.76];
        var principal = UniformNoise.Around(Generators.ToDataset(band, 5, 2)).Expect();
        Assert.True(principal.LogVolume < Math.Log(0.1), $"log V = {principal.LogVolume}");
        // Every point of the data is inside the box it chose, and samples stay in it.
        var random = RandomSource.Create(3);
        var point = new double[2];
        for (var i = 0; i < 100; i++)
        {
            principal.Sample(ref random, point);
            Assert.InRange(point[0], -0.1, 1.1);
            Assert.InRange(point[1], -0.1, 1.1);
        }
        // One column: the range.
        Assert.Equal(Math.Log(4), UniformNoise.Around(Generators.ToDataset([1, 5, 2, 3], 4, 1)).Expect().LogVolume, 12);
        // No extent: no uniform density.
        Assert.Contains("column 2 takes a single value", UniformNoise.Around(Generators.ToDataset([1, 7, 2, 7, 3, 7], 3, 2)).Match(Right: _ => "", Left: e => e.Message));
    }

    [Fact]
    public void Nearest_neighbour_cleaning_finds_sparse_rows_around_a_dense_cloud()
    {
        var random = new Random(11);
        var dense = Enumerable.Range(0, 400).SelectMany(_ => new[] { random.NextDouble() * 0.1, random.NextDouble() * 0.1 });
        var sparse = Enumerable.Range(0, 40).SelectMany(_ => new[] { random.NextDouble() * 10 - 5, random.NextDouble() * 10 - 5 });
        var data = Generators.ToDataset([.. dense, .. sparse], 440, 2);

        var noise = NearestNeighbourCleaning.Noise(data).Expect();

        Assert.True(noise.Take(400).Count(flag => flag) <= 4, $"{noise.Take(400).Count(flag => flag)} dense rows flagged");
        Assert.True(noise.Skip(400).Count(flag => flag) >= 36, $"{noise.Skip(400).Count(flag => flag)} of 40 sparse rows flagged");
        Assert.True(NearestNeighbourCleaning.Noise(data, 440).IsLeft);
    }

    /// <summary>mclust's fits of its noise example, by start and fit (tests/data/reference/noise/mclust-noise.csv).</summary>
    public static TheoryData<string, int> MclustFits() => new()
    {
        { "VVV", 2 },
        { "VVV", 3 },
        { "EVI", 2 },
        { "EEI", 3 },
    };

    [Theory]
    [MemberData(nameof(MclustFits))]
    public void On_mclusts_noise_example_the_fit_reaches_mclusts_optimum_and_finds_the_noise_rows_as_well(string modelName, int components)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "data", "reference", "noise");
        var table = File.ReadAllLines(Path.Combine(directory, "faithful-noise.csv")).Skip(1).Select(line => line.Split(',').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var truth = table.Select(row => row[2] == 1).ToArray();
        var data = Generators.ToDataset([.. table.SelectMany(row => row.Take(2))], table.Length, 2);
        var mclust = File.ReadAllLines(Path.Combine(directory, "mclust-noise.csv")).Skip(1).Select(line => line.Split(','))
            .Single(fields => fields[0] == "random" && fields[1] == $"{modelName} {components}");
        var (mclustLogLikelihood, mclustBic, mclustRecall, mclustPrecision) = (Number(mclust[5]), Number(mclust[6]), Number(mclust[7]), Number(mclust[8]));

        var model = Enum.Parse<CovarianceModel>(modelName);
        var family = new NoiseFamily<GaussianComponent, GaussianStatistics>(GaussianFamily.For(model, 1e-6), UniformNoise.Around(data).Expect());
        var guess = NearestNeighbourCleaning.Noise(data).Expect();
        var options = new EmOptions(StoppingRule.Default(1e-8, 1000), new InitializationStrategy.Hierarchical());
        var fit = Fitting.Outcome(Fitting.RunFromStarts(family, data, components + 1, options, restart => NoiseStart.Start(family, data, guess, components, options, restart))).Expect();
        var labels = Inference.Labels(Inference.Evaluate(family, data, fit.Mixture).Expect().Responsibilities, components + 1);
        var found = labels.Select(label => label == components).ToArray();
        var hits = found.Where((flag, i) => flag && truth[i]).Count();
        var (recall, precision) = ((double)hits / truth.Count(t => t), (double)hits / found.Count(f => f));

        Assert.True(fit.LogLikelihood >= mclustLogLikelihood - 1e-4 * Math.Abs(mclustLogLikelihood), $"ours {fit.LogLikelihood:R}, mclust {mclustLogLikelihood:R}");
        // Same parameter count as mclust's nMclustParams(noise = TRUE): mclust's BIC of its own log-likelihood.
        Assert.Equal(-mclustBic, InformationCriteria.Bic(mclustLogLikelihood, fit.FreeParameters, data.TotalWeight), 1e-6 * Math.Abs(mclustBic));
        Assert.True(recall >= mclustRecall - 0.05, $"recall {recall:F3}, mclust {mclustRecall:F3}");
        Assert.True(precision >= mclustPrecision - 0.05, $"precision {precision:F3}, mclust {mclustPrecision:F3}");
    }

    private static double Number(string field) => double.Parse(field, CultureInfo.InvariantCulture);
}
