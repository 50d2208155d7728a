using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Tests.Families.GaussianModels;
using EmFunctional.Testing;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using MathNet.Numerics.LinearAlgebra;
using static EmFunctional.Core.Tests.Families.FamilyTestSupport;

namespace EmFunctional.Core.Tests.Families.GaussianPriorTests;

/// <summary>
/// The laws of the MAP step of EII, EEI, VEI, EVI, EEV and VEV: EM never decreases the log-posterior and keeps
/// each model's constraints, the step maximizes the complete-data log-likelihood plus <c>LogPrior</c> within the
/// model (which ties the log-prior to the update), and the four models without a prior still refuse one.
/// </summary>
public class ConstrainedPriorLaws
{
    private static readonly CovarianceModel[] WithPrior =
        [CovarianceModel.EII, CovarianceModel.EEI, CovarianceModel.VEI, CovarianceModel.EVI, CovarianceModel.EEV, CovarianceModel.VEV];

    private sealed record Case(int Seed, int Rows, int Columns, int Components, CovarianceModel Model)
    {
        public Dataset Data()
        {
            var (values, _) = Generators.ClusteredArrays(Seed, Rows, Columns, Components, WeightMode.None);
            return Generators.ToDataset(values, Rows, Columns);
        }

        /// <summary>The model's family with mclust's default prior for the data, without regularization.</summary>
        public GaussianFamily Family(Dataset data) =>
            GaussianFamily.For(Model, 0) with { Prior = PriorTestData.DefaultPrior(data, Components, CovarianceModels.Storage(Model)) };
    }

    private static Gen<Case> Cases(int minRows = 30) =>
        from seed in Gen.Choose(0, 1_000_000)
        from rows in Gen.Choose(minRows, 200)
        from columns in Gen.Choose(1, 4)
        from components in Gen.Choose(1, 4)
        from model in Gen.Elements(WithPrior)
        select new Case(seed, rows, columns, components, model);

    [SeededProperty(200)]
    public Property TheLogPosteriorNeverDecreasesAndEveryStepKeepsTheConstraints()
    {
        return Prop.ForAll(Arb.From(Cases()), test =>
        {
            var data = test.Data();
            var family = test.Family(data);
            var start = Initializer.Initialize(family, data, test.Components, new InitializationStrategy.KMeansPlusPlus(), (ulong)test.Seed);
            if (start.IsLeft) return;
            var (states, error) = Run(family, data, start.Expect(), 30);
            // The prior keeps every covariance positive definite; only a component without rows can stop EM.
            if (error is { } failure) Assert.True(failure.Code == ErrorCodes.EmptyComponent, $"{test}: {failure.Message}");
            AssertMonotone(states);
            foreach (var state in states) CovarianceModelLaws.AssertConstraints(test.Model, state.Mixture.Components, test.ToString());
        });
    }

