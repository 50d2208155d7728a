using System.Reflection;
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EmFunctional.Testing;

/// <summary>
/// An FsCheck.Xunit property test that checks <see cref="PropertyAttribute.MaxTest"/> cases from a replay
/// seed fixed per test, so every run, CI's included, checks the same cases and cannot flake. The seed is a
/// stable hash of the declaring file's name and the test's name (filled in by the compiler where the
/// attribute is applied). <c>EM_PROPERTY_SEED=random</c> leaves the seed to FsCheck (fresh cases on every
/// run); a number is XORed into the fixed seed (another fixed set). A failure prints its seed either way,
/// and <c>[SeededProperty(n, Replay = "(seed,gamma)")]</c> replays it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SeededPropertyAttribute : PropertyAttribute
{
    public SeededPropertyAttribute(int maxTest, [CallerMemberName] string test = "", [CallerFilePath] string file = "")
    {
        MaxTest = maxTest;
        QuietOnSuccess = true;
        var setting = Environment.GetEnvironmentVariable("EM_PROPERTY_SEED");
        if (string.Equals(setting, "random", StringComparison.OrdinalIgnoreCase)) return;
        var salt = ulong.TryParse(setting, out var chosen) ? chosen : 0UL;
        var seed = StableHash($"{Path.GetFileNameWithoutExtension(file)}.{test}") ^ salt;
        Replay = $"({seed},{StableHash(test) | 1UL})"; // the generator's gamma must be odd
    }

    /// <summary>FNV-1a: string.GetHashCode differs from process to process, which would defeat the fixed seed.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}

/// <summary>
/// One run of a property test, for laws that must also hold over the run as a whole (a law that could pass
/// vacuously counts the cases that exercised it). FsCheck.Xunit invokes a property method once per case,
/// on one instance of the test class, so the run and its counts are fields of the test class: a local
/// would start again at every case.
/// </summary>
public sealed class PropertyRun
{
    private int cases;

    /// <summary>
    /// <c>Prop.ForAll(Arb.From(generator), body)</c>, where the last case of the run (the test method's
    /// MaxTest) also runs <paramref name="atEnd"/>: a failed assertion there fails that case, so FsCheck
    /// reports it with its seed like any other failure.
    /// </summary>
    public Property ForAll<T>(object test, Gen<T> generator, Action<T> body, Action atEnd, [CallerMemberName] string method = "")
    {
        var maxTest = test.GetType().GetMethod(method)?.GetCustomAttribute<PropertyAttribute>()?.MaxTest
            ?? throw new InvalidOperationException($"{test.GetType().Name}.{method} is not a property test");
        return Prop.ForAll(Arb.From(generator), (T value) =>
        {
            body(value);
            if (++cases == maxTest) atEnd();
        });
    }
}
