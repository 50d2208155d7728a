using System.Collections.Immutable;
using System.Text.Json;
using EmFunctional.Core;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Families.Product;
using EmFunctional.Core.Selection;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional;

/// <summary>
/// Reads the document <see cref="ModelFileWriter"/> writes and rebuilds the model from it. Every field is
/// checked (type, shape, range, consistency with the other fields) before anything is built, and the
/// core components are rebuilt from exactly the saved numbers by the same constructors EM uses, so a
/// loaded model computes bit for bit what the saved one did. The first problem found is thrown as a
/// <see cref="ModelFileException"/> naming the file and the JSON path of the field.
/// </summary>
internal static class ModelFileReader
{
    public const string GaussianModelType = "gaussianMixture";
    public const string FamilyModelType = "familyMixture";

    // Fitted weights and probability vectors sum to 1 up to the rounding of K additions; a file whose sums
    // are further off has been edited or damaged.
    private const double SumTolerance = 1e-9;

    private static readonly string[] CommonFields = ["schema", "schemaVersion", "libraryVersion", "modelType", "components", "dimensions", "columns", "weights", "covariance", "options", "fit"];

    public static FittedModel Read(ReadOnlyMemory<byte> json, string source)
    {
        // A file saved again by an editor may have gained a UTF-8 byte order mark, which the JSON parser refuses.
        if (json.Span.StartsWith("\uFEFF"u8)) json = json[3..];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber is { } number ? $"line {number + 1}: " : "";
            var message = exception.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.', ' ');
            throw new ModelFileException(source, exception.Path ?? "$", $"{line}not valid JSON: {message}", exception);
        }
        using (document)
        {
            var root = new ModelJsonNode(document.RootElement, "$", source);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw root.Error($"a model file holds one JSON object; found {document.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            var schema = root.Property("schema");
            if (schema.String() != FittedModel.SchemaName)
                throw schema.Error($"this is not a model file: the schema is \"{schema.String()}\", not \"{FittedModel.SchemaName}\"");
            var version = root.Property("schemaVersion");
            if (version.Integer() != FittedModel.SchemaVersion)
                throw version.Error($"schema version {version.Integer()} is not supported; this library ({ModelFileWriter.LibraryVersion}) reads version {FittedModel.SchemaVersion}");
            var libraryVersion = root.Property("libraryVersion").String();
            var modelType = root.Property("modelType");
            return modelType.String() switch
            {
                GaussianModelType => ReadGaussian(root, libraryVersion),
                FamilyModelType => ReadFamily(root, libraryVersion),
                var other => throw modelType.Error($"unknown model type \"{other}\"; expected \"{GaussianModelType}\" or \"{FamilyModelType}\""),
            };
        }
    }

    private static FittedModel ReadGaussian(ModelJsonNode root, string libraryVersion)
    {
        root.AllowOnly([.. CommonFields, "means", "covariances"]);
        var (k, d, columns, weights) = ReadHeader(root);
        var covariance = root.Property("covariance").Enum<CovarianceType>();
        var kind = Conversions.ToKind(covariance);
        var means = root.Property("means").Items(k, "components");
        var covariances = root.Property("covariances").Items(k, "components");
        var components = new GaussianComponent[k];
        double[]? first = null;
        for (var c = 0; c < k; c++)
        {
            (components[c], var full) = ReadGaussianComponent(means[c], covariances[c], d, kind, first);
            first ??= full;
        }
        var family = new GaussianFamily(kind);
        var mixture = new Mixture<GaussianComponent>(weights.ToArr(), components.ToArr());
        var summary = ReadFit(root.Property("fit"), family.FreeParameters(k, d), k);
        var options = ReadGaussianOptions(root.Property("options"));
        return new FittedModel(new GaussianMixtureModel(family, mixture, d, covariance, summary, options), columns, libraryVersion);
    }

