using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Product;
using EmFunctional.Core.Selection;
using LanguageExt;

namespace EmFunctional;

/// <summary>
/// Reads the document <see cref="ModelFileWriter"/> writes and rebuilds the model from it. The document
/// is deserialized through its source-generated contract (<see cref="ModelFileContract"/>, which names
/// the JSON path of a value of the wrong type, a missing or unknown field), then checked in one pass
/// (shape, range, consistency with the other fields) before anything is built; the core components are
/// rebuilt from exactly the saved numbers by the same constructors EM uses, so a loaded model computes
/// bit for bit what the saved one did. The first problem found is thrown as a
/// <see cref="ModelFileException"/> naming the file and the JSON path of the field.
/// </summary>
internal static class ModelFileReader
{
    public const string GaussianModelType = "gaussianMixture";
    public const string FamilyModelType = "familyMixture";

    // Fitted weights and probability vectors sum to 1 up to the rounding of K additions; a file whose sums
    // are further off has been edited or damaged.
    private const double SumTolerance = 1e-9;

    public static FittedModel Read(ReadOnlyMemory<byte> json, string source)
    {
        // A file saved again by an editor may have gained a UTF-8 byte order mark, which the JSON parser refuses.
        if (json.Span.StartsWith("\uFEFF"u8)) json = json[3..];
        var root = new ModelFileField(source, "$");
        var header = ModelFileContract.Deserialize(json, ModelFileJson.Contract<ModelFileHeader>(), source);
        if (header.Schema != FittedModel.SchemaName)
            throw root["schema"].Error($"this is not a model file: the schema is \"{EchoText.Of(header.Schema)}\", not \"{FittedModel.SchemaName}\"");
        if (header.SchemaVersion != FittedModel.SchemaVersion)
            throw root["schemaVersion"].Error($"schema version {header.SchemaVersion} is not supported; this library ({ModelFileWriter.LibraryVersion}) reads version {FittedModel.SchemaVersion}");
        return header.ModelType switch
        {
            GaussianModelType => ReadGaussian(ModelFileContract.Deserialize(json, ModelFileJson.Contract<GaussianModelDocument>(), source), root),
            FamilyModelType => ReadFamily(ModelFileContract.Deserialize(json, ModelFileJson.Contract<FamilyModelDocument>(), source), root),
            var other => throw root["modelType"].Error($"unknown model type \"{EchoText.Of(other)}\"; expected \"{GaussianModelType}\" or \"{FamilyModelType}\""),
        };
    }

    private static FittedModel ReadGaussian(GaussianModelDocument file, ModelFileField root)
    {
        var noiseWeight = file.Noise is { } noiseFile ? ReadNoiseWeight(noiseFile, root["noise"]) : 0;
        var (k, d, columns, weights) = ReadHeader(file, root, noiseWeight);
        var covariance = root["covariance"].Enum<CovarianceType>(file.Covariance);
        var kind = Conversions.ToKind(covariance);
        var means = root["means"].Items(file.Means, k, "components");
        var matrix = GaussianModelFile.GivesMatrix(file.Covariances is not null, file.Variances is not null, root, "covariances", "variances", kind);
        var covarianceField = root[matrix ? "covariances" : "variances"];
        var covariances = matrix ? covarianceField.Items(file.Covariances!, k, "components") : null;
        var variances = matrix ? null : covarianceField.Items(file.Variances!, k, "components");
        var components = new GaussianComponent[k];
        double[]? first = null;
        for (var c = 0; c < k; c++)
        {
            (components[c], var given) = GaussianModelFile.ReadComponent(means[c], root["means"][c], covariances?[c], variances?[c], covarianceField[c], d, kind, first);
            first ??= given;
        }
        var family = Conversions.ToFamily(covariance, GaussianFamily.DefaultRegularization);
        var mixture = new Mixture<GaussianComponent>(weights.ToArr(), components.ToArr());
        var options = ReadGaussianOptions(file.Options, root["options"]);
        if (file.Noise is { } noise)
        {
            var noiseFamily = new Core.Families.Noise.NoiseFamily<GaussianComponent, GaussianStatistics>(family, ReadNoise(noise, root["noise"], d));
            var noisy = WithNoise(mixture, noiseWeight);
            var noisySummary = ReadFit(file.Fit, root["fit"], noiseFamily.FreeParameters(k + 1, d), k + 1, d);
            return new FittedModel(new GaussianMixtureModel(noiseFamily, noisy, d, covariance, noisySummary, options with { Noise = new NoiseOptions() }), columns, file.LibraryVersion);
        }
        var summary = ReadFit(file.Fit, root["fit"], family.FreeParameters(k, d), k, d);
        return new FittedModel(new GaussianMixtureModel(family, mixture, d, covariance, summary, options) { ComponentLabels = ReadComponentLabels(file.Fit, root["fit"], k) }, columns, file.LibraryVersion);
    }

