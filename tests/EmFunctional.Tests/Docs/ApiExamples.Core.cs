#region core-usings
using EmFunctional.Core;
using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Product;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;
using Errors = EmFunctional.Core.Errors; // LanguageExt.Common has an Errors class too
#endregion

namespace EmFunctional.Tests.Docs;

/// <summary>The examples of docs/api.md that use the core (EmFunctional.Core) directly.</summary>
public sealed partial class ApiExamples
{
    public void CoreDataset()
    {
        var rows = OldFaithful();
        #region core-dataset
        // Every problem is reported at once, as a Validation.
        Validation<Error, Dataset> invalid = Dataset.Create([1.0, 2.0, double.NaN, 4.0, 5.0, 6.0], rows: 3, columns: 2, weights: [1.0, -1.0, 2.0]);
        invalid.Match(
            Succ: data => Console.WriteLine($"{data.Rows} rows"),
            Fail: errors => errors.Iter(error => Console.WriteLine($"error {error.Code}: {error.Message}")));

        Dataset faithful = Dataset.FromRows(rows).Match(
            Succ: data => data,
            Fail: errors => throw new ArgumentException(string.Join("; ", errors.Map(error => error.Message))));
        Console.WriteLine($"{faithful.Rows} rows × {faithful.Columns} columns, total weight {faithful.TotalWeight}, row 0 = [{string.Join(", ", faithful.Row(0).ToArray())}]");
        #endregion
    }

    public void CoreFit()
    {
        var data = Dataset.FromRows(OldFaithful()).Match(Succ: d => d, Fail: errors => throw new ArgumentException(errors.Head.Message));
        #region core-fit
        // data: a Dataset of Old Faithful, as above.
        var family = new GaussianFamily(CovarianceKind.Full, Regularization: 1e-6);
        StoppingRule stopping = new StoppingRule.FirstOf(Array<StoppingRule>(
            new StoppingRule.ResponsibilityChange(1e-3),   // ‖R_t − R_t−1‖_F below 1e-3 …
            new StoppingRule.MaximumIterations(300)));     // … or 300 steps
        var options = new EmOptions(stopping, new InitializationStrategy.KMeans(), Restarts: 3, Seed: 1);

        Either<Error, FitResult<GaussianComponent>> fit = Fitting.Fit(family, data, components: 2, options);
        fit.Match(
            Right: result =>
            {
                Console.WriteLine($"{result.StopReason} after {result.Iterations} steps; log-likelihood {result.LogLikelihood:F3}, BIC {result.Bic:F2}");
                foreach (var (weight, component) in result.Mixture.Weights.Zip(result.Mixture.Components))
                    Console.WriteLine($"  π = {weight:F3}, μ = ({component.Mean[0]:F3}, {component.Mean[1]:F3}), log|Σ| = {component.LogDeterminant:F3}");
            },
            Left: error => Console.WriteLine($"failed ({error.Code}): {error.Message}"));
        #endregion
    }

    public void CoreStep()
    {
        var data = Dataset.FromRows(OldFaithful()).Match(Succ: d => d, Fail: errors => throw new ArgumentException(errors.Head.Message));
        #region core-step
        // A stopping rule of our own, as a pure recursive function over Em.Step: stop when no mixture
        // weight moves by more than 1e-9. Any failure (Left) short-circuits the chain.
        var family = new GaussianFamily(CovarianceKind.Tied);

        Either<Error, EmState<GaussianComponent>> Run(EmState<GaussianComponent> state) =>
            Em.Step(family, data, state).Bind(next =>
                next.Mixture.Weights.Zip(state.Mixture.Weights).All(pair => Math.Abs(pair.Item1 - pair.Item2) < 1e-9)
                    ? Right<Error, EmState<GaussianComponent>>(next)
                    : Run(next));

        var final =
            from start in Initializer.Initialize(family, data, components: 2, new InitializationStrategy.RandomFromData(), seed: 5)
            from state in Run(EmState<GaussianComponent>.Initial(start))
            select state;
        Console.WriteLine(final.Match(
            Right: state => $"{state.Iteration} steps, mean log-likelihood {state.MeanLogLikelihood:F6}, weights {string.Join(", ", state.Mixture.Weights.Map(w => w.ToString("F4")))}",
            Left: error => $"failed: {error.Message}"));
        #endregion
    }

    public void CoreIterate()
    {
        var data = Dataset.FromRows(OldFaithful()).Match(Succ: d => d, Fail: errors => throw new ArgumentException(errors.Head.Message));
        #region core-iterate
        // Em.Iterate is lazy and unbounded: LINQ decides how much of it runs. Every element is a state; a
        // failed step would end the sequence with a state whose Failure says why.
        var family = new GaussianFamily(CovarianceKind.Spherical);
        var trace = Initializer.Initialize(family, data, 3, new InitializationStrategy.KMeansPlusPlus(), seed: 2)
            .Map(start => Em.Iterate(family, data, start)
                .Take(40)
                .TakeWhile(state => !state.Failed)
                .Select(state => state.MeanLogLikelihood)
                .ToList());
        trace.Match(
            Right: values => Console.WriteLine(
                $"{values.Count} steps, from {values[0]:F4} to {values[^1]:F4}; never decreased: {values.Zip(values.Skip(1), (before, after) => after >= before - 1e-12).All(rose => rose)}"),
            Left: error => Console.WriteLine(error.Message));
        #endregion
    }

