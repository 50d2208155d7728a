using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EmFunctional.Core.Numerics;

/// <summary>
/// The few SIMD loops the hot paths are made of, over contiguous spans (columns of a transposed row
/// block, so one vector lane is one row). <see cref="Vector{T}"/> picks the widest vectors the
/// processor has; the scalar tail handles the rest. Every kernel is compiled fully optimized on first use
/// (AggressiveOptimization): tiered compilation would otherwise run them unoptimized, several times
/// slower, for the first iterations of a fit, which is most of a short fit.
/// </summary>
public static class VectorKernels
{
    /// <summary>y[r] += a · x[r].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = y.Length;
        var r = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = new Vector<double>(a);
            for (var v = 0; v < ys.Length; v++) ys[v] = Vector.FusedMultiplyAdd(va, xs[v], ys[v]);
            r = ys.Length * Vector<double>.Count;
        }
        for (; r < n; r++) y[r] = Math.FusedMultiplyAdd(a, x[r], y[r]);
    }

    /// <summary>y[r] += x[r]².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddSquares(ReadOnlySpan<double> x, Span<double> y)
    {
        var n = y.Length;
        var r = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(y);
            for (var v = 0; v < ys.Length; v++) ys[v] = Vector.FusedMultiplyAdd(xs[v], xs[v], ys[v]);
            r = ys.Length * Vector<double>.Count;
        }
        for (; r < n; r++) y[r] = Math.FusedMultiplyAdd(x[r], x[r], y[r]);
    }

    /// <summary>y[r] += a · x[r]².</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaledSquares(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var n = y.Length;
        var r = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = new Vector<double>(a);
            for (var v = 0; v < ys.Length; v++) ys[v] = Vector.FusedMultiplyAdd(va * xs[v], xs[v], ys[v]);
            r = ys.Length * Vector<double>.Count;
        }
        for (; r < n; r++) y[r] = Math.FusedMultiplyAdd(a * x[r], x[r], y[r]);
    }

    /// <summary>Σ_r x[r]·y[r], with a fixed summation order (the result does not depend on the caller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var n = x.Length;
        var r = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            var acc = Vector<double>.Zero;
            for (var v = 0; v < xs.Length; v++) acc = Vector.FusedMultiplyAdd(xs[v], ys[v], acc);
            sum = Vector.Sum(acc);
            r = xs.Length * Vector<double>.Count;
        }
        for (; r < n; r++) sum = Math.FusedMultiplyAdd(x[r], y[r], sum);
        return sum;
    }

    /// <summary>z[r] = x[r] · y[r].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z)
    {
        var n = z.Length;
        var r = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            var zs = MemoryMarshal.Cast<double, Vector<double>>(z);
            for (var v = 0; v < zs.Length; v++) zs[v] = xs[v] * ys[v];
            r = zs.Length * Vector<double>.Count;
        }
        for (; r < n; r++) z[r] = x[r] * y[r];
    }

    /// <summary>Σ_r x[r], with a fixed summation order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Sum(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        var r = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x);
            var acc = Vector<double>.Zero;
            for (var v = 0; v < xs.Length; v++) acc += xs[v];
            sum = Vector.Sum(acc);
            r = xs.Length * Vector<double>.Count;
        }
        for (; r < n; r++) sum += x[r];
        return sum;
    }

    /// <summary>y[r] = x[r] − c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public static void SubtractScalar(ReadOnlySpan<double> x, double c, Span<double> y)
    {
        var n = y.Length;
        var r = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(y);
            var vc = new Vector<double>(c);
            for (var v = 0; v < ys.Length; v++) ys[v] = xs[v] - vc;
            r = ys.Length * Vector<double>.Count;
        }
        for (; r < n; r++) y[r] = x[r] - c;
    }

    /// <summary>
    /// The distance, in doubles, between consecutive columns of a transposed block of <paramref name="rows"/>
    /// rows: an odd number of 64-byte cache lines, at least the rows. With an even number (a 256-row block is
    /// exactly 32 lines, 2 KiB) columns start in only some of the L1 cache's 64 sets, and a transposition that
    /// writes 50 columns at once evicts its own lines on every row; an odd number puts 64 columns in 64 sets.
    /// </summary>
    public static int ColumnStride(int rows) => (((rows + 7) / 8) | 1) * 8;

    /// <summary>
    /// Writes the row-major block (<paramref name="rows"/> × <paramref name="columns"/>) column by column
    /// into <paramref name="transposed"/> (<paramref name="columns"/> × <paramref name="stride"/>): column j
    /// starts at j·stride. Four rows at a time, so each column receives whole 32-byte runs rather than
    /// single doubles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<double> block, int rows, int columns, Span<double> transposed, int stride)
    {
        var r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            var row0 = block.Slice(r * columns, columns);
            var row1 = block.Slice((r + 1) * columns, columns);
            var row2 = block.Slice((r + 2) * columns, columns);
            var row3 = block.Slice((r + 3) * columns, columns);
            for (var j = 0; j < columns; j++)
            {
                var target = transposed.Slice(j * stride + r, 4);
                target[0] = row0[j];
                target[1] = row1[j];
                target[2] = row2[j];
                target[3] = row3[j];
            }
        }
        for (; r < rows; r++)
        {
            var row = block.Slice(r * columns, columns);
            for (var j = 0; j < columns; j++) transposed[j * stride + r] = row[j];
        }
    }

    /// <summary>y[r] += a · (x[r] − c)², one pass instead of a subtraction and a scaled square.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddScaledSquaredDifferences(double a, ReadOnlySpan<double> x, double c, Span<double> y)
    {
        var n = y.Length;
        var r = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var ys = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = new Vector<double>(a);
            var vc = new Vector<double>(c);
            for (var v = 0; v < ys.Length; v++)
            {
                var difference = xs[v] - vc;
                ys[v] = Vector.FusedMultiplyAdd(va * difference, difference, ys[v]);
            }
            r = ys.Length * Vector<double>.Count;
        }
        for (; r < n; r++)
        {
            var difference = x[r] - c;
            y[r] = Math.FusedMultiplyAdd(a * difference, difference, y[r]);
        }
    }

    /// <summary>
    /// Σ_r w[r] · (x[r] − c)², with a fixed summation order: a weighted scatter around c without writing
    /// the differences anywhere.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double WeightedSquaredDeviations(ReadOnlySpan<double> w, ReadOnlySpan<double> x, double c)
    {
        var n = w.Length;
        var r = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var ws = MemoryMarshal.Cast<double, Vector<double>>(w);
            var xs = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var vc = new Vector<double>(c);
            var acc = Vector<double>.Zero;
            for (var v = 0; v < ws.Length; v++)
            {
                var difference = xs[v] - vc;
                acc = Vector.FusedMultiplyAdd(ws[v] * difference, difference, acc);
            }
            sum = Vector.Sum(acc);
            r = ws.Length * Vector<double>.Count;
        }
        for (; r < n; r++)
        {
            var difference = x[r] - c;
            sum = Math.FusedMultiplyAdd(w[r] * difference, difference, sum);
        }
        return sum;
    }
}