    private static FittedModel ReadFamily(ModelJsonNode root, string libraryVersion)
    {
        root.AllowOnly([.. CommonFields, "columnFamilies", "groups"]);
        var (k, d, columns, weights) = ReadHeader(root);
        var columnFamilies = root.Property("columnFamilies").Items(d, "columns").Select(node => node.Enum<ColumnFamily>()).ToArray();
        var covarianceNode = root.Property("covariance");
        var hasGaussian = columnFamilies.Contains(ColumnFamily.Gaussian);
        if (hasGaussian == covarianceNode.IsNull)
            throw covarianceNode.Error(hasGaussian
                ? "the model has Gaussian columns, so it needs a covariance type (full, diagonal, spherical or tied)"
                : "the model has no Gaussian columns, so its covariance type must be null");
        var options = ReadFamilyOptions(root.Property("options"));
        var covariance = hasGaussian ? covarianceNode.Enum<CovarianceType>() : options.Covariance;

        var groups = FamilyMixture.Groups(columnFamilies);
        var groupNodes = root.Property("groups").Items(groups.Length, "column groups (one per family among columnFamilies)");
        var parts = new IPartFamily[groups.Length];
        var componentParts = Enumerable.Range(0, k).Select(_ => new object[groups.Length]).ToArray();
        for (var g = 0; g < groups.Length; g++)
        {
            var node = groupNodes[g];
            node.AllowOnly("family", "columns", "parameters");
            var (family, groupColumns) = groups[g];
            var familyNode = node.Property("family");
            if (familyNode.Enum<ColumnFamily>() != family)
                throw familyNode.Error($"is {familyNode.String()}, but by columnFamilies group {g} is the {ModelFileSpellings.Word(family)} columns");
            var columnsNode = node.Property("columns");
            var savedColumns = columnsNode.Items().Select(item => item.Integer()).ToArray();
            if (!savedColumns.SequenceEqual(groupColumns))
                throw columnsNode.Error($"is [{string.Join(", ", savedColumns)}], but by columnFamilies the {ModelFileSpellings.Word(family)} columns are [{string.Join(", ", groupColumns)}]");
            var parameters = node.Property("parameters").Items(k, "components");
            parts[g] = family switch
            {
                ColumnFamily.Gaussian => ReadGaussianGroup(parameters, groupColumns, covariance, componentParts, g),
                ColumnFamily.Bernoulli => ReadVectorGroup(parameters, groupColumns, componentParts, g, "probabilities",
                    p => BernoulliComponent.Create(p), cs => PartFamily.Of(new BernoulliFamily(), cs)),
                ColumnFamily.Poisson => ReadVectorGroup(parameters, groupColumns, componentParts, g, "rates",
                    r => PoissonComponent.Create(r), cs => PartFamily.Of(new PoissonFamily(), cs)),
                _ => ReadCategoricalGroup(parameters, groupColumns, componentParts, g),
            };
        }
        var productFamily = ProductFamily.Create(parts).Match(
            Succ: value => value,
            Fail: errors => throw root.Property("groups").Error(string.Join("; ", errors.Map(e => e.Message))));
        var components = componentParts.Select((partsOfComponent, c) => productFamily.Compose(partsOfComponent).Match(
            Right: value => value,
            Left: error => throw root.Property("groups").Error($"component {c}: {error.Message}"))).ToArray();
        var mixture = new Mixture<ProductComponent>(weights.ToArr(), components.ToArr());
        var summary = ReadFit(root.Property("fit"), productFamily.FreeParameters(k, d), k);
        return new FittedModel(new FamilyMixtureModel(productFamily, groups, columnFamilies, covariance, mixture, summary, options), columns, libraryVersion);
    }

    private static (int Components, int Dimensions, ImmutableArray<string>? Columns, double[] Weights) ReadHeader(ModelJsonNode root)
    {
        var k = root.Property("components").Integer(minimum: 1);
        var d = root.Property("dimensions").Integer(minimum: 1);
        var columnsNode = root.Property("columns");
        ImmutableArray<string>? columns = null;
        if (!columnsNode.IsNull)
        {
            var items = columnsNode.Items(d, "columns");
            var names = items.Select(item => item.String()).ToArray();
            for (var j = 0; j < names.Length; j++)
                if (Array.IndexOf(names, names[j]) < j)
                    throw items[j].Error($"the column name \"{names[j]}\" appears twice; each column needs its own name");
            columns = [.. names];
        }
        var weightsNode = root.Property("weights");
        var weightItems = weightsNode.Items(k, "components");
        var weights = new double[k];
        for (var c = 0; c < k; c++)
        {
            weights[c] = weightItems[c].Number();
            if (!(weights[c] > 0)) throw weightItems[c].Error($"the weight is {Format(weights[c])}; every weight must be positive");
        }
        var sum = weights.Sum();
        if (Math.Abs(sum - 1) > SumTolerance) throw weightsNode.Error($"the weights sum to {Format(sum)}; they must sum to 1");
        return (k, d, columns, weights);
    }