    private static FittedModel ReadFamily(FamilyModelDocument file, ModelFileField root)
    {
        var noiseWeight = file.Noise is { } noiseFile ? ReadNoiseWeight(noiseFile, root["noise"]) : 0;
        var (k, d, columns, weights) = ReadHeader(file, root, noiseWeight);
        var columnFamilies = root["columnFamilies"].Items(file.ColumnFamilies, d, "columns").Select((word, j) => root["columnFamilies"][j].Enum<ColumnFamily>(word)).ToArray();
        var hasGaussian = columnFamilies.Contains(ColumnFamily.Gaussian);
        if (hasGaussian == file.Covariance is null)
            throw root["covariance"].Error(hasGaussian
                ? "the model has Gaussian columns, so it needs a covariance type (full, diagonal, spherical, tied, or one of mclust's models such as vev)"
                : "the model has no Gaussian columns, so its covariance type must be null");
        var options = ReadFamilyOptions(file.Options, root["options"]);
        var covariance = file.Covariance is { } word ? root["covariance"].Enum<CovarianceType>(word) : options.Covariance;

        var groups = FamilyMixture.Groups(columnFamilies);
        var groupFiles = root["groups"].Items(file.Groups, groups.Length, "column groups (one per family among columnFamilies)");
        var parts = new IPartFamily[groups.Length];
        var componentParts = Enumerable.Range(0, k).Select(_ => new object[groups.Length]).ToArray();
        for (var g = 0; g < groups.Length; g++)
        {
            var group = groupFiles[g];
            var at = root["groups"][g];
            var (family, groupColumns) = groups[g];
            var saved = ColumnFamilyRegistry.Of(group);
            if (saved.Family != family)
                throw at["family"].Error($"is {saved.Word}, but by columnFamilies group {g} is the {ModelFileSpellings.Word(family)} columns");
            if (!group.Columns.SequenceEqual(groupColumns))
                throw at["columns"].Error($"is [{string.Join(", ", group.Columns)}], but by columnFamilies the {ModelFileSpellings.Word(family)} columns are [{string.Join(", ", groupColumns)}]");
            (parts[g], var loaded) = saved.Load(group, at["parameters"], k, covariance);
            for (var c = 0; c < k; c++) componentParts[c][g] = loaded[c];
        }
        var productFamily = ProductFamily.Create(parts).Match(
            Succ: value => value,
            Fail: errors => throw root["groups"].Error(string.Join("; ", errors.Map(e => e.Message))));
        var components = componentParts.Select((partsOfComponent, c) => productFamily.Compose(partsOfComponent).Match(
            Right: value => value,
            Left: error => throw root["groups"].Error($"component {c}: {error.Message}"))).ToArray();
        var mixture = new Mixture<ProductComponent>(weights.ToArr(), components.ToArr());
        if (file.Noise is { } noise)
        {
            if (columnFamilies.Any(family => family != ColumnFamily.Gaussian))
                throw root["noise"].Error("a noise component goes with Gaussian columns only, but columnFamilies has others");
            var noiseFamily = new Core.Families.Noise.NoiseFamily<ProductComponent, ProductStatistics>(productFamily, ReadNoise(noise, root["noise"], d));
            var noisy = WithNoise(mixture, noiseWeight);
            // One parameter more for the hypervolume, one weight more for the noise component.
            var noisySummary = ReadFit(file.Fit, root["fit"], noiseFamily.FreeParameters(k + 1, d), k + 1, d);
            return new FittedModel(new FamilyMixtureModel(noiseFamily, groups, columnFamilies, covariance, noisy, noisySummary, options with { Noise = new NoiseOptions() }), columns, file.LibraryVersion);
        }
        var summary = ReadFit(file.Fit, root["fit"], productFamily.FreeParameters(k, d), k, d);
        return new FittedModel(new FamilyMixtureModel(productFamily, groups, columnFamilies, covariance, mixture, summary, options) { ComponentLabels = ReadComponentLabels(file.Fit, root["fit"], k) }, columns, file.LibraryVersion);
    }

