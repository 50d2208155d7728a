#region usings
using System.Globalization;
using EmFunctional;
#endregion

namespace EmFunctional.Tests.Docs;

/// <summary>
/// The C# examples of docs/api.md (and the README), one method per example. The text between
/// <c>#region name</c> and <c>#endregion</c> is the code block the document shows under
/// <c>&lt;!-- example: name --&gt;</c>; <see cref="ApiDocTests"/> checks that the two are the same text and
/// runs the method (named like the region in PascalCase) against the output the document shows. What a
/// method does before its region (loading Old Faithful into <c>rows</c>) is what the document's prose says.
/// </summary>
public sealed partial class ApiExamples(TextWriter console)
{
    // Named Console so that the example text calls Console.WriteLine exactly as a reader's program
    // would, while the tests capture the output without redirecting the process-wide console (xunit
    // runs test classes in parallel, and other tests write to it).
    private TextWriter Console { get; } = console;

    /// <summary>The bundled Old Faithful data (272 rows: eruption minutes, minutes to the next eruption).</summary>
    public static string FaithfulPath => ApiDocument.RepositoryFile("src/EmFunctional.Cli/Data/faithful.csv");

    private static double[][] OldFaithful() =>
        [.. File.ReadLines(FaithfulPath).Skip(1)
            .Select(line => line.Split(',').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray())];

    public void ReadCsv()
    {
        var path = FaithfulPath;
        #region read-csv
        double[][] rows = ReadRows(path);
        Console.WriteLine($"{rows.Length} rows of {rows[0].Length} columns; the first is [{string.Join(", ", rows[0])}]");

        // A numeric CSV with a header line. (The em tool's reader also handles quotes, other delimiters and bad rows.)
        static double[][] ReadRows(string path) =>
            File.ReadLines(path)
                .Skip(1)
                .Select(line => line.Split(',').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray())
                .ToArray();
        #endregion
    }

    public void FitGaussian()
    {
        var rows = OldFaithful();
        #region fit-gaussian
        GaussianMixtureModel model = GaussianMixture.Fit(rows, components: 2);

        Console.WriteLine($"{model.StopReason} after {model.Iterations} iterations (converged: {model.Converged})");
        Console.WriteLine($"log-likelihood {model.LogLikelihood:F3} ({model.MeanLogLikelihood:F4} per row), {model.FreeParameters} free parameters");
        for (var k = 0; k < model.Components; k++)
        {
            double[,] covariance = model.Parameters.CovarianceMatrix(k);
            Console.WriteLine(
                $"component {k}: weight {model.Weights[k]:F3}, mean ({model.Means[k][0]:F3}, {model.Means[k][1]:F3}), " +
                $"variances ({covariance[0, 0]:F3}, {covariance[1, 1]:F3}), covariance {covariance[0, 1]:F3}");
        }
        #endregion
    }

    public void FitOptions()
    {
        var rows = OldFaithful();
        #region fit-options
        var options = new GaussianMixtureOptions
        {
            Covariance = CovarianceType.Diagonal,          // Full (default), Diagonal, Spherical, Tied, or mclust's EII … EVV
            Initialization = InitializationMethod.KMeans,  // Automatic (default), Search, KMeansPlusPlus, KMeans, RandomFromData, RandomResponsibilities, Hierarchical
            Tolerance = 1e-6,                              // on the change of the mean log-likelihood per row
            MaxIterations = 500,
            Regularization = 1e-6,                         // added to every covariance diagonal
        };
        var model = GaussianMixture.Fit(rows, 3, options);
        Console.WriteLine($"{model.Covariance}, K = {model.Components}: {model.Iterations} iterations, log-likelihood {model.LogLikelihood:F3}");
        Console.WriteLine($"weights {string.Join(", ", model.Weights.Select(w => w.ToString("F3")))}");
        #endregion
    }

