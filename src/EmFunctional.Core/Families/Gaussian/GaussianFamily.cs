using EmFunctional.Core.Missing;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// Multivariate Gaussian components with covariance kind <paramref name="Kind"/>. The M-step adds
/// <paramref name="Regularization"/> to every covariance diagonal (scikit-learn's <c>reg_covar</c>,
/// default 1e-6), which keeps Σ positive definite when a component sits on few or collinear points.
/// </summary>
/// <param name="Kind">Full, diagonal, spherical or tied covariance.</param>
/// <param name="Regularization">Non-negative value added to each covariance diagonal.</param>
public sealed partial record GaussianFamily(CovarianceKind Kind, double Regularization = GaussianFamily.DefaultRegularization)
    : IComponentFamily<GaussianComponent, GaussianStatistics>
{
    /// <summary>scikit-learn's default <c>reg_covar</c>.</summary>
    public const double DefaultRegularization = 1e-6;

    /// <summary>
    /// An optional conjugate prior (mclust's <c>priorControl()</c>; see <see cref="GaussianPrior.Default"/>)
    /// that turns the M-step into a MAP step and makes EM monitor the log-posterior. Null (the default)
    /// is maximum likelihood. Its <see cref="GaussianPrior.Kind"/> and dimension must match the family
    /// and the data, and the <see cref="Model"/> must have one (<see cref="CovarianceModels.HasConjugatePrior"/>),
    /// or <see cref="Estimate"/> returns an invalid-input error.
    /// </summary>
    public GaussianPrior? Prior { get; init; }

    private readonly CovarianceModel? _constrained;

    /// <summary>
    /// The parsimonious model of the covariances (mclust's names, see <see cref="CovarianceModel"/>): by
    /// default the kind's own (VVV, VVI, VII or EEE); any other model must be stored in this
    /// <see cref="CovarianceKind"/> (<see cref="CovarianceModels.Storage"/>; <see cref="For"/> makes such a family).
    /// </summary>
    public CovarianceModel Model
    {
        get => _constrained ?? CovarianceModels.Of(Kind);
        init => _constrained = value == CovarianceModels.Of(Kind) ? null : value;
    }

    /// <summary>The family of <paramref name="model"/>, stored as <see cref="CovarianceModels.Storage"/> says.</summary>
    public static GaussianFamily For(CovarianceModel model, double regularization = DefaultRegularization) =>
        new(CovarianceModels.Storage(model), regularization) { Model = model };

    private bool KeepsFullScatter => Kind is CovarianceKind.Full or CovarianceKind.Tied;

    /// <inheritdoc />
    public void LogDensities(GaussianComponent component, ReadOnlySpan<double> block, int dimensions, Span<double> output) =>
        component.LogDensities(block, output);

    /// <inheritdoc />
    public GaussianStatistics Empty(int dimensions) =>
        new(0, new double[dimensions], new double[KeepsFullScatter ? dimensions * dimensions : dimensions]);

    /// <inheritdoc />
    public GaussianStatistics Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights)
    {
        var accumulator = CreateAccumulator(1, dimensions);
        var ones = new double[weights.Length];
        ones.AsSpan().Fill(1.0);
        accumulator.Add(block, ones, weights);
        return accumulator.Results()[0];
    }

    /// <summary>Accumulates centred statistics of all components, sharing one transposition per block; see <see cref="GaussianAccumulator"/>.</summary>
    public IStatisticsAccumulator<GaussianStatistics> CreateAccumulator(int components, int dimensions) =>
        new GaussianAccumulator(components, dimensions, KeepsFullScatter);

    /// <summary>
    /// log N(x_r | μ_k, Σ_k) for every row and component, transposing the block once for all components
    /// (see <see cref="GaussianComponent.LogDensities"/>).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void LogDensities(Arr<GaussianComponent> components, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        var k = components.Count;
        var rows = output.Length / k;
        var stride = VectorKernels.ColumnStride(rows);
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent((2 * dimensions + 2) * stride);
        try
        {
            var columns = buffer.AsSpan(0, dimensions * stride);
            var scratch = buffer.AsSpan(dimensions * stride, (dimensions + 1) * stride);
            var column = buffer.AsSpan((2 * dimensions + 1) * stride, rows);
            VectorKernels.Transpose(block, rows, dimensions, columns, stride);
            for (var c = 0; c < k; c++)
            {
                components[c].LogDensitiesOfColumns(columns, stride, rows, scratch, column);
                for (var r = 0; r < rows; r++) output[r * k + c] = column[r];
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>N(μ_m + Σ_mo Σ_oo⁻¹ (x_o − μ_o), Σ_mm − Σ_mo Σ_oo⁻¹ Σ_om).</summary>
    public IConditional Condition(GaussianComponent component, MissingPattern pattern) =>
        GaussianConditional.Of(component, pattern) ?? throw new ArgumentException("the component's covariance is not positive definite on the observed columns", nameof(component));

    /// <summary>Every covariance kind models missing cells (see <see cref="GaussianConditional"/>).</summary>
    public bool ModelsMissingCells => true;

    /// <summary>
    /// log N(x_o | μ_o,k, Σ_oo,k): each component's marginal over the observed columns, factorized once
    /// per block (the tied kind once for all components), then the complete-data kernel on the observed columns.
    /// </summary>
    public void LogDensities(Arr<GaussianComponent> components, ReadOnlySpan<double> block, int dimensions, MissingPattern pattern, Span<double> output)
    {
        if (pattern.IsComplete)
        {
            LogDensities(components, block, dimensions, output);
            return;
        }
        var k = components.Count;
        var rows = output.Length / k;
        var marginals = new GaussianComponent[k];
        for (var c = 0; c < k; c++)
        {
            var marginal = Kind == CovarianceKind.Tied && c > 0
                ? marginals[0].WithMean([.. pattern.Observed.ToArray().Select(j => components[c].Mean[j])])
                : GaussianConditional.MarginalOf(components[c], pattern);
            if (marginal is null)
            {
                // Σ_oo of a positive definite Σ is positive definite: only rounding can get here.
                output[..(rows * k)].Fill(double.NaN);
                return;
            }
            marginals[c] = marginal;
        }
        var observed = pattern.Observed.Length;
        var gathered = System.Buffers.ArrayPool<double>.Shared.Rent(rows * observed);
        try
        {
            pattern.GatherObserved(block, rows, gathered);
            LogDensities(marginals.ToArr(), gathered.AsSpan(0, rows * observed), observed, output);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(gathered);
        }
    }

    /// <summary>
    /// The accumulator of an E-step at <paramref name="components"/>: an incomplete row adds, per component,
    /// its conditional mean E[x_m | x_o, k] in place of the missing cells and the conditional covariance
    /// to the scatter, the expected complete-data statistics.
    /// </summary>
    public IStatisticsAccumulator<GaussianStatistics> CreateAccumulator(Arr<GaussianComponent> components, int dimensions) =>
        new GaussianAccumulator(components.Count, dimensions, KeepsFullScatter, components);

    /// <inheritdoc />
    public GaussianStatistics Combine(GaussianStatistics first, GaussianStatistics second) =>
        GaussianStatistics.Combine(first, second);

    /// <summary>
    /// Maximum likelihood (no <see cref="Prior"/>): μ_k = m_k; Σ_k = S_k / N_k + λI (full), diag(S_k) / N_k + λ
    /// (diagonal), tr(S_k) / (D N_k) + λ (spherical), or Σ = Σ_k S_k / Σ_k N_k + λI shared by all (tied),
    /// with λ the regularization.
    /// <para>
    /// MAP (with a prior κ, μ₀, ν, Λ₀): the joint posterior mode, with δ_k = m_k − μ₀ and c_k = κ N_k / (κ + N_k):
    /// μ_k = (κ μ₀ + N_k m_k) / (κ + N_k), and
    /// Σ_k = (Λ₀ + S_k + c_k δ_k δ_kᵀ) / (ν + N_k + D + 2) + λI (full),
    /// σ²_kj = (ς²_j + S_k,jj + c_k δ_kj²) / (ν + N_k + 3) + λ (diagonal),
    /// σ²_k = (ς² + tr S_k + c_k ‖δ_k‖²) / (ν + (N_k + 1) D + 2) + λ (spherical),
    /// Σ = (Λ₀ + Σ_k [S_k + c_k δ_k δ_kᵀ]) / (ν + Σ_k N_k + D + K + 1) + λI (tied): the denominators of mclust.
    /// </para>
    /// <para>
    /// The other models (<see cref="Model"/>) minimize Σ_k [N_k log|Σ_k| + tr((S_k + N_k λI) Σ_k⁻¹)] under their
    /// constraints; with a prior (EII, EEI, VEI, EVI, EEV, VEV) the same minimization on mclust's pseudo-counts and
    /// pseudo-scatters (Λ + S_k + c_k δ_k δ_kᵀ, N_k plus the prior's rows) around the posterior means μ_k above
    /// gives mclust's MAP step; docs/families.md lists each model's update.
    /// </para>
    /// </summary>
    public Either<Error, Arr<GaussianComponent>> Estimate(Arr<GaussianStatistics> statistics)
    {
        for (var k = 0; k < statistics.Count; k++)
            if (!(statistics[k].Weight > 0)) return Errors.EmptyComponent(k, statistics[k].Weight);

        var d = statistics[0].Mean.Length;
        if (_constrained is { } model) return EstimateConstrained(model, statistics, d);
        if (Prior is not null) return EstimateWithPrior(statistics, d, Prior);
        var components = new GaussianComponent[statistics.Count];
        if (Kind == CovarianceKind.Tied)
        {
            var pooled = new double[d * d];
            var totalWeight = 0.0;
            foreach (var s in statistics)
            {
                totalWeight += s.Weight;
                for (var i = 0; i < pooled.Length; i++) pooled[i] += s.Scatter[i];
            }
            for (var i = 0; i < pooled.Length; i++) pooled[i] /= totalWeight;
            AddToDiagonal(pooled, d, Regularization);
            for (var k = 0; k < statistics.Count; k++)
            {
                // One factorization serves all components; a failure concerns the shared matrix.
                var component = k == 0
                    ? GaussianComponent.TryCreate(Kind, statistics[k].Mean.ToArray(), pooled)
                    : components[0].WithMean(statistics[k].Mean.ToArray());
                if (component is null) return Errors.IllDefinedSharedCovariance(Regularization);
                components[k] = component;
            }
            return components.ToArr();
        }

        for (var k = 0; k < statistics.Count; k++)
        {
            var s = statistics[k];
            var n = s.Weight;
            double[] covariance;
            switch (Kind)
            {
                case CovarianceKind.Full:
                    covariance = new double[d * d];
                    for (var i = 0; i < covariance.Length; i++) covariance[i] = s.Scatter[i] / n;
                    AddToDiagonal(covariance, d, Regularization);
                    break;
                case CovarianceKind.Diagonal:
                    covariance = new double[d];
                    for (var i = 0; i < d; i++) covariance[i] = s.Scatter[i] / n + Regularization;
                    break;
                default:
                    var trace = 0.0;
                    for (var i = 0; i < d; i++) trace += s.Scatter[i] / n + Regularization;
                    covariance = [trace / d];
                    break;
            }
            var component = GaussianComponent.TryCreate(Kind, s.Mean.ToArray(), covariance);
            if (component is null) return Errors.IllDefinedCovariance(k, Regularization);
            components[k] = component;
        }
        return components.ToArr();
    }

    /// <summary>
    /// The M-step of a model with constraints across components (<see cref="ConstrainedCovariances"/>) on the
    /// scatters W_k + N_k λI, λ the regularization. With a prior (EII, EEI, VEI, EVI, EEV, VEV) the same step on
    /// the prior's pseudo-counts and pseudo-scatters is mclust's posterior mode (see ConstrainedPrior).
    /// </summary>
    private Either<Error, Arr<GaussianComponent>> EstimateConstrained(CovarianceModel model, Arr<GaussianStatistics> statistics, int d)
    {
        if (CovarianceModels.Storage(model) != Kind)
            return Errors.InvalidInput($"the {model} model is stored as {CovarianceModels.Storage(model)} covariances, not {Kind}; make the family with GaussianFamily.For({model})");
        if (Prior is not null && !CovarianceModels.HasConjugatePrior(model))
            return Errors.InvalidInput($"a prior is not available for the {model} model; the conjugate priors cover {CovarianceModels.WithConjugatePrior}");
        if (Prior is not null && PriorMismatch(Prior, d) is { } mismatch) return mismatch;
        var k = statistics.Count;
        var (means, counts, scatters) = Prior is null ? MaximumLikelihoodStatistics(statistics, d) : ConstrainedPrior.Posterior(model, Prior, statistics, Regularization);
        var starts = statistics.Map(s => s.Start is { } start && start.Dimensions == d ? start.FullCovariance() : null).ToArray();
        var covariances = ConstrainedCovariances.Estimate(model, counts, scatters, d, starts);
        var components = new GaussianComponent[k];
        for (var c = 0; c < k; c++)
        {
            var component = GaussianComponent.TryCreate(Kind, means[c], covariances[c]);
            if (component is null) return Errors.IllDefinedCovariance(c, Regularization);
            components[c] = component;
        }
        return components.ToArr();
    }

    /// <summary>The means m_k, counts N_k and regularized scatters W_k + N_k λI of maximum likelihood.</summary>
    private (double[][] Means, double[] Counts, double[][] Scatters) MaximumLikelihoodStatistics(Arr<GaussianStatistics> statistics, int d)
    {
        var k = statistics.Count;
        var means = new double[k][];
        var counts = new double[k];
        var scatters = new double[k][];
        for (var c = 0; c < k; c++)
        {
            var s = statistics[c];
            means[c] = s.Mean.ToArray();
            counts[c] = s.Weight;
            scatters[c] = s.Scatter.ToArray();
            var full = scatters[c].Length == d * d;
            for (var j = 0; j < d; j++) scatters[c][full ? j * d + j : j] += s.Weight * Regularization;
        }
        return (means, counts, scatters);
    }

    /// <summary>An invalid-input error when <paramref name="prior"/> was made for another kind or dimension than the family's and the data's.</summary>
    private Error? PriorMismatch(GaussianPrior prior, int d) =>
        prior.Kind != Kind
            ? Errors.InvalidInput($"the Gaussian prior was made for {prior.Kind} covariances but the family fits {Kind} covariances; build the prior for {Kind}")
            : prior.Dimensions != d
                ? Errors.InvalidInput($"the Gaussian prior has {prior.Dimensions} dimensions but the data has {d} columns")
                : null;

    /// <summary>
    /// The MAP M-step (see <see cref="Estimate"/>): posterior modes of the conjugate prior, plus λ on the
    /// covariance diagonals as in the maximum-likelihood step.
    /// </summary>
    private Either<Error, Arr<GaussianComponent>> EstimateWithPrior(Arr<GaussianStatistics> statistics, int d, GaussianPrior prior)
    {
        if (PriorMismatch(prior, d) is { } mismatch) return mismatch;
        var kappa = prior.Shrinkage;
        var nu = prior.DegreesOfFreedom;
        var priorMean = prior.Mean;
        var scale = prior.Scale;
        var k = statistics.Count;
        var means = new double[k][];
        var deltas = new double[k][];
        var shrinks = new double[k];
        for (var c = 0; c < k; c++)
        {
            var s = statistics[c];
            var n = s.Weight;
            means[c] = new double[d];
            deltas[c] = new double[d];
            // c_k = κ N_k / (κ + N_k): the weight of the mean's pull in the covariance.
            shrinks[c] = kappa * n / (kappa + n);
            for (var j = 0; j < d; j++)
            {
                means[c][j] = (kappa * priorMean[j] + n * s.Mean[j]) / (kappa + n);
                deltas[c][j] = s.Mean[j] - priorMean[j];
            }
        }

        var components = new GaussianComponent[k];
        if (Kind == CovarianceKind.Tied)
        {
            var pooled = scale.ToArray();
            var totalWeight = 0.0;
            for (var c = 0; c < k; c++)
            {
                var s = statistics[c];
                totalWeight += s.Weight;
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < d; j++)
                        pooled[i * d + j] += s.Scatter[i * d + j] + shrinks[c] * deltas[c][i] * deltas[c][j];
            }
            var denominator = nu + totalWeight + d + k + 1;
            for (var i = 0; i < pooled.Length; i++) pooled[i] /= denominator;
            AddToDiagonal(pooled, d, Regularization);
            for (var c = 0; c < k; c++)
            {
                var component = c == 0 ? GaussianComponent.TryCreate(Kind, means[c], pooled) : components[0].WithMean(means[c]);
                if (component is null) return Errors.IllDefinedSharedCovariance(Regularization);
                components[c] = component;
            }
            return components.ToArr();
        }

        for (var c = 0; c < k; c++)
        {
            var s = statistics[c];
            var n = s.Weight;
            var delta = deltas[c];
            double[] covariance;
            switch (Kind)
            {
                case CovarianceKind.Full:
                {
                    covariance = new double[d * d];
                    var denominator = nu + n + d + 2;
                    for (var i = 0; i < d; i++)
                        for (var j = 0; j < d; j++)
                            covariance[i * d + j] = (scale[i * d + j] + s.Scatter[i * d + j] + shrinks[c] * delta[i] * delta[j]) / denominator;
                    AddToDiagonal(covariance, d, Regularization);
                    break;
                }
                case CovarianceKind.Diagonal:
                {
                    covariance = new double[d];
                    var denominator = nu + n + 3;
                    for (var j = 0; j < d; j++)
                        covariance[j] = (scale[j] + s.Scatter[j] + shrinks[c] * delta[j] * delta[j]) / denominator + Regularization;
                    break;
                }
                default:
                {
                    var numerator = scale[0];
                    for (var j = 0; j < d; j++) numerator += s.Scatter[j] + shrinks[c] * delta[j] * delta[j];
                    covariance = [numerator / (nu + (n + 1) * d + 2) + Regularization];
                    break;
                }
            }
            var component = GaussianComponent.TryCreate(Kind, means[c], covariance);
            if (component is null) return Errors.IllDefinedCovariance(c, Regularization);
            components[c] = component;
        }
        return components.ToArr();
    }

    /// <summary>
    /// log p(θ_1, …, θ_K) under <see cref="Prior"/>: for the four kinds with its normalizing constants (see
    /// <see cref="GaussianPrior.LogDensity"/>), for EII, EEI, VEI, EVI, EEV and VEV the log of the prior kernel
    /// their MAP step maximizes (normal means with their constants, a covariance factor without one; see
    /// docs/families.md); 0 for maximum likelihood (regularization is not a prior, see docs/numerics.md).
    /// </summary>
    public double LogPrior(Arr<GaussianComponent> components) =>
        Prior is null ? 0
        : _constrained is { } model ? ConstrainedPrior.LogDensity(model, Prior, components)
        : Prior.LogDensity(components);

    private static void AddToDiagonal(double[] matrix, int d, double value)
    {
        for (var i = 0; i < d; i++) matrix[i * d + i] += value;
    }

    /// <summary>
    /// Free covariance and mean parameters of K components in D dimensions: K·D means plus the model's
    /// covariance parameters as mclust counts them (<see cref="CovarianceModels.CovarianceParameters"/>:
    /// K·D(D+1)/2 full, K·D diagonal, K spherical, D(D+1)/2 tied, …).
    /// </summary>
    public int FreeParameters(int components, int dimensions) =>
        components * dimensions + CovarianceModels.CovarianceParameters(Model, dimensions, components);

    /// <summary>A component with mean <paramref name="center"/> and identity covariance.</summary>
    public GaussianComponent CenteredAt(ReadOnlySpan<double> center)
    {
        var d = center.Length;
        var covariance = new double[GaussianComponent.ParameterLength(Kind, d)];
        if (Kind is CovarianceKind.Full or CovarianceKind.Tied) AddToDiagonal(covariance, d, 1.0);
        else covariance.AsSpan().Fill(1.0);
        return GaussianComponent.TryCreate(Kind, center.ToArray(), covariance)!;
    }

    /// <inheritdoc />
    public void Sample(GaussianComponent component, ref RandomSource random, Span<double> output) =>
        component.Sample(ref random, output);
}
