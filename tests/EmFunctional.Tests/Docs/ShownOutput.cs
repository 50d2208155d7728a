namespace EmFunctional.Tests.Docs;

/// <summary>
/// Compares what a command printed with the output a document shows under it. The document may leave
/// lines out: a line that is exactly <see cref="Elision"/> stands for one or more printed lines (never
/// for none, so a "..." that hides nothing is caught). Everything else must match line for line, after
/// both sides lose trailing white space on each line and blank lines at the start and end; indentation
/// counts, because it is part of what the tool prints.
/// </summary>
public static class ShownOutput
{
    /// <summary>The placeholder line for printed lines the document leaves out.</summary>
    public const string Elision = "...";

    /// <summary>The lines of <paramref name="text"/> as compared: '\r' dropped, trailing white space and outer blank lines removed.</summary>
    public static IReadOnlyList<string> Lines(string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(line => line.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>
    /// Null when <paramref name="printed"/> matches <paramref name="shown"/>; otherwise a description of the
    /// first shown line that no printed line matches, for a test failure.
    /// </summary>
    public static string? Mismatch(IReadOnlyList<string> shown, IReadOnlyList<string> printed)
    {
        // Longest prefix of the shown lines that some alignment matches: the place to report when none matches fully.
        var furthest = (Shown: 0, Printed: 0);
        var failed = new HashSet<(int, int)>();
        return Match(0, 0) ? null : Describe(furthest.Shown, furthest.Printed);

        bool Match(int s, int p)
        {
            if (s > furthest.Shown) furthest = (s, p);
            if (s == shown.Count) return p == printed.Count;
            if (failed.Contains((s, p))) return false;
            var matched = shown[s] == Elision
                // One or more printed lines: try every length, shortest first.
                ? Enumerable.Range(p + 1, Math.Max(0, printed.Count - p)).Any(next => Match(s + 1, next))
                : p < printed.Count && shown[s] == printed[p] && Match(s + 1, p + 1);
            if (!matched) failed.Add((s, p));
            return matched;
        }

        string Describe(int s, int p)
        {
            var expected = s < shown.Count ? shown[s] : "(end of the shown output)";
            var actual = p < printed.Count ? printed[p] : "(end of the printed output)";
            return $"shown line {s + 1} does not match printed line {p + 1}:\n  shown:   {expected}\n  printed: {actual}";
        }
    }
}