    public void Predict()
    {
        var rows = OldFaithful();
        #region predict
        var model = GaussianMixture.Fit(rows, components: 2);
        double[][] eruptions = [[1.9, 52], [3.2, 68], [4.4, 83]];

        int[] labels = model.Predict(eruptions);                  // the most probable component
        double[][] probabilities = model.PredictProba(eruptions); // p(k | x), each row sums to 1
        double[] logDensities = model.ScoreSamples(eruptions);    // log p(x) under the mixture
        for (var i = 0; i < eruptions.Length; i++)
        {
            Console.WriteLine(
                $"({eruptions[i][0]}, {eruptions[i][1]}): component {labels[i]}, " +
                $"p = ({probabilities[i][0]:F4}, {probabilities[i][1]:F4}), log p(x) = {logDensities[i]:F3}");
        }
        Console.WriteLine($"Score (mean log p(x)) on the training rows: {model.Score(rows):F4}");
        #endregion
    }

    public void PredictMatrix()
    {
        #region predict-matrix
        double[,] table =
        {
            { 1.8, 54 }, { 4.5, 85 }, { 2.1, 50 }, { 4.2, 80 }, { 1.9, 58 }, { 4.7, 79 }, { 2.0, 52 }, { 4.0, 83 },
        };
        var model = GaussianMixture.Fit(table, 2, new GaussianMixtureOptions { Covariance = CovarianceType.Spherical });
        double[,] probabilities = model.PredictProba(table);   // 8 × 2
        Console.WriteLine($"labels {string.Join(" ", model.Predict(table))}; p(row 0 in component 1) = {probabilities[0, 1]:F4}");
        #endregion
    }

    public void MissingCells()
    {
        var rows = OldFaithful();
        #region missing-cells
        // Remove some cells: NaN marks a missing cell.
        for (var i = 3; i < rows.Length; i += 7) rows[i][0] = double.NaN;
        var model = GaussianMixture.Fit(rows, components: 2);
        Console.WriteLine($"{model.MissingCells} missing cells (by column: {string.Join(", ", model.MissingCellsByColumn)}); " +
                          $"log-likelihood of the observed cells {model.LogLikelihood:F2}");

        // A row is scored, labelled and imputed on the cells it has.
        double[][] incomplete = [[double.NaN, 80], [2.0, double.NaN]];
        Console.WriteLine($"labels {string.Join(" ", model.Predict(incomplete))}");
        double[][] filled = model.Impute(incomplete);
        Console.WriteLine($"imputed: [{filled[0][0]:F2}, {filled[0][1]}] and [{filled[1][0]}, {filled[1][1]:F1}]");
        double[][][] draws = model.Impute(incomplete, draws: 3, seed: 1);   // multiple imputation
        Console.WriteLine($"three draws of the first eruption time: {string.Join(", ", draws.Select(copy => copy[0][0].ToString("F2", CultureInfo.InvariantCulture)))}");
        #endregion
    }

    public void KnownLabels()
    {
        var rows = OldFaithful();
        #region known-labels
        // Every 20th eruption was classified by eye; the others are unknown (null).
        string?[] known = [.. rows.Select((row, i) => i % 20 != 0 ? null : row[0] < 3 ? "short" : "long")];
        var model = GaussianMixture.Fit(rows, known);   // K defaults to the number of classes
        Console.WriteLine($"components: {string.Join(", ", model.ComponentLabels)}; " +
                          $"weights {string.Join(", ", model.Weights.Select(w => w.ToString("F3", CultureInfo.InvariantCulture)))}");
        var withExtra = GaussianMixture.Fit(rows, known, components: 3);   // a third, unnamed component
        Console.WriteLine($"with K = 3: {string.Join(", ", withExtra.ComponentLabels.Select(name => name ?? "(unnamed)"))}");
        #endregion
    }

    public void Sample()
    {
        var rows = OldFaithful();
        #region sample
        var model = GaussianMixture.Fit(rows, components: 2);
        MixtureSample sample = model.Sample(count: 5, seed: 42);  // the same seed gives the same rows
        for (var i = 0; i < sample.Rows.Length; i++)
            Console.WriteLine($"({sample.Rows[i][0]:F2}, {sample.Rows[i][1]:F1}) from component {sample.Labels[i]}");
        #endregion
    }