    /// <summary>
    /// One Gaussian component from its mean and full covariance matrix, which must have the form of the
    /// covariance kind (and, for tied, be the same as the first component's).
    /// </summary>
    private static (GaussianComponent Component, double[] Covariance) ReadGaussianComponent(ModelJsonNode meanNode, ModelJsonNode covarianceNode, int d, CovarianceKind kind, double[]? firstCovariance)
    {
        var mean = meanNode.Numbers(d, "columns");
        var rows = covarianceNode.Items(d, "columns");
        var full = new double[d * d];
        for (var i = 0; i < d; i++) rows[i].Numbers(d, "columns").CopyTo(full, i * d);
        var stored = kind switch
        {
            CovarianceKind.Diagonal => Diagonal(full, d, covarianceNode, "diagonal"),
            CovarianceKind.Spherical => Spherical(full, d, covarianceNode),
            _ => full,
        };
        if (kind == CovarianceKind.Tied && firstCovariance is { } first && !first.AsSpan().SequenceEqual(full))
            throw covarianceNode.Error("differs from the first component's; tied components share one covariance matrix");
        var component = GaussianComponent.Create(kind, mean, stored).Match(
            Right: value => value,
            Left: error => throw covarianceNode.Error(error.Message));
        return (component, full);
    }

    private static double[] Diagonal(double[] full, int d, ModelJsonNode node, string kindName)
    {
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
                if (i != j && full[i * d + j] != 0)
                    throw node.Error($"entry [{i}][{j}] is {Format(full[i * d + j])}, but a {kindName} covariance is zero off the diagonal");
        return [.. Enumerable.Range(0, d).Select(i => full[i * d + i])];
    }

    private static double[] Spherical(double[] full, int d, ModelJsonNode node)
    {
        var diagonal = Diagonal(full, d, node, "spherical");
        for (var i = 1; i < d; i++)
            if (diagonal[i] != diagonal[0])
                throw node.Error($"the diagonal entries [0][0] = {Format(diagonal[0])} and [{i}][{i}] = {Format(diagonal[i])} differ, but a spherical covariance is one variance times the identity");
        return [diagonal[0]];
    }

    private static IPartFamily ReadGaussianGroup(ModelJsonNode[] parameters, int[] columns, CovarianceType covariance, object[][] componentParts, int group)
    {
        var kind = Conversions.ToKind(covariance);
        double[]? first = null;
        for (var c = 0; c < parameters.Length; c++)
        {
            parameters[c].AllowOnly("mean", "covariance");
            (var component, var full) = ReadGaussianComponent(parameters[c].Property("mean"), parameters[c].Property("covariance"), columns.Length, kind, first);
            componentParts[c][group] = component;
            first ??= full;
        }
        return PartFamily.Of(new GaussianFamily(kind), columns);
    }

    /// <summary>
    /// A group whose component is one number per column under <paramref name="field"/> (Bernoulli probabilities,
    /// Poisson rates), each component built by <paramref name="create"/>, which checks the numbers.
    /// </summary>
    private static IPartFamily ReadVectorGroup<TComponent>(ModelJsonNode[] parameters, int[] columns, object[][] componentParts, int group,
        string field, Func<double[], Either<Error, TComponent>> create, Func<int[], IPartFamily> family)
        where TComponent : notnull
    {
        for (var c = 0; c < parameters.Length; c++)
        {
            parameters[c].AllowOnly(field);
            var node = parameters[c].Property(field);
            componentParts[c][group] = create(node.Numbers(columns.Length, "columns in this group")).Match(
                Right: component => component,
                Left: error => throw node.Error(error.Message));
        }
        return family(columns);
    }

    private static IPartFamily ReadCategoricalGroup(ModelJsonNode[] parameters, int[] columns, object[][] componentParts, int group)
    {
        int[]? categories = null;
        for (var c = 0; c < parameters.Length; c++)
        {
            parameters[c].AllowOnly("probabilities");
            var node = parameters[c].Property("probabilities");
            var vectors = node.Items(columns.Length, "columns in this group");
            var probabilities = new double[columns.Length][];
            for (var j = 0; j < columns.Length; j++)
            {
                // The first component fixes each column's number of categories; the others must agree.
                probabilities[j] = vectors[j].Numbers(categories?[j], categories is null ? null : "categories in this column (as in component 0)");
                if (probabilities[j].Length is 0 or > CategoricalFamily.MaximumCategories)
                    throw vectors[j].Error($"has {probabilities[j].Length} probabilities; a categorical column has 1 to {CategoricalFamily.MaximumCategories} categories");
            }
            categories ??= [.. probabilities.Select(vector => vector.Length)];
            componentParts[c][group] = CategoricalComponent.Create(probabilities).Match(
                Right: component => component,
                Left: error => throw node.Error(error.Message));
        }
        return PartFamily.Of(new CategoricalFamily(categories!.ToArr()), columns);
    }

