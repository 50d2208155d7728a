using EmFunctional.Core;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Noise;
using EmFunctional.Core.Selection;
using LanguageExt;

namespace EmFunctional;

/// <summary>
/// A fit with a noise component (<see cref="NoiseOptions"/>), the same for <see cref="GaussianMixture"/> and
/// <see cref="FamilyMixture"/>: the checks, the uniform density over the data's box, the first guess of the
/// noise rows (the caller's, or nearest-neighbour cleaning), and EM from the signal components started on the
/// other rows.
/// </summary>
internal static class NoiseFit
{
    /// <summary>
    /// The noise family over <paramref name="signal"/>, the fit, and the settings it ran with (<see cref="InitializationMethod.Automatic"/>
    /// with one restart resolved as a selection grid resolves it: mclust's hierarchical start up to 2000 rows).
    /// </summary>
    public static (NoiseFamily<TComponent, TStatistics> Family, FitResult<NoisyComponent<TComponent>> Result, TSettings Settings) Run<TComponent, TStatistics, TSettings>(
        IComponentFamily<TComponent, TStatistics> signal,
        Dataset data,
        int components,
        NoiseOptions noise,
        TSettings settings,
        MixtureWeights weights,
        IProgress<FitProgress>? progress,
        CancellationToken cancellation)
        where TComponent : class
        where TStatistics : IComponentStatistics
        where TSettings : EmSettings
    {
        if (settings.KnownLabels is not null)
            throw new ArgumentException("options.Noise: a noise fit does not take known labels yet; give one or the other", "options");
        var (density, guess) = Prepare(data, noise);
        var family = new NoiseFamily<TComponent, TStatistics>(signal, density);
        // As mclust, and as a selection grid: the signal components start from the hierarchical tree of the rows
        // not guessed to be noise, unless a start was asked for.
        var resolved = settings.Initialization == InitializationMethod.Automatic && settings.Restarts == 1
            ? (TSettings)(settings with { Initialization = GridStart.IsHierarchical(data) ? InitializationMethod.Hierarchical : InitializationMethod.Search })
            : settings;
        return (family, FitPipeline.FitWithNoise(family, data, components, guess, resolved, weights, progress, cancellation), resolved);
    }

    /// <summary>
    /// The checks of a noise fit's data and options, the uniform density over the data's box, and the first guess
    /// of the noise rows (the caller's, or nearest-neighbour cleaning): what every fit and grid with noise starts from.
    /// </summary>
    public static (UniformNoise Density, IReadOnlyList<bool> Guess) Prepare(Dataset data, NoiseOptions noise)
    {
        const string name = "options";
        if (data.HasMissing)
            throw new ArgumentException("options.Noise: the data has missing cells, which the noise component's uniform density does not model yet; complete or drop those rows", "data");
        if (noise.Neighbours < 1)
            throw new ArgumentOutOfRangeException(name, noise.Neighbours, $"options.Noise.Neighbours is {noise.Neighbours}; it must be at least 1");
        if (noise.InitialNoise is { } given && given.Count != data.Rows)
            throw new ArgumentException($"options.Noise.InitialNoise has {given.Count} entries but the data has {data.Rows} rows; give one per row", name);
        return (UniformNoise.Around(data).OrThrowArgument("data"), noise.InitialNoise ?? NearestNeighbourCleaning.Noise(data, noise.Neighbours).OrThrowArgument(name));
    }

    /// <summary>The signal components of a mixture whose last component is the noise component, with their weights (summing to 1 − π_0).</summary>
    public static Mixture<TComponent> Signal<TComponent>(Mixture<NoisyComponent<TComponent>> mixture)
        where TComponent : class =>
        new(mixture.Weights.Take(mixture.Count - 1).ToArr(), mixture.Components.Take(mixture.Count - 1).Map(component => component.Signal!).ToArr());

    /// <summary>Inference on a noise model's whole mixture (its bootstrap is refused before it would need the components' moments).</summary>
    public static IMixtureEvaluator Evaluator<TComponent, TStatistics>(NoiseFamily<TComponent, TStatistics> family, Mixture<NoisyComponent<TComponent>> mixture)
        where TComponent : class
        where TStatistics : IComponentStatistics =>
        new MixtureEvaluator<NoisyComponent<TComponent>, NoisyStatistics<TStatistics>>(family, mixture, _ => throw new InvalidOperationException("a noise model's moments are not resampled"));

    /// <summary>Iterate does not run a noise fit: refused rather than silently fitted without the noise component.</summary>
    public static void RefuseIterate(NoiseOptions? noise)
    {
        if (noise is not null)
            throw new ArgumentException("options.Noise: Iterate does not step a fit with a noise component yet; use Fit, or leave Noise out", "options");
    }
}