    #region exponential-family
    /// <summary>What the M-step of an exponential component needs: N_k and Σ_i r_ik w_i x_ij per column.</summary>
    public sealed record ExponentialStatistics(double Weight, double[] Sums) : IComponentStatistics;

    /// <summary>
    /// Independent exponential columns: a component is one rate λ_j per column, with
    /// log p(x | λ) = Σ_j (log λ_j − λ_j x_j) for x_j ≥ 0.
    /// </summary>
    public sealed record ExponentialFamily : IComponentFamily<double[], ExponentialStatistics>
    {
        public void LogDensities(double[] rates, ReadOnlySpan<double> block, int dimensions, Span<double> output)
        {
            for (var r = 0; r < output.Length; r++)
            {
                var sum = 0.0;
                for (var j = 0; j < dimensions; j++) sum += Math.Log(rates[j]) - rates[j] * block[r * dimensions + j];
                output[r] = sum;
            }
        }

        public ExponentialStatistics Empty(int dimensions) => new(0, new double[dimensions]);

        public ExponentialStatistics Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights)
        {
            var total = 0.0;
            var sums = new double[dimensions];
            for (var r = 0; r < weights.Length; r++)
            {
                total += weights[r];
                for (var j = 0; j < dimensions; j++) sums[j] += weights[r] * block[r * dimensions + j];
            }
            return new(total, sums);
        }

        public ExponentialStatistics Combine(ExponentialStatistics first, ExponentialStatistics second) =>
            new(first.Weight + second.Weight, first.Sums.Zip(second.Sums, (a, b) => a + b).ToArray());

        // The M-step: λ_j = N_k / Σ_i r_ik w_i x_ij, one over the component's weighted mean.
        public Either<Error, Arr<double[]>> Estimate(Arr<ExponentialStatistics> statistics)
        {
            var components = new List<double[]>();
            for (var k = 0; k < statistics.Count; k++)
            {
                var (weight, sums) = statistics[k];
                if (!(weight > 0)) return Errors.EmptyComponent(k, weight);
                components.Add(sums.Select(sum => weight / Math.Max(sum, 1e-300)).ToArray());
            }
            return components.ToArr();
        }

        public double LogPrior(Arr<double[]> components) => 0;   // maximum likelihood

        public int FreeParameters(int components, int dimensions) => components * dimensions;

        // RandomFromData's start: the component whose mean is the chosen row.
        public double[] CenteredAt(ReadOnlySpan<double> center) => center.ToArray().Select(x => 1 / Math.Max(x, 1e-6)).ToArray();

        public void Sample(double[] rates, ref RandomSource random, Span<double> output)
        {
            for (var j = 0; j < output.Length; j++) output[j] = -Math.Log(1 - random.NextDouble()) / rates[j];
        }
    }
    #endregion

    public void CoreCustomFamily()
    {
        #region core-custom-family
        // Waiting times in minutes at two kinds of counters: quick ones (mean 2) and, for a third of the people, slow ones (mean 10).
        var random = new Random(21);
        double[] waits = [.. Enumerable.Range(0, 600).Select(i => -Math.Log(1 - random.NextDouble()) * (i % 3 == 0 ? 10.0 : 2.0))];
        var data = Dataset.Create(waits, rows: waits.Length, columns: 1).Match(Succ: d => d, Fail: errors => throw new ArgumentException(errors.Head.Message));
        var family = new ExponentialFamily();

        // Exponential components overlap heavily and EM creeps: the default tolerance (1e-3) against a strict one.
        foreach (var tolerance in new[] { 1e-3, 1e-8 })
        {
            var options = EmOptions.Default with { Stopping = StoppingRule.Default(tolerance, maximumIterations: 5000), Restarts = 5 };
            Console.WriteLine(Fitting.Fit(family, data, components: 2, options).Match(
                Right: result => $"tolerance {tolerance:E0}: {result.Iterations,3} iterations, log-likelihood {result.LogLikelihood:F2}, " +
                    string.Join(" and ", result.Mixture.Weights.Zip(result.Mixture.Components, (weight, rates) => $"weight {weight:F3} with mean {1 / rates[0]:F2}")),
                Left: error => error.Message));
        }
        #endregion
    }

    public void CoreProduct()
    {
        #region core-product
        // A family per column group: column 0 Gaussian, columns 1 and 2 Bernoulli with a Beta(2, 2) prior.
        Validation<Error, ProductFamily> product = ProductFamily.Create(
            PartFamily.Of(new GaussianFamily(CovarianceKind.Full), [0]),
            PartFamily.Of(new BernoulliFamily(BetaPrior.Laplace), [1, 2]));

        double[] values = [0.1, 0, 1, -0.3, 0, 1, 0.2, 0, 0, 5.2, 1, 0, 4.8, 1, 1, 5.1, 1, 0];
        var fit =
            from family in product.ToEither().MapLeft(errors => errors.Head)
            from data in Dataset.Create(values, rows: 6, columns: 3).ToEither().MapLeft(errors => errors.Head)
            from result in Fitting.Fit(family, data, 2, EmOptions.Default)
            select result;
        Console.WriteLine(fit.Match(
            Right: result => $"log-likelihood {result.LogLikelihood:F3}, log-prior {result.LogPrior:F3}, {result.FreeParameters} free parameters, weights {string.Join(", ", result.Mixture.Weights.Map(w => w.ToString("F3")))}",
            Left: error => error.Message));
        #endregion
    }
}
