#region core-usings
using EmFunctional.Core;
using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Product;
using EmFunctional.Core.Initialization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;
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
        // Em.Iterate is lazy and unbounded: LINQ decides how much of it runs.
        var family = new GaussianFamily(CovarianceKind.Spherical);
        var trace = Initializer.Initialize(family, data, 3, new InitializationStrategy.KMeansPlusPlus(), seed: 2)
            .Map(start => Em.Iterate(family, data, start)
                .Take(40)
                .Select(step => step.Match(Right: state => state.MeanLogLikelihood, Left: _ => double.NaN))
                .ToList());
        trace.Match(
            Right: values => Console.WriteLine(
                $"{values.Count} steps, from {values[0]:F4} to {values[^1]:F4}; never decreased: {values.Zip(values.Skip(1), (before, after) => after >= before - 1e-12).All(rose => rose)}"),
            Left: error => Console.WriteLine(error.Message));
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