    /// <summary>The saved components and, last, the noise component with its weight.</summary>
    private static Mixture<Core.Families.Noise.NoisyComponent<TComponent>> WithNoise<TComponent>(Mixture<TComponent> mixture, double noiseWeight)
        where TComponent : class =>
        new(mixture.Weights.Add(noiseWeight), mixture.Components.Map(Core.Families.Noise.NoisyComponent<TComponent>.Of).Add(Core.Families.Noise.NoisyComponent<TComponent>.Noise));

    private static double ReadNoiseWeight(NoiseDocument file, ModelFileField field) =>
        file.Weight > 0 && file.Weight < 1 ? file.Weight : throw field["weight"].Error($"is {ModelFileField.Format(file.Weight)}; the noise component's weight must be in (0, 1)");

    private static Core.Families.Noise.UniformNoise ReadNoise(NoiseDocument file, ModelFileField field, int d)
    {
        if (!double.IsFinite(file.LogHypervolume)) throw field["logHypervolume"].Error($"is {ModelFileField.Format(file.LogHypervolume)}; it must be a finite number");
        var center = field["center"].Items(file.Center, d, "columns");
        var lower = field["lower"].Items(file.Lower, d, "columns");
        var upper = field["upper"].Items(file.Upper, d, "columns");
        var rows = field["axes"].Items(file.Axes, d, "columns");
        var axes = new double[d * d];
        for (var a = 0; a < d; a++)
        {
            var row = field["axes"][a].Items(rows[a], d, "columns");
            for (var b = 0; b < d; b++)
                axes[a * d + b] = double.IsFinite(row[b]) ? row[b] : throw field["axes"][a][b].Error($"is {ModelFileField.Format(row[b])}; it must be a finite number");
        }
        for (var b = 0; b < d; b++)
        {
            if (!double.IsFinite(center[b])) throw field["center"][b].Error($"is {ModelFileField.Format(center[b])}; it must be a finite number");
            if (!(double.IsFinite(lower[b]) && double.IsFinite(upper[b]) && upper[b] > lower[b]))
                throw field["upper"][b].Error($"is {ModelFileField.Format(upper[b])}, but the box needs finite bounds with upper above lower ({ModelFileField.Format(lower[b])})");
        }
        return new Core.Families.Noise.UniformNoise(file.LogHypervolume, center, axes, lower, upper);
    }

    private static (int Components, int Dimensions, ImmutableArray<string>? Columns, double[] Weights) ReadHeader(ModelFileDocument file, ModelFileField root, double noiseWeight = 0)
    {
        var k = root["components"].AtLeast(file.Components, 1);
        var d = root["dimensions"].AtLeast(file.Dimensions, 1);
        ImmutableArray<string>? columns = null;
        if (file.Columns is { } saved)
        {
            var names = root["columns"].Items(saved, d, "columns");
            var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            for (var j = 0; j < names.Length; j++)
                if (!seen.Add(names[j]))
                    throw root["columns"][j].Error($"the column name \"{EchoText.Of(names[j])}\" appears twice; each column needs its own name");
            columns = [.. names];
        }
        var weights = root["weights"].Items(file.Weights, k, "components");
        for (var c = 0; c < k; c++)
            if (!(weights[c] > 0)) throw root["weights"][c].Error($"the weight is {ModelFileField.Format(weights[c])}; every weight must be positive");
        var sum = weights.Sum();
        if (Math.Abs(sum + noiseWeight - 1) > SumTolerance)
            throw root["weights"].Error(noiseWeight > 0
                ? $"the weights sum to {ModelFileField.Format(sum)}; with the noise component's {ModelFileField.Format(noiseWeight)} they must sum to 1"
                : $"the weights sum to {ModelFileField.Format(sum)}; they must sum to 1");
        return (k, d, columns, weights);
    }