    public void SaveLoad()
    {
        var rows = OldFaithful();
        #region save-load
        var model = GaussianMixture.Fit(rows, components: 2);
        var path = Path.Combine(Path.GetTempPath(), "faithful-model.json");
        model.Save(path, columnNames: ["eruptions", "waiting"]);   // written to a temporary file, then renamed

        FittedModel saved = FittedModel.Load(path);
        Console.WriteLine($"{saved.Model.GetType().Name} with columns {string.Join(", ", saved.ColumnNames ?? [])}");
        double[][] eruptions = [[1.9, 52], [2.9, 63], [4.4, 83]];
        Console.WriteLine($"same responsibilities: {Same(saved.Model.PredictProba(eruptions), model.PredictProba(eruptions))}");
        Console.WriteLine($"same samples: {Same(saved.Model.Sample(100, seed: 1).Rows, model.Sample(100, seed: 1).Rows)}");
        if (saved.Model is GaussianMixtureModel gaussian)
            Console.WriteLine($"{gaussian.Covariance} covariance, log-likelihood {gaussian.LogLikelihood:F3}, {gaussian.Iterations} iterations");

        // A damaged file is refused with the JSON path of the field at fault: here a full covariance claims to be diagonal.
        var json = FittedModel.ToJson(model).Replace("\"covariance\": \"full\"", "\"covariance\": \"diagonal\"");
        try { FittedModel.FromJson(json, "model.json"); }
        catch (ModelFileException exception) { Console.WriteLine(exception.Message); }

        static bool Same(double[][] a, double[][] b) => a.Zip(b, (x, y) => x.SequenceEqual(y)).All(same => same);
        #endregion
    }

    public void InformationCriteria()
    {
        var rows = OldFaithful();
        #region information-criteria
        foreach (var k in new[] { 1, 2, 3, 4 })
        {
            var model = GaussianMixture.Fit(rows, k, new GaussianMixtureOptions { Restarts = 3 });
            Console.WriteLine($"K = {k}: BIC {model.Bic():F2}  AIC {model.Aic():F2}  ({model.FreeParameters} parameters)");
        }
        #endregion
    }

    public void Restarts()
    {
        var rows = OldFaithful();
        #region restarts
        var options = new GaussianMixtureOptions { Restarts = 4, Seed = 7, Initialization = InitializationMethod.RandomFromData };
        var model = GaussianMixture.Fit(rows, 3, options);
        foreach (RestartSummary restart in model.Restarts)
            Console.WriteLine($"restart {restart.Index}: {restart.Iterations,3} iterations, log-likelihood {restart.LogLikelihood:F3}, {restart.StopReason}");
        Console.WriteLine($"kept restart {model.BestRestart}");

        var again = GaussianMixture.Fit(rows, 3, options);
        Console.WriteLine($"same seed, same model: {again.Parameters == model.Parameters}");
        #endregion
    }

