namespace EmFunctional.Core.Numerics;

/// <summary>
/// A small, fully specified pseudo-random generator (xoshiro256**, seeded through SplitMix64) so that a
/// seed gives the same numbers on every machine and .NET version; <see cref="System.Random"/> makes no
/// such promise. It is a mutable value that a function creates from a seed and owns locally: no global
/// random state exists anywhere in the core.
/// </summary>
public struct RandomSource
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose whole stream is determined by <paramref name="seed"/>.</summary>
    public static RandomSource Create(ulong seed)
    {
        var state = seed;
        var source = new RandomSource
        {
            _s0 = SplitMix64(ref state),
            _s1 = SplitMix64(ref state),
            _s2 = SplitMix64(ref state),
            _s3 = SplitMix64(ref state),
        };
        return source;
    }

    /// <summary>
    /// The seed of the <paramref name="index"/>-th independent stream derived from <paramref name="seed"/>
    /// (used for restarts): a SplitMix64 hash of the pair, so neighbouring seeds and indices give
    /// unrelated streams.
    /// </summary>
    public static ulong DeriveSeed(ulong seed, int index)
    {
        var state = seed ^ (0x9E3779B97F4A7C15UL * (ulong)(index + 1));
        SplitMix64(ref state);
        return SplitMix64(ref state);
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    /// <summary>Uniform on [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer on [0, <paramref name="exclusiveMax"/>), without modulo bias.</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax));
        var bound = (ulong)exclusiveMax;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var bits = NextBits();
            if (bits >= threshold) return (int)(bits % bound);
        }
    }

    /// <summary>A standard normal draw by the Box–Muller transform (one of the pair is used).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