    private static GaussianMixtureOptions ReadGaussianOptions(GaussianOptionsDocument file, ModelFileField field)
    {
        var em = ReadEmOptions(file, field);
        GaussianMixtureParameters? initial = null;
        if (file.InitialParameters is { } saved)
        {
            var at = field["initialParameters"];
            initial = new GaussianMixtureParameters(
                saved.Weights,
                at["means"].Items(saved.Means, saved.Weights.Length, "initial weights"),
                at["covariances"].Items(saved.Covariances, saved.Weights.Length, "initial weights"));
        }
        return new GaussianMixtureOptions
        {
            Covariance = field["covariance"].Enum<CovarianceType>(file.Covariance),
            Initialization = em.Initialization,
            Restarts = em.Restarts,
            Seed = em.Seed,
            Tolerance = em.Tolerance,
            ResponsibilityTolerance = em.ResponsibilityTolerance,
            MaxIterations = em.MaxIterations,
            Regularization = em.Regularization,
            MaxDegreeOfParallelism = em.MaxDegreeOfParallelism,
            DegenerateComponents = em.DegenerateComponents,
            TimeBudget = em.TimeBudget,
            InitialParameters = initial,
        };
    }

    private static FamilyMixtureOptions ReadFamilyOptions(FamilyOptionsDocument file, ModelFileField field)
    {
        var em = ReadEmOptions(file, field);
        if (file.WeightConcentration is { } concentration && concentration < 1)
            throw field["weightConcentration"].Error($"is {ModelFileField.Format(concentration)}; it must be at least 1");
        return new FamilyMixtureOptions
        {
            Family = field["family"].Enum<FamilyChoice>(file.Family),
            ColumnFamilies = file.ColumnFamilies is { } words ? [.. words.Select((word, j) => field["columnFamilies"][j].Enum<ColumnFamily>(word))] : null,
            Covariance = field["covariance"].Enum<CovarianceType>(file.Covariance),
            Initialization = em.Initialization,
            Restarts = em.Restarts,
            Seed = em.Seed,
            Tolerance = em.Tolerance,
            ResponsibilityTolerance = em.ResponsibilityTolerance,
            MaxIterations = em.MaxIterations,
            Regularization = em.Regularization,
            MaxDegreeOfParallelism = em.MaxDegreeOfParallelism,
            DegenerateComponents = em.DegenerateComponents,
            TimeBudget = em.TimeBudget,
            UsePriors = file.UsePriors,
            WeightConcentration = file.WeightConcentration,
        };
    }

    /// <summary>The EM settings both option types share, as saved.</summary>
    private sealed record EmOptionValues(InitializationMethod Initialization, int Restarts, long Seed, double Tolerance,
        double? ResponsibilityTolerance, int MaxIterations, double Regularization, int MaxDegreeOfParallelism,
        DegenerateComponentPolicy DegenerateComponents, TimeSpan? TimeBudget);

    private static EmOptionValues ReadEmOptions(EmOptionsDocument file, ModelFileField field)
    {
        var threads = file.MaxDegreeOfParallelism;
        if (threads != -1 && threads < 1) throw field["maxDegreeOfParallelism"].Error($"is {threads}; it must be -1 (all cores) or at least 1");
        if (file.TimeBudgetSeconds is { } seconds && !(seconds > 0 && seconds * 1000 <= int.MaxValue))
            throw field["timeBudgetSeconds"].Error($"is {ModelFileField.Format(seconds)}; it must be positive and at most {int.MaxValue / 1000} seconds");
        return new EmOptionValues(
            field["initialization"].Enum<InitializationMethod>(file.Initialization),
            field["restarts"].AtLeast(file.Restarts, 1),
            file.Seed,
            field["tolerance"].NonNegative(file.Tolerance),
            file.ResponsibilityTolerance is { } responsibility ? field["responsibilityTolerance"].NonNegative(responsibility) : null,
            field["maxIterations"].AtLeast(file.MaxIterations, 1),
            field["regularization"].NonNegative(file.Regularization),
            threads,
            field["degenerateComponents"].Enum<DegenerateComponentPolicy>(file.DegenerateComponents),
            file.TimeBudgetSeconds is { } limit ? TimeSpan.FromSeconds(limit) : null);
    }

