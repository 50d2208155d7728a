using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>
/// One EM iteration of one restart, as <c>GaussianMixture.Iterate</c> and <c>FamilyMixture.Iterate</c> report
/// it: where the log-likelihood stands, the parameters this iteration produced, whether <c>Fit</c> would stop
/// here, and, on demand, the responsibilities of the training rows (<see cref="Responsibilities"/>) or the
/// whole model (<see cref="ToModel"/>).
/// </summary>
public sealed class Iteration : IEquatable<Iteration>
{
    private readonly GaussianMixtureParameters? _parameters;
    private readonly Func<MixtureModel> _toModel;
    private readonly Func<double[][]> _responsibilities;

    internal Iteration(
        int restart,
        int number,
        double meanLogLikelihood,
        double? change,
        double? responsibilityChange,
        ImmutableArray<double> weights,
        ImmutableArray<ImmutableArray<ColumnGroupParameters>> groups,
        GaussianMixtureParameters? parameters,
        StopReason? stopReason,
        ImmutableArray<ComponentEvent> events,
        Func<MixtureModel> toModel,
        Func<double[][]> responsibilities)
    {
        Restart = restart;
        Number = number;
        MeanLogLikelihood = meanLogLikelihood;
        Change = change;
        ResponsibilityChange = responsibilityChange;
        Weights = weights;
        Groups = groups;
        _parameters = parameters;
        StopReason = stopReason;
        Events = events;
        _toModel = toModel;
        _responsibilities = responsibilities;
    }

    /// <summary>The restart (0-based) whose start this sequence grew from; <c>Fit</c> runs restarts 0 … Restarts − 1.</summary>
    public int Restart { get; }

    /// <summary>Iterations completed in this restart (1 for the first).</summary>
    public int Number { get; }

    /// <summary>
    /// Mean log-likelihood per (weighted) row of the parameters that ENTERED this iteration (scikit-learn's
    /// <c>lower_bound_</c> convention: the E-step evaluates them on the way).
    /// </summary>
    public double MeanLogLikelihood { get; }

    /// <summary>
    /// Change of the mean log-posterior (the mean log-likelihood without priors) from the previous iteration;
    /// null on the first, where there is no previous value.
    /// </summary>
    public double? Change { get; }

    /// <summary>‖R_t − R_{t−1}‖_F when <see cref="EmSettings.ResponsibilityTolerance"/> is set; else null.</summary>
    public double? ResponsibilityChange { get; }

    /// <summary>π_1 … π_K produced by this iteration's M-step.</summary>
    public ImmutableArray<double> Weights { get; }

    /// <summary>
    /// Per component, the parameters of each column group produced by this iteration (as
    /// <see cref="FamilyMixtureModel.Groups"/>; a Gaussian mixture has one group of every column).
    /// </summary>
    public ImmutableArray<ImmutableArray<ColumnGroupParameters>> Groups { get; }

    /// <summary>
    /// The weights, means and full covariances this iteration produced, when every column is Gaussian.
    /// </summary>
    /// <exception cref="InvalidOperationException">Some column is not Gaussian: read <see cref="Groups"/> instead.</exception>
    public GaussianMixtureParameters Parameters => _parameters
        ?? throw new InvalidOperationException("this iteration's mixture has columns that are not Gaussian, so it has no Gaussian parameters; read Groups instead");

    /// <summary>
    /// Why <c>Fit</c>'s stopping rule (or its time budget or cancellation) would stop this restart after this
    /// iteration, or null while it would go on. The sequence never stops on it, except after cancellation: a
    /// consumer that wants <c>Fit</c>'s iterations takes up to and including the first iteration that has one.
    /// </summary>
    public StopReason? StopReason { get; }

    /// <summary>What this iteration's M-step did to degenerate components (see <see cref="DegenerateComponentPolicy"/>).</summary>
    public ImmutableArray<ComponentEvent> Events { get; }

    /// <summary>
    /// The model <c>Fit</c> would return had it run only this restart and stopped here: its parameters are this
    /// iteration's, its log-likelihood is theirs on the training rows (one more pass over the data), its trace is
    /// this restart's iterations up to this one, and its stop reason is <see cref="StopReason"/>, or
    /// <see cref="EmFunctional.StopReason.StoppedByCaller"/> when no rule held yet. For the restart <c>Fit</c> chose and
    /// the iteration where it stopped, the parameters and log-likelihood are <c>Fit</c>'s, bit for bit.
    /// </summary>
    public MixtureModel ToModel() => _toModel();

    /// <summary>
    /// p(k | x_i) of the training rows under this iteration's parameters: one row of K probabilities summing to
    /// 1 per data row, computed now (one pass over the data).
    /// </summary>
    public double[][] Responsibilities() => _responsibilities();

    /// <summary>Value equality of the reported values (restart, number, log-likelihoods, parameters, stop reason, events).</summary>
    public bool Equals(Iteration? other) =>
        other is not null && Restart == other.Restart && Number == other.Number && MeanLogLikelihood.Equals(other.MeanLogLikelihood)
        && Change.Equals(other.Change) && ResponsibilityChange.Equals(other.ResponsibilityChange) && StopReason == other.StopReason
        && Weights.SequenceEqual(other.Weights) && Events.SequenceEqual(other.Events)
        && Groups.Length == other.Groups.Length && Groups.Zip(other.Groups).All(pair => pair.Item1.Length == pair.Item2.Length && pair.Item1.Zip(pair.Item2).All(groups => groups.Item1.SameValues(groups.Item2)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Iteration);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Restart, Number, MeanLogLikelihood, Weights.Length, Events.Length);
}
