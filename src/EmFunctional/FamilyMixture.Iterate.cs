using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

public static partial class FamilyMixture
{
    /// <summary>
    /// The lazy, unbounded sequence of EM iterations of restart <paramref name="restart"/> of
    /// <c>Fit</c> with the same arguments: the same start (the seed <c>Fit</c> derives for that restart from
    /// <see cref="EmSettings.Seed"/>), the same steps, bit for bit. Nothing runs until you
    /// enumerate; enumerating twice gives the same iterations. No stopping rule ends it, but each
    /// iteration says where <c>Fit</c> would stop (<see cref="Iteration.StopReason"/>).
    /// <code>
    /// foreach (var step in FamilyMixture.Iterate(rows, 3).TakeWhile(...)) Console.WriteLine(step.MeanLogLikelihood);
    /// </code>
    /// Input is checked now; a numerical failure throws <see cref="EmFitException"/> from the enumeration;
    /// once <paramref name="cancellation"/> fires the sequence ends before the next iteration.
    /// </summary>
    /// <param name="data">N rows of D values.</param>
    /// <param name="components">K ≥ 1.</param>
    /// <param name="options">As for <c>Fit</c>; <see cref="EmSettings.Restarts"/> only bounds <paramref name="restart"/>.</param>
    /// <param name="restart">Which restart to run, 0 ≤ restart &lt; <see cref="EmSettings.Restarts"/>.</param>
    /// <param name="sampleWeights">One non-negative weight per row, or null.</param>
    /// <param name="cancellation">Ends the sequence early.</param>
    /// <exception cref="ArgumentException">Invalid data, weights, options or restart number.</exception>
    public static IEnumerable<Iteration> Iterate(double[][] data, int components, FamilyMixtureOptions? options = null, int restart = 0, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights, (options ?? FamilyMixtureOptions.Default).ModelsMissingCells), data[0].Length, () => ColumnFamilyDetection.Detect(data), components, options, restart, cancellation);

    /// <inheritdoc cref="Iterate(double[][], int, FamilyMixtureOptions, int, double[], CancellationToken)"/>
    public static IEnumerable<Iteration> Iterate(double[,] data, int components, FamilyMixtureOptions? options = null, int restart = 0, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights, (options ?? FamilyMixtureOptions.Default).ModelsMissingCells), data.GetLength(1), () => ColumnFamilyDetection.Detect(data), components, options, restart, cancellation);

    private static IEnumerable<Iteration> Iterate(Dataset dataset, int columns, Func<ColumnFamily[]> detect, int components, FamilyMixtureOptions? options, int restart, CancellationToken cancellation)
    {
        var setup = Prepare(dataset, columns, detect, components, options ?? FamilyMixtureOptions.Default);
        NoiseFit.RefuseIterate(setup.Options.Noise);
        (dataset, var names) = KnownLabelling.Apply(setup.Options, dataset, components);
        var allGaussian = setup.Groups is [{ Family: ColumnFamily.Gaussian }];
        var view = new IterationView<ProductComponent>(
            mixture => [.. mixture.Components.Map(component => setup.Groups
                .Select((group, g) => ColumnFamilyRegistry.Of(group.Family).Describe([.. group.Columns], component[g]))
                .ToImmutableArray())],
            mixture => allGaussian ? Conversions.ToParameters(new Mixture<GaussianComponent>(mixture.Weights, mixture.Components.Map(component => component.Part<GaussianComponent>(0)))) : null,
            result => setup.Model(result, names));
        return FitPipeline.Iterate(setup.Family, dataset, components, setup.Options, setup.Weights, null, restart, cancellation, view);
    }
}