    /// <summary>
    /// How the fit went, checked for consistency: the parameter count is the model's, and the best
    /// restart's outcome is the model's log-likelihood, iterations and stop reason.
    /// </summary>
    /// <summary>The saved class name of each component (absent: none named), one per component, distinct.</summary>
    private static System.Collections.Immutable.ImmutableArray<string?> ReadComponentLabels(FitDocument file, ModelFileField field, int components)
    {
        if (file.ComponentLabels is not { } labels) return default;
        if (labels.Length != components)
            throw field["componentLabels"].Error($"has {labels.Length} entries, but the model has {components} components");
        var named = labels.OfType<string>().ToArray();
        if (named.Distinct(StringComparer.Ordinal).Count() != named.Length)
            throw field["componentLabels"].Error("names a class twice; each class names one component");
        return [.. labels];
    }

    private static FitResultSummary ReadFit(FitDocument file, ModelFileField field, int familyParameters, int components, int dimensions)
    {
        var missing = file.MissingCellsByColumn ?? new int[dimensions];
        if (missing.Length != dimensions)
            throw field["missingCellsByColumn"].Error($"has {missing.Length} entries, but the model has {dimensions} columns");
        for (var j = 0; j < missing.Length; j++) field["missingCellsByColumn"][j].AtLeast(missing[j], 0);
        if (!(file.SampleSize > 0)) throw field["sampleSize"].Error($"is {ModelFileField.Format(file.SampleSize)}; it must be positive");
        var expectedParameters = InformationCriteria.MixtureParameters(components, familyParameters);
        if (file.FreeParameters != expectedParameters)
            throw field["freeParameters"].Error($"is {file.FreeParameters}, but a model of this family, shape and covariance has {expectedParameters}");
        var iterations = field["iterations"].AtLeast(file.Iterations, 0);
        var stopReason = field["stopReason"].Enum<StopReason>(file.StopReason);
        if (file.Restarts.Length == 0) throw field["restarts"].Error("there must be at least one restart");
        var best = field["bestRestart"].AtLeast(file.BestRestart, 0);
        if (best >= file.Restarts.Length) throw field["bestRestart"].Error($"is {best}, but there are only {file.Restarts.Length} restarts");
        var restarts = file.Restarts.Select((restart, i) => ReadRestart(restart, field["restarts"][i], i)).ToImmutableArray();
        if (restarts[best].LogLikelihood != file.LogLikelihood || restarts[best].Iterations != iterations || restarts[best].StopReason != stopReason)
            throw field["restarts"][best].Error("the best restart's log-likelihood, iterations and stop reason must be the model's (fit.logLikelihood, fit.iterations, fit.stopReason)");
        return new FitResultSummary([.. missing], file.LogLikelihood, file.LogPrior, file.SampleSize, expectedParameters, iterations, stopReason, best, restarts);
    }

    private static RestartSummary ReadRestart(RestartDocument file, ModelFileField field, int index)
    {
        if (file.Index != index) throw field["index"].Error($"is {file.Index}, but this is restart {index}");
        if ((file.Error is null) == (file.LogLikelihood is null) || (file.Error is null) == (file.StopReason is null))
            throw field.Error("a restart has either a log-likelihood and a stop reason (it succeeded) or an error (it failed), not both or neither");
        var trace = file.Trace.Select((entry, i) => new TraceEntry(
            field["trace"][i]["iteration"].AtLeast(entry.Iteration, 0),
            entry.MeanLogLikelihood,
            entry.Change,
            entry.ResponsibilityChange));
        return new RestartSummary(
            index,
            file.Seed,
            file.LogLikelihood,
            field["iterations"].AtLeast(file.Iterations, 0),
            file.StopReason is { } reason ? field["stopReason"].Enum<StopReason>(reason) : null,
            file.Error,
            [.. trace])
        {
            Events = [.. file.Events.Select((e, i) => ReadEvent(e, field["events"][i]))],
        };
    }

    private static ComponentEvent ReadEvent(ComponentEventDocument file, ModelFileField field) => new(
        field["iteration"].AtLeast(file.Iteration, 1),
        field["component"].AtLeast(file.Component, 0),
        field["cause"].Enum<DegeneracyCause>(file.Cause),
        field["action"].Enum<DegenerateComponentPolicy>(file.Action),
        field["effectiveCount"].NonNegative(file.EffectiveCount),
        file.Regularization,
        file.Row is { } row ? field["row"].AtLeast(row, 0) : null,
        file.Message);
}
