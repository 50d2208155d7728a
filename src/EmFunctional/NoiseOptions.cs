namespace EmFunctional;

/// <summary>
/// A noise component for a fit (mclust's <c>initialization = list(noise = …)</c>): besides the K components, a
/// uniform density over the data's box (<see cref="NoiseComponent"/>), whose weight EM estimates, for rows that
/// belong to no cluster. EM needs a first guess of which rows are noise: <see cref="InitialNoise"/>, or by default
/// nearest-neighbour cleaning (Byers and Raftery 1998) with <see cref="Neighbours"/> neighbours. The K components
/// start on the other rows as <see cref="EmSettings.Initialization"/> says; the default there is mclust's
/// hierarchical start.
/// <code>
/// var model = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { Noise = new NoiseOptions() });
/// var labels = model.Predict(rows);   // MixtureModel.NoiseLabel (−1) for rows the noise component explains best
/// </code>
/// </summary>
public sealed record NoiseOptions
{
    /// <summary>The default neighbour count of nearest-neighbour cleaning.</summary>
    public const int DefaultNeighbours = Core.Families.Noise.NearestNeighbourCleaning.DefaultNeighbours;

    /// <summary>One entry per data row, true for a row first guessed to be noise; null (the default): nearest-neighbour cleaning.</summary>
    public IReadOnlyList<bool>? InitialNoise { get; init; }

    /// <summary>k of nearest-neighbour cleaning: a row is measured by its distance to its k-th nearest row (columns scaled to unit standard deviation). At least 1.</summary>
    public int Neighbours { get; init; } = DefaultNeighbours;
}
