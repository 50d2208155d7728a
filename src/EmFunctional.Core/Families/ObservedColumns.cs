using EmFunctional.Core.Missing;
using LanguageExt;

namespace EmFunctional.Core.Families;

/// <summary>
/// The missing-cell density of the families whose columns are independent within a component
/// (Bernoulli, categorical, Poisson): a missing cell contributes nothing, so log p(x_o | θ_k) is the
/// complete-data density of the component restricted to the observed columns, on those columns.
/// </summary>
internal static class ObservedColumns
{
    public delegate TComponent Restriction<TComponent>(TComponent component, ReadOnlySpan<int> observed);

    public delegate void Density<TComponent>(TComponent component, ReadOnlySpan<double> block, Span<double> output);

    /// <summary>log p(x_o | θ_k) for every row and component (rows × K).</summary>
    public static void LogDensities<TComponent>(
        Arr<TComponent> components, ReadOnlySpan<double> block, MissingPattern pattern, Span<double> output,
        Restriction<TComponent> restrict, Density<TComponent> density)
    {
        var k = components.Count;
        var rows = output.Length / k;
        var width = pattern.Observed.Length;
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent(rows * (width + 1));
        try
        {
            var gathered = buffer.AsSpan(0, rows * width);
            var column = buffer.AsSpan(rows * width, rows);
            pattern.GatherObserved(block, rows, gathered);
            for (var c = 0; c < k; c++)
            {
                density(restrict(components[c], pattern.Observed), gathered, column);
                for (var r = 0; r < rows; r++) output[r * k + c] = column[r];
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }
}
