namespace EmFunctional.Core;

/// <summary>What one EM step saw of one component.</summary>
/// <param name="EffectiveCount">N_k = Σ_i r_ik w_i, the weighted number of rows the component explained
/// in the step's E-step (the weight π_k of the new mixture is N_k / Σ_j N_j).</param>
public sealed record ComponentDiagnostics(double EffectiveCount)
{
    /// <summary>What a <see cref="Degeneracy.DegeneracyPolicy"/> did to the component in this step's M-step, if anything.</summary>
    public LanguageExt.Option<Degeneracy.ComponentRepair> Repair { get; init; }
}
