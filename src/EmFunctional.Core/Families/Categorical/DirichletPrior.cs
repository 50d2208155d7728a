using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families;

// Shared by the categorical and multinomial families, hence the families' common namespace.

/// <summary>
/// A symmetric Dirichlet(α, …, α) prior on each probability vector p = (p_1, …, p_C) of a discrete
/// component: log Dir(p | α) = log Γ(Cα) − C log Γ(α) + (α − 1) Σ_c log p_c. It is conjugate to the
/// categorical and multinomial likelihoods, so the M-step stays in closed form: the MAP estimate from
/// weighted counts n_c is the posterior mode p_c = (n_c + α − 1) / (Σ_c n_c + C(α − 1)), i.e. α − 1
/// pseudo-counts added to every category.
/// </summary>
/// <remarks>
/// α ≥ 1 is required: below 1 the density is unbounded at the faces of the simplex and the posterior
/// has no mode when a category is never observed. α = 1 is the flat prior (MAP = maximum likelihood);
/// <see cref="Laplace"/> (α = 2) adds one pseudo-count per category (Laplace's rule of succession).
/// Values are immutable. Any α constructs (the core never throws on a value); <see cref="Validate"/> and
/// <see cref="Create"/> report an invalid one, and a family's M-step refuses it with an InvalidInput error.
/// </remarks>
public sealed record DirichletPrior
{
    /// <summary>Builds the prior; α must be finite and ≥ 1 to be used (<see cref="Validate"/>, <see cref="Create"/>).</summary>
    /// <param name="concentration">α ≥ 1, the same for every category.</param>
    public DirichletPrior(double concentration)
    {
        Concentration = concentration;
    }

    /// <summary>α, the concentration of every category (α − 1 pseudo-counts each).</summary>
    public double Concentration { get; }

    /// <summary>Dirichlet(2, …, 2): one pseudo-count per category, the suggested prior when one is wanted.</summary>
    public static DirichletPrior Laplace { get; } = new(2);

    /// <summary>The validating constructor for user input: Fail with an InvalidInput error naming α.</summary>
    public static Validation<Error, DirichletPrior> Create(double concentration) => new DirichletPrior(concentration).Validate();

    /// <summary>This prior when α is finite and ≥ 1; else an InvalidInput error naming α.</summary>
    public Validation<Error, DirichletPrior> Validate() =>
        Problem(Concentration) is { } problem
            ? Fail<Error, DirichletPrior>(Errors.InvalidInput(problem))
            : Success<Error, DirichletPrior>(this);

    /// <summary>log Dir(p | α) with its normalizing constant (see the type's summary).</summary>
    public double LogDensity(ReadOnlySpan<double> probabilities) => DiscreteSupport.LogDirichlet(probabilities, Concentration);

    private static string? Problem(double concentration) =>
        double.IsFinite(concentration) && concentration >= 1
            ? null
            : $"the Dirichlet concentration α is {DiscreteSupport.Format(concentration)}; it must be a finite number ≥ 1 (1 is the flat prior, 2 adds one pseudo-count per category)";
}