    [SeededProperty(150)]
    public Property TheStepMaximizesTheCompleteDataLogPosteriorWithinTheModel()
    {
        // For fixed responsibilities r the step returns the maximizer of Σ_i Σ_k r_ik log N(x_i | θ_k) + log p(θ)
        // over the model's parameters. Along any mean, volume, shape or orientation the model lets vary (keeping
        // the constraints) a nudge of a few per cent can only lower it, and the slope there is zero: a
        // log-prior that disagreed with the update by any term in μ, λ, A or D would give it a slope.
        var gen =
            from test in Cases(minRows: 10)
            from nudgeSeed in Generators.Seed
            select (test, nudgeSeed);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (test, nudgeSeed) = testCase;
            var data = test.Data();
            var family = test.Family(data);
            var k = test.Components;
            var d = data.Columns;
            var random = new Random(nudgeSeed);
            var responsibilities = new double[data.Rows * k];
            for (var i = 0; i < data.Rows; i++)
            {
                var total = 0.0;
                for (var c = 0; c < k; c++) total += responsibilities[i * k + c] = 0.05 + random.NextDouble();
                for (var c = 0; c < k; c++) responsibilities[i * k + c] /= total;
            }
            var mode = Em.EstimateFromResponsibilities(family, data, k, (first, rows, r) =>
                responsibilities.AsSpan(first * k, rows * k).CopyTo(r)).Expect($"{test} step");
            double Objective(Arr<GaussianComponent> components)
            {
                var densities = new double[data.Rows * k];
                family.LogDensities(components, data.Values, d, densities);
                var sum = family.LogPrior(components);
                for (var i = 0; i < densities.Length; i++) sum += responsibilities[i] * densities[i];
                return sum;
            }
            var best = Objective(mode.Components);
            for (var trial = 0; trial < 8; trial++)
            {
                var what = trial % 4;
                var direction = random.Next();
                var value = Objective(Nudge(test.Model, mode.Components, direction, what, 0.1));
                Assert.True(value <= best + 1e-10 * Math.Abs(best), $"{test}, nudge {what}: {value:R} exceeds the step's {best:R}");
                // The slope by central differences; the scale of its terms is about rows × D, and the inner
                // alternations of VEI and VEV stop within ~1e-8 of that.
                const double step = 1e-4;
                var slope = (Objective(Nudge(test.Model, mode.Components, direction, what, step)) - Objective(Nudge(test.Model, mode.Components, direction, what, -step))) / (2 * step);
                Assert.True(Math.Abs(slope) <= 1e-6 * data.Rows * d, $"{test}, nudge {what}: slope {slope:g3} at the step's answer");
            }
        });
    }

    /// <summary>
    /// The components with one kind of parameter moved as the model allows, by random amounts up to
    /// <paramref name="step"/> (relative, or radians) drawn from <paramref name="direction"/>, so that −step moves
    /// back along the same line: 0 the means, 1 the volumes (one factor for E), 2 the shapes (one for E; none for
    /// EII), 3 the orientations (V only).
    /// </summary>
    private static Arr<GaussianComponent> Nudge(CovarianceModel model, Arr<GaussianComponent> components, int direction, int what, double step)
    {
        var random = new Random(direction);
        var name = model.ToString();
        var kind = CovarianceModels.Storage(model);
        var d = components[0].Dimensions;
        double Factor() => Math.Exp(step * (2 * random.NextDouble() - 1));
        var sharedVolume = Factor();
        var sharedShape = Enumerable.Range(0, d).Select(_ => Factor()).ToArray();
        return components.Map(component =>
        {
            var mean = component.Mean.ToArray();
            var evd = Matrix<double>.Build.DenseOfRowMajor(d, d, component.FullCovariance()).Evd(Symmetricity.Symmetric);
            // Diagonal storage keeps the coordinate axes as the orientation (and their order as the shape's).
            var orientation = kind == CovarianceKind.Full ? evd.EigenVectors : Matrix<double>.Build.DenseIdentity(d);
            var values = kind == CovarianceKind.Full ? evd.EigenValues.Select(e => e.Real).ToArray() : [.. Enumerable.Range(0, d).Select(j => component.FullCovariance()[j * d + j])];
            switch (what)
            {
                case 0:
                    for (var j = 0; j < d; j++) mean[j] += step * Math.Sqrt(values.Max()) * (2 * random.NextDouble() - 1);
                    break;
                case 1:
                    var volume = name[0] == 'E' ? sharedVolume : Factor();
                    for (var j = 0; j < d; j++) values[j] *= volume;
                    break;
                case 2 when name[1] != 'I':
                    var shape = name[1] == 'E' ? sharedShape : [.. Enumerable.Range(0, d).Select(_ => Factor())];
                    var root = Math.Exp(shape.Average(x => Math.Log(x)));
                    for (var j = 0; j < d; j++) values[j] *= shape[j] / root;
                    break;
                case 3 when name[2] == 'V' && d > 1:
                    var (i, l) = (random.Next(d), random.Next(d - 1));
                    if (l >= i) l++;
                    var rotation = Matrix<double>.Build.DenseIdentity(d);
                    var (sin, cos) = Math.SinCos(step * (2 * random.NextDouble() - 1));
                    (rotation[i, i], rotation[l, l], rotation[i, l], rotation[l, i]) = (cos, cos, -sin, sin);
                    orientation = rotation * orientation;
                    break;
            }
            var sigma = orientation * Matrix<double>.Build.DiagonalOfDiagonalArray(values) * orientation.Transpose();
            double[] covariance = kind switch
            {
                CovarianceKind.Spherical => [sigma[0, 0]],
                CovarianceKind.Diagonal => [.. Enumerable.Range(0, d).Select(j => sigma[j, j])],
                _ => [.. Enumerable.Range(0, d * d).Select(index => 0.5 * (sigma[index / d, index % d] + sigma[index % d, index / d]))],
            };
            return GaussianComponent.Create(kind, mean, covariance).Expect("nudged component");
        });
    }

    [Fact]
    public void TheModelsWithoutAPriorRefuseOneByName()
    {
        var data = PriorTestData.Faithful;
        foreach (var model in new[] { CovarianceModel.VEE, CovarianceModel.EVE, CovarianceModel.VVE, CovarianceModel.EVV })
        {
            Assert.False(CovarianceModels.HasConjugatePrior(model));
            var family = GaussianFamily.For(model, 0) with { Prior = PriorTestData.DefaultPrior(data, 2, CovarianceKind.Full) };
            var statistics = Prelude.Array(family.Summarize(data.Values, 2, Enumerable.Repeat(1.0, data.Rows).ToArray())).ToArr();
            var error = family.Estimate(statistics).ExpectLeft();
            Assert.Equal(ErrorCodes.InvalidInput, error.Code);
            Assert.Contains($"not available for the {model} model; the conjugate priors cover EII, VII, EEI, VEI, EVI, VVI, EEE, EEV, VEV, VVV", error.Message);
        }
        Assert.All(WithPrior, model => Assert.True(CovarianceModels.HasConjugatePrior(model)));
    }
}