    public void InitialParameters()
    {
        var rows = OldFaithful();
        #region initial-parameters
        var start = new GaussianMixtureParameters(
            weights: [0.5, 0.5],
            means: [[2.0, 55.0], [4.5, 80.0]],
            covariances: [[[1.0, 0.0], [0.0, 30.0]], [[1.0, 0.0], [0.0, 30.0]]]);
        var model = GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { InitialParameters = start });
        Console.WriteLine($"{model.Iterations} iterations from the given start; means ({model.Means[0][0]:F3}, {model.Means[0][1]:F3}) and ({model.Means[1][0]:F3}, {model.Means[1][1]:F3})");
        #endregion
    }

    public void SampleWeights()
    {
        var rows = OldFaithful();
        #region sample-weights
        // Count every long wait twice: by a weight of 2, or by repeating the row.
        double[] weights = [.. rows.Select(row => row[1] > 70 ? 2.0 : 1.0)];
        double[][] repeated = [.. rows.SelectMany(row => row[1] > 70 ? new[] { row, row } : new[] { row })];

        var weighted = GaussianMixture.Fit(rows, 2, sampleWeights: weights);
        var copied = GaussianMixture.Fit(repeated, 2);
        Console.WriteLine($"weighted: n = {weighted.SampleSize}, log-likelihood {weighted.LogLikelihood:F3}, BIC {weighted.Bic():F3}");
        Console.WriteLine($"repeated: n = {copied.SampleSize}, log-likelihood {copied.LogLikelihood:F3}, BIC {copied.Bic():F3}");
        #endregion
    }

    public void Cancellation()
    {
        var rows = OldFaithful();
        #region cancellation
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var model = GaussianMixture.Fit(rows, 2, cancellation: timeout.Token);
        Console.WriteLine($"{model.StopReason} after {model.Iterations} iterations");

        // A token that has already fired: the first restart stops after its first step, the others never start.
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var early = GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { Restarts = 5 }, cancellation: cancelled.Token);
        Console.WriteLine($"{early.StopReason} after {early.Iterations} iteration; {early.Restarts.Length} of 5 restarts ran; log-likelihood {early.LogLikelihood:F3}");
        #endregion
    }

    public void IterateTake()
    {
        var rows = OldFaithful();
        #region iterate-take
        // One k-means++ start, to watch the climb (the default search starts next to the top).
        IEnumerable<Iteration> steps = GaussianMixture.Iterate(rows, components: 2, new GaussianMixtureOptions { Initialization = InitializationMethod.KMeansPlusPlus });  // nothing runs yet
        foreach (Iteration step in steps.Take(5))
        {
            var means = step.Parameters.Means;
            Console.WriteLine(
                $"{step.Number}: mean log-likelihood {step.MeanLogLikelihood:F6}, change {step.Change?.ToString("E2") ?? "-"}, " +
                $"means ({means[0][0]:F3}, {means[0][1]:F2}) ({means[1][0]:F3}, {means[1][1]:F2})");
        }
        #endregion
    }

    public void IterateModel()
    {
        var rows = OldFaithful();
        #region iterate-model
        // Restart 2 of a three-restart fit, step by step: the same start and steps as Fit's restart 2.
        var options = new GaussianMixtureOptions { Restarts = 3, Seed = 1 };
        var fit = GaussianMixture.Fit(rows, 2, options);
        Iteration? stop = null;
        foreach (var step in GaussianMixture.Iterate(rows, 2, options, restart: 2))
        {
            stop = step;
            if (step.StopReason is not null) break; // where Fit stopped this restart
        }
        var model = stop!.ToModel(); // Fit's model, had it run only this restart
        double[] first = stop.Responsibilities()[0];
        Console.WriteLine($"restart 2 stopped after {stop.Number} iterations ({stop.StopReason}); Fit ran {fit.Restarts[2].Iterations}");
        Console.WriteLine($"log-likelihood {model.LogLikelihood:F4} (Fit's restart 2: {fit.Restarts[2].LogLikelihood:F4}); row 0: p = {first[0]:F4}, {first[1]:F4}");
        #endregion
    }

    public void IterateStop()
    {
        var rows = OldFaithful();
        #region iterate-stop
        // The textbook start (K data rows as means, identity covariances) and a stopping rule of our own:
        // stop when no mean moves by more than 1e-6, or after 1000 iterations.
        var options = new GaussianMixtureOptions { Initialization = InitializationMethod.RandomFromData, Seed = 3 };
        GaussianMixtureParameters? previous = null;
        foreach (var step in GaussianMixture.Iterate(rows, 2, options))
        {
            var moved = previous is null ? double.PositiveInfinity : LargestMove(previous, step.Parameters);
            if (moved < 1e-6 || step.Number == 1000)
            {
                Console.WriteLine($"stopped at iteration {step.Number}: largest move {moved:E1}, mean log-likelihood {step.MeanLogLikelihood:F6}");
                break;
            }
            previous = step.Parameters;
        }

        static double LargestMove(GaussianMixtureParameters before, GaussianMixtureParameters after) =>
            before.Means.Zip(after.Means, (a, b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max()).Max();
        #endregion
    }

    public void IterateChart()
    {
        var rows = OldFaithful();
        #region iterate-chart
        // The textbook start again. Its own log-likelihood (iteration 1, about −66) is far off the scale: skip it.
        var options = new GaussianMixtureOptions { Initialization = InitializationMethod.RandomFromData, Seed = 3 };
        var steps = GaussianMixture.Iterate(rows, 2, options).Skip(1).Take(12).ToList();
        double low = steps.Min(step => step.MeanLogLikelihood), high = steps.Max(step => step.MeanLogLikelihood);
        foreach (var step in steps)
        {
            var bar = new string('#', 1 + (int)Math.Round(50 * (step.MeanLogLikelihood - low) / (high - low)));
            Console.WriteLine($"{step.Number,3} {step.MeanLogLikelihood,9:F5} {bar}");
        }
        #endregion
    }

    public void LatentClasses()
    {
        #region latent-classes
        // 300 people answer five yes/no questions; a third of them belong to a group that mostly says yes to 1, 2 and 4.
        var random = new Random(11);
        double[][] truth = [[0.9, 0.8, 0.2, 0.7, 0.1], [0.2, 0.3, 0.7, 0.4, 0.6]];
        double[][] answers = [.. Enumerable.Range(0, 300).Select(i =>
            truth[i % 3 == 0 ? 0 : 1].Select(p => random.NextDouble() < p ? 1.0 : 0.0).ToArray())];

        var classes = FamilyMixture.Fit(answers, 2, new FamilyMixtureOptions { Family = FamilyChoice.Bernoulli, Restarts = 5 });
        for (var k = 0; k < classes.Components; k++)
        {
            var group = (BernoulliGroupParameters)classes.Groups[k][0];
            Console.WriteLine($"class {k}: weight {classes.Weights[k]:F3}, P(yes) = {string.Join(" ", group.Probabilities.Select(p => p.ToString("F2")))}");
        }
        Console.WriteLine($"first five people: classes {string.Join(" ", classes.Predict(answers[..5]))}");
        #endregion
    }

    public void NoiseComponent()
    {
        var rows = OldFaithful();
        #region noise-component
        // Old Faithful plus 200 points spread uniformly over its range: outliers no cluster should absorb.
        var random = new Random(5);
        double[][] noisy = [.. rows, .. Enumerable.Range(0, 200).Select(_ => new[] { 1.5 + 3.7 * random.NextDouble(), 43 + 53 * random.NextDouble() })];

        var model = FamilyMixture.Fit(noisy, 2, new FamilyMixtureOptions { Noise = new NoiseOptions() });
        int[] labels = model.Predict(noisy);
        Console.WriteLine($"noise weight {model.NoiseWeight:F3}, hypervolume {model.Noise!.Hypervolume:F1}; component weights {string.Join(" ", model.Weights.Select(w => w.ToString("F3")))}");
        Console.WriteLine($"labelled noise ({MixtureModel.NoiseLabel}): {labels.Skip(272).Count(l => l == MixtureModel.NoiseLabel)} of the 200 added rows, {labels.Take(272).Count(l => l == MixtureModel.NoiseLabel)} of the 272 eruptions");
        Console.WriteLine($"means {string.Join("  ", model.Means.Select(mean => $"({mean[0]:F2}, {mean[1]:F1})"))}; {model.FreeParameters} parameters, BIC {model.Bic():F1}");
        #endregion
    }

    public void AnyFamilysParameters()
    {
        #region any-familys-parameters
        // A report that knows no family: each group's parameters by name, and each family's word and value rule.
        double[][] rows = [[0, 1, 2], [1, 0, 0], [0, 1, 3], [1, 1, 1], [0, 0, 2], [1, 1, 0]];
        var model = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions
        {
            ColumnFamilies = [ColumnFamily.Bernoulli, ColumnFamily.Bernoulli, ColumnFamily.Categorical],
            UsePriors = true,
        });
        foreach (var group in model.Groups[0])
            foreach (var parameter in group.Values)
                Console.WriteLine(parameter switch
                {
                    ColumnValues values => $"{ColumnFamilyCatalog.Word(group.Family)} {parameter.Name}: {string.Join(" ", values.Values.Select(v => v.ToString("F2")))}",
                    ColumnVectors vectors => $"{ColumnFamilyCatalog.Word(group.Family)} {parameter.Name}: {string.Join(" | ", vectors.Values.Select(v => string.Join(" ", v.Select(p => p.ToString("F2")))))}",
                    _ => parameter.Name,
                });
        Console.WriteLine(string.Join(", ", ColumnFamilyCatalog.All.Select(ColumnFamilyCatalog.Word)));
        Console.WriteLine(ColumnFamilyCatalog.Problem(ColumnFamily.Poisson, 2.5));
        Console.WriteLine(model.ValueProblem(2, 4));
        #endregion
    }

    public void MixedTable()
    {
        #region mixed-table
        // Per customer: minutes on the site (continuous), bought something (0/1), visits this month (count).
        var random = new Random(14);
        double[][] customers = [.. Enumerable.Range(0, 400).Select(i =>
        {
            var busy = i % 2 == 1;
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            return new[] { (busy ? 12 : 4) + 2 * normal, random.NextDouble() < (busy ? 0.7 : 0.2) ? 1.0 : 0.0, Poisson(busy ? 6 : 1, random) };
        })];

        var model = FamilyMixture.Fit(customers, 2, new FamilyMixtureOptions { Restarts = 3 });  // Family = Auto
        Console.WriteLine($"column families: {string.Join(", ", model.ColumnFamilies)}");
        for (var k = 0; k < model.Components; k++)
            Console.WriteLine($"component {k}: weight {model.Weights[k]:F3}, E[x] = ({string.Join(", ", model.Means[k].Select(m => m.ToString("F3")))})");

        // Or name the family of each column yourself.
        var named = FamilyMixture.Fit(customers, 2, new FamilyMixtureOptions
        {
            ColumnFamilies = [ColumnFamily.Gaussian, ColumnFamily.Bernoulli, ColumnFamily.Poisson],
            Restarts = 3,
        });
        Console.WriteLine($"same model: {named.LogLikelihood == model.LogLikelihood}");

        static double Poisson(double rate, Random random)
        {
            var count = 0;
            for (var product = random.NextDouble(); product > Math.Exp(-rate); product *= random.NextDouble()) count++;
            return count;
        }
        #endregion
    }

    public void Priors()
    {
        #region priors
        // Eight answers to three questions: nobody in the first group said yes to question 3.
        double[][] answers =
        [
            [1, 1, 0], [1, 1, 0], [1, 0, 0], [1, 1, 0],
            [0, 0, 1], [0, 1, 1], [0, 0, 1], [0, 0, 0],
        ];
        var likelihood = FamilyMixture.Fit(answers, 2, new FamilyMixtureOptions { Family = FamilyChoice.Bernoulli });
        var posterior = FamilyMixture.Fit(answers, 2, new FamilyMixtureOptions
        {
            Family = FamilyChoice.Bernoulli,
            UsePriors = true,          // Beta(2, 2) on every probability: no more hard 0 and 1
            WeightConcentration = 2,   // Dirichlet(2) on the mixture weights
        });
        foreach (var (name, model) in new[] { ("ML ", likelihood), ("MAP", posterior) })
        {
            var probabilities = model.Groups.Select(groups => ((BernoulliGroupParameters)groups[0]).Probabilities);
            Console.WriteLine(
                $"{name}: P(yes) {string.Join(" | ", probabilities.Select(p => string.Join(" ", p.Select(x => x.ToString("F3")))))}; " +
                $"log-likelihood {model.LogLikelihood:F3}, log-prior {model.LogPrior:F3}, log-posterior {model.LogPosterior:F3}");
            var classes = model.PredictProba([[1.0, 1.0, 1.0]])[0];
            Console.WriteLine($"     someone who says yes, yes, yes belongs to the classes with probabilities {classes[0]:F3} and {classes[1]:F3}");
        }
        #endregion
    }

    public void ModelSelectionGrid()
    {
        var rows = OldFaithful();
        #region model-selection-grid
        var table = ModelSelection.Run(rows, new ModelSelectionOptions
        {
            Components = ModelSelectionOptions.Range(1, 4),
            Covariances = [CovarianceType.Full, CovarianceType.Diagonal, CovarianceType.Tied],
            Criterion = ModelSelectionCriterion.Bic,   // or Aic, Icl; all lower-is-better
            Restarts = 3,
            Seed = 1,
        });
        foreach (ModelSelectionCell cell in table.Cells)
            Console.WriteLine($"K = {cell.Components} {cell.Covariance,-8} BIC {cell.Bic,9:F2}  ICL {cell.Icl,9:F2}  {cell.Message}");

        var best = table.Best!;
        Console.WriteLine($"best by BIC: K = {best.Components}, {best.Covariance}, the cell's seed {best.Seed}");

        // The cell's seed and the grid's settings fit the cell's model again.
        var again = GaussianMixture.Fit(rows, best.Components, new GaussianMixtureOptions { Covariance = best.Covariance, Seed = best.Seed, Restarts = 3 });
        Console.WriteLine($"refitted: the same log-likelihood? {again.LogLikelihood == best.LogLikelihood}");
        #endregion
    }

    public void Exceptions()
    {
        var rows = OldFaithful();
        #region exceptions
        Try(() => GaussianMixture.Fit([[1.0, 2.0], [3.0]], 1));                       // ragged rows
        Try(() => GaussianMixture.Fit([[1.0, 2.0], [double.PositiveInfinity, 4.0]], 1)); // not a finite number
        Try(() => GaussianMixture.Fit([[1.0], [1.0], [2.0]], 3));                    // more components than distinct rows
        Try(() => GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { Tolerance = -1 }));
        Try(() => GaussianMixture.Fit(rows, 2).Predict([[1.0, 2.0, 3.0]]));          // wrong width
        Try(() => FamilyMixture.Fit([[0.0], [1.0], [2.0]], 1, new FamilyMixtureOptions { Family = FamilyChoice.Bernoulli }));
        // Numerical failure: points on a line have a singular covariance, nothing regularizes it, and the
        // policy says to fail (the default, Regularize, would raise this component's regularization instead).
        Try(() => GaussianMixture.Fit([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0], [3.0, 3.0]], 1,
            new GaussianMixtureOptions { Regularization = 0, DegenerateComponents = DegenerateComponentPolicy.Error }));

        void Try(Action fit)
        {
            try { fit(); }
            catch (EmFitException exception) { Console.WriteLine($"EmFitException ({exception.Failure}): {exception.Message}"); }
            catch (ArgumentException exception) { Console.WriteLine($"{exception.GetType().Name}: {exception.Message}"); }
        }
        #endregion
    }

    public void Readme()
    {
        var rows = OldFaithful();
        #region readme
        var model = GaussianMixture.Fit(rows, components: 2);          // rows: double[][] or double[,]
        int[] labels = model.Predict(rows);
        Console.WriteLine($"log-likelihood {model.LogLikelihood:F2}, BIC {model.Bic():F2}, first labels {string.Join(" ", labels[..5])}");

        // Watch EM work: a lazy sequence of iterations, computed as you enumerate.
        foreach (var step in GaussianMixture.Iterate(rows, 2).Take(3))
            Console.WriteLine($"{step.Number}: {step.MeanLogLikelihood:F5}");

        // Choose K and the covariance type by BIC.
        var table = ModelSelection.Run(rows, new ModelSelectionOptions { Components = [1, 2, 3, 4] });
        Console.WriteLine($"best: {table.Best!.Components} components, {table.Best.Covariance} covariance");
        #endregion
    }
}
