namespace EmFunctional.Core.Numerics;

/// <summary>Log-space summation that neither overflows nor underflows.</summary>
public static class LogSumExp
{
    /// <summary>
    /// log Σ_k exp(v_k), computed as m + log Σ_k exp(v_k − m) with m = max_k v_k so that the largest
    /// term is exp(0) = 1. Returns −∞ when every term is −∞ (an empty sum).
    /// </summary>
    public static double Of(ReadOnlySpan<double> values)
    {
        var max = double.NegativeInfinity;
        foreach (var v in values)
            if (v > max) max = v;
        if (double.IsNegativeInfinity(max) || double.IsNaN(max)) return max;
        var sum = 0.0;
        foreach (var v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}