    private static GaussianMixtureOptions ReadGaussianOptions(ModelJsonNode node)
    {
        node.AllowOnly([.. EmOptionFields, "covariance", "initialParameters"]);
        var em = ReadEmOptions(node);
        var initialNode = node.Property("initialParameters");
        GaussianMixtureParameters? initial = null;
        if (!initialNode.IsNull)
        {
            initialNode.AllowOnly("weights", "means", "covariances");
            var weights = initialNode.Property("weights").Numbers();
            var means = initialNode.Property("means").Items(weights.Length, "initial weights").Select(mean => mean.Numbers()).ToArray();
            var covariances = initialNode.Property("covariances").Items(weights.Length, "initial weights")
                .Select(matrix => matrix.Items().Select(row => row.Numbers()).ToArray()).ToArray();
            initial = new GaussianMixtureParameters(weights, means, covariances);
        }
        return new GaussianMixtureOptions
        {
            Covariance = node.Property("covariance").Enum<CovarianceType>(),
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

    private static FamilyMixtureOptions ReadFamilyOptions(ModelJsonNode node)
    {
        node.AllowOnly([.. EmOptionFields, "family", "columnFamilies", "covariance", "usePriors", "weightConcentration"]);
        var em = ReadEmOptions(node);
        var columnFamiliesNode = node.Property("columnFamilies");
        var weightConcentrationNode = node.Property("weightConcentration");
        var weightConcentration = weightConcentrationNode.NullableNumber();
        if (weightConcentration < 1) throw weightConcentrationNode.Error($"is {Format(weightConcentration.Value)}; it must be at least 1");
        return new FamilyMixtureOptions
        {
            Family = node.Property("family").Enum<FamilyChoice>(),
            ColumnFamilies = columnFamiliesNode.IsNull ? null : [.. columnFamiliesNode.Items().Select(item => item.Enum<ColumnFamily>())],
            Covariance = node.Property("covariance").Enum<CovarianceType>(),
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
            UsePriors = node.Property("usePriors").Boolean(),
            WeightConcentration = weightConcentration,
        };
    }

    private static readonly string[] EmOptionFields = ["initialization", "restarts", "seed", "tolerance", "responsibilityTolerance", "maxIterations", "regularization", "maxDegreeOfParallelism", "degenerateComponents", "timeBudgetSeconds"];

    /// <summary>The EM settings both option types share, as saved.</summary>
    private sealed record EmOptionValues(InitializationMethod Initialization, int Restarts, long Seed, double Tolerance,
        double? ResponsibilityTolerance, int MaxIterations, double Regularization, int MaxDegreeOfParallelism,
        DegenerateComponentPolicy DegenerateComponents, TimeSpan? TimeBudget);

    private static EmOptionValues ReadEmOptions(ModelJsonNode node)
    {
        var responsibility = node.Property("responsibilityTolerance");
        var parallelism = node.Property("maxDegreeOfParallelism");
        var threads = parallelism.Integer();
        if (threads != -1 && threads < 1) throw parallelism.Error($"is {threads}; it must be -1 (all cores) or at least 1");
        var budgetNode = node.Property("timeBudgetSeconds");
        var budget = budgetNode.NullableNumber();
        if (budget is { } seconds && !(seconds > 0 && seconds * 1000 <= int.MaxValue))
            throw budgetNode.Error($"is {Format(seconds)}; it must be positive and at most {int.MaxValue / 1000} seconds");
        return new EmOptionValues(
            node.Property("initialization").Enum<InitializationMethod>(),
            node.Property("restarts").Integer(minimum: 1),
            node.Property("seed").Int64(),
            NonNegative(node.Property("tolerance")),
            responsibility.IsNull ? null : NonNegative(responsibility),
            node.Property("maxIterations").Integer(minimum: 1),
            NonNegative(node.Property("regularization")),
            threads,
            node.Property("degenerateComponents").Enum<DegenerateComponentPolicy>(),
            budget is { } limit ? TimeSpan.FromSeconds(limit) : null);
    }

    private static double NonNegative(ModelJsonNode node)
    {
        var value = node.Number();
        return value >= 0 ? value : throw node.Error($"is {Format(value)}; it must be at least 0");
    }

    /// <summary>
    /// How the fit went, checked for consistency: the parameter count is the model's, and the best
    /// restart's outcome is the model's log-likelihood, iterations and stop reason.
    /// </summary>
    private static FitResultSummary ReadFit(ModelJsonNode node, int familyParameters, int components)
    {
        node.AllowOnly("logLikelihood", "logPrior", "sampleSize", "freeParameters", "iterations", "stopReason", "bestRestart", "restarts");
        var logLikelihood = node.Property("logLikelihood").Number();
        var logPrior = node.Property("logPrior").Number();
        var sampleSizeNode = node.Property("sampleSize");
        var sampleSize = sampleSizeNode.Number();
        if (!(sampleSize > 0)) throw sampleSizeNode.Error($"is {Format(sampleSize)}; it must be positive");
        var freeParametersNode = node.Property("freeParameters");
        var expectedParameters = InformationCriteria.MixtureParameters(components, familyParameters);
        if (freeParametersNode.Integer() != expectedParameters)
            throw freeParametersNode.Error($"is {freeParametersNode.Integer()}, but a model of this family, shape and covariance has {expectedParameters}");
        var iterations = node.Property("iterations").Integer(minimum: 0);
        var stopReason = node.Property("stopReason").Enum<StopReason>();
        var restartNodes = node.Property("restarts").Items();
        if (restartNodes.Length == 0) throw node.Property("restarts").Error("there must be at least one restart");
        var bestNode = node.Property("bestRestart");
        var best = bestNode.Integer(minimum: 0);
        if (best >= restartNodes.Length) throw bestNode.Error($"is {best}, but there are only {restartNodes.Length} restarts");
        var restarts = restartNodes.Select(ReadRestart).ToImmutableArray();
        if (restarts[best].LogLikelihood != logLikelihood || restarts[best].Iterations != iterations || restarts[best].StopReason != stopReason)
            throw restartNodes[best].Error("the best restart's log-likelihood, iterations and stop reason must be the model's (fit.logLikelihood, fit.iterations, fit.stopReason)");
        return new FitResultSummary(logLikelihood, logPrior, sampleSize, expectedParameters, iterations, stopReason, best, restarts);
    }

    private static RestartSummary ReadRestart(ModelJsonNode node, int index)
    {
        node.AllowOnly("index", "seed", "logLikelihood", "iterations", "stopReason", "error", "trace", "events");
        var indexNode = node.Property("index");
        if (indexNode.Integer() != index) throw indexNode.Error($"is {indexNode.Integer()}, but this is restart {index}");
        var stopReasonNode = node.Property("stopReason");
        var error = node.Property("error").NullableString();
        var logLikelihood = node.Property("logLikelihood").NullableNumber();
        if ((error is null) == (logLikelihood is null) || (error is null) == stopReasonNode.IsNull)
            throw node.Error("a restart has either a log-likelihood and a stop reason (it succeeded) or an error (it failed), not both or neither");
        var trace = node.Property("trace").Items().Select(entry =>
        {
            entry.AllowOnly("iteration", "meanLogLikelihood", "change", "responsibilityChange");
            return new TraceEntry(
                entry.Property("iteration").Integer(minimum: 0),
                entry.Property("meanLogLikelihood").Number(),
                entry.Property("change").NullableNumber(),
                entry.Property("responsibilityChange").NullableNumber());
        });
        return new RestartSummary(
            index,
            node.Property("seed").UInt64(),
            logLikelihood,
            node.Property("iterations").Integer(minimum: 0),
            stopReasonNode.IsNull ? null : stopReasonNode.Enum<StopReason>(),
            error,
            [.. trace])
        {
            Events = [.. node.Property("events").Items().Select(ReadEvent)],
        };
    }

    private static ComponentEvent ReadEvent(ModelJsonNode node)
    {
        node.AllowOnly("iteration", "component", "cause", "action", "effectiveCount", "regularization", "row", "message");
        var rowNode = node.Property("row");
        return new ComponentEvent(
            node.Property("iteration").Integer(minimum: 1),
            node.Property("component").Integer(minimum: 0),
            node.Property("cause").Enum<DegeneracyCause>(),
            node.Property("action").Enum<DegenerateComponentPolicy>(),
            NonNegative(node.Property("effectiveCount")),
            node.Property("regularization").NullableNumber(),
            rowNode.IsNull ? null : rowNode.Integer(minimum: 0),
            node.Property("message").String());
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
