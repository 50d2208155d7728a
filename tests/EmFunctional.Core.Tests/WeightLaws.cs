using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 5: an integer sample weight w_i means "row i counts w_i times": a fit on weighted data equals the
/// fit on the data with each row repeated w_i times (and weight-0 rows dropped).
/// </summary>
public class WeightLaws
{
    /// <summary>The rows repeated by their integer weights, unweighted.</summary>
    private static Dataset Expand(Dataset data)
    {
        var d = data.Columns;
        var values = new List<double>();
        for (var i = 0; i < data.Rows; i++)
            for (var copy = 0; copy < (int)data.Weight(i); copy++) values.AddRange(data.Row(i).ToArray());
        return Generators.ToDataset(values.ToArray(), values.Count / d, d);
    }

    [SeededProperty(150)]
    public Property IntegerWeightsEqualDuplicatedRows()
    {
        var gen =
            from scenario in Generators.Scenarios(weightModes: [WeightMode.Integer], minRows: 10, maxRows: 40, wellPosed: true)
            from iterations in Gen.Choose(1, 12)
            select (scenario, iterations);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, iterations) = testCase;
            var weighted = scenario.CreateData();
            var expanded = Expand(weighted);
            Assert.Equal(weighted.TotalWeight, expanded.Rows);
            // One explicit start for both runs, so that only the weighting differs.
            var start = scenario.Initialize(expanded).Expect("initialization");
            var stopping = StoppingRule.Default(0, iterations);
            var fitWeighted = Fitting.FitFrom(scenario.Family, weighted, start, stopping).Expect("weighted fit");
            var fitExpanded = Fitting.FitFrom(scenario.Family, expanded, start, stopping).Expect("expanded fit");

            Assert.Equal(iterations, fitWeighted.Iterations);
            Assert.Equal(iterations, fitExpanded.Iterations);
            TestSupport.AssertClose(fitExpanded.TotalWeight, fitWeighted.TotalWeight, 1e-15, "total weight");
            TestSupport.AssertClose(fitExpanded.LogLikelihood, fitWeighted.LogLikelihood, 1e-9, "total log-likelihood");
            TestSupport.AssertClose(fitExpanded.Mixture, fitWeighted.Mixture, 1e-9, "fitted mixture");
            var traceWeighted = fitWeighted.Restarts[0].Trace;
            var traceExpanded = fitExpanded.Restarts[0].Trace;
            Assert.Equal(traceExpanded.Count, traceWeighted.Count);
            for (var t = 0; t < traceWeighted.Count; t++)
                TestSupport.AssertClose(traceExpanded[t].MeanLogLikelihood, traceWeighted[t].MeanLogLikelihood, 1e-9, $"trace[{t}]");
            Assert.Equal(fitExpanded.Bic, fitWeighted.Bic, 1e-6 * Math.Max(1, Math.Abs(fitExpanded.Bic)));
        });
    }

    [SeededProperty(100)]
    public Property ZeroWeightRowsAreAbsentRows()
    {
        // Rows of weight 0 (among them outliers so extreme that their density is 0 under every
        // component, log p = −∞) change nothing: not the fit, not the log-likelihood, and they do not
        // end the fit with an error.
        var gen =
            from scenario in Generators.Scenarios(weightModes: [WeightMode.None, WeightMode.Real], maxRows: 40, wellPosed: true)
            from extraSeed in Generators.Seed
            from extra in Gen.Choose(1, 5)
            select (scenario, extraSeed, extra);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, extraSeed, extra) = testCase;
            var data = scenario.CreateData();
            var d = data.Columns;
            var random = new Random(extraSeed);
            var rows = Enumerable.Range(0, data.Rows).Select(i => (Values: data.Row(i).ToArray(), Weight: data.Weight(i))).ToList();
            for (var e = 0; e < extra; e++)
            {
                var outlier = Enumerable.Range(0, d).Select(_ => random.Next(2) == 0 ? 1e200 * (random.NextDouble() + 0.5) : 50 * random.NextDouble()).ToArray();
                rows.Insert(random.Next(rows.Count + 1), (outlier, 0.0));
            }
            var padded = Generators.ToDataset(rows.SelectMany(r => r.Values).ToArray(), rows.Count, d, rows.Select(r => r.Weight).ToArray());
            var start = scenario.Initialize(data).Expect("initialization");
            var stopping = StoppingRule.Default(0, 5);
            var plain = Fitting.FitFrom(scenario.Family, data, start, stopping).Expect("fit");
            var withZeros = Fitting.FitFrom(scenario.Family, padded, start, stopping).Expect("fit with zero-weight rows");
            // The inserted rows shift the 256-row blocks, so sums are taken in another order: equal up to
            // rounding amplified by five EM steps (seen: 1.6e-12), as for duplicated rows (WeightLaws' 1e-9).
            TestSupport.AssertClose(plain.LogLikelihood, withZeros.LogLikelihood, 1e-10, "log-likelihood");
            TestSupport.AssertClose(plain.TotalWeight, withZeros.TotalWeight, 1e-15, "total weight");
            TestSupport.AssertClose(plain.Mixture, withZeros.Mixture, 1e-10, "mixture");
        });
    }

    [SeededProperty(60)]
    public Property UnitWeightsEqualNoWeights()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios(weightModes: [WeightMode.None], maxRows: 30, wellPosed: true)), scenario =>
        {
            var data = scenario.CreateData();
            var ones = data.WithWeights(Enumerable.Repeat(1.0, data.Rows).ToArray()).Match(Succ: d => d, Fail: _ => throw new InvalidOperationException());
            var start = scenario.Initialize(data).Expect("initialization");
            var (plain, _) = TestSupport.Run(scenario.Family, data, start, 5);
            var (unit, _) = TestSupport.Run(scenario.Family, ones, start, 5);
            Assert.Equal(plain.Count, unit.Count);
            for (var t = 0; t < plain.Count; t++)
            {
                TestSupport.AssertClose(plain[t].MeanLogLikelihood, unit[t].MeanLogLikelihood, 1e-12, $"state {t} log-likelihood");
                TestSupport.AssertClose(plain[t].Mixture, unit[t].Mixture, 1e-12, $"state {t}");
            }
        });
    }

    [SeededProperty(60)]
    public Property ScalingAllWeightsChangesNothingButTheTotal()
    {
        // Weights are relative: c·w gives the same mixtures and mean log-likelihoods; the total scales by c.
        var gen =
            from scenario in Generators.Scenarios(weightModes: [WeightMode.Real, WeightMode.Integer], maxRows: 30, wellPosed: true)
            from scale in Gen.Elements(0.001, 0.5, 7.0, 1000.0)
            select (scenario, scale);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, scale) = testCase;
            var data = scenario.CreateData();
            var scaled = data.WithWeights(TestSupport.WeightsOf(data).Select(w => w * scale).ToArray()).Match(Succ: d => d, Fail: _ => throw new InvalidOperationException());
            var start = scenario.Initialize(data).Expect("initialization");
            var stopping = StoppingRule.Default(0, 6);
            var a = Fitting.FitFrom(scenario.Family, data, start, stopping).Expect("fit");
            var b = Fitting.FitFrom(scenario.Family, scaled, start, stopping).Expect("scaled fit");
            TestSupport.AssertClose(a.MeanLogLikelihood, b.MeanLogLikelihood, 1e-10, "mean log-likelihood");
            TestSupport.AssertClose(a.LogLikelihood * scale, b.LogLikelihood, 1e-10, "total log-likelihood");
            TestSupport.AssertClose(a.Mixture, b.Mixture, 1e-9, "mixture");
        });
    }
}
