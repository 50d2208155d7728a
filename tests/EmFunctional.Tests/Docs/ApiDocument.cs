using System.Text.RegularExpressions;

namespace EmFunctional.Tests.Docs;

/// <summary>A fenced code block of a Markdown file.</summary>
/// <param name="File">The Markdown file's path relative to the repository.</param>
/// <param name="Line">1-based line of the opening fence.</param>
/// <param name="Language">The info string after the fence (<c>csharp</c>, <c>text</c>, <c>sh</c>, …).</param>
/// <param name="Text">The block's lines, normalized by <see cref="ApiDocument.Normalize"/>.</param>
/// <param name="Example">The name of the <c>&lt;!-- example: name --&gt;</c> comment on the line before the fence (blank lines allowed between); null when there is none.</param>
/// <param name="Output">For a csharp block, the text of a <c>text</c> block that follows it with only blank lines between: the output the example prints; null when none is shown.</param>
public sealed record MarkdownCodeBlock(string File, int Line, string Language, string Text, string? Example, string? Output);

/// <summary>
/// Reads what the documentation tests compare: the fenced code blocks of Markdown files and the
/// <c>#region</c>s of the example sources in tests/EmFunctional.Tests/Docs, found from the repository root
/// (the directory holding em-functional.sln, walking up from the test assembly's directory).
/// </summary>
public static partial class ApiDocument
{
    private static readonly Lazy<string> Root = new(LocateRoot);

    /// <summary>The absolute path of the repository root.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The absolute path of <paramref name="relativePath"/> (with '/' separators) inside the repository.</summary>
    public static string RepositoryFile(string relativePath) =>
        Path.Combine([RepositoryRoot, .. relativePath.Split('/')]);

    /// <summary>The directory of the example sources.</summary>
    public static string ExamplesDirectory => RepositoryFile("tests/EmFunctional.Tests/Docs");

    /// <summary>
    /// Strips the indentation every non-blank line shares, trailing white space and leading and trailing
    /// blank lines, and joins the lines with '\n': a region indented inside a method and the same code
    /// flush left in a Markdown block compare equal.
    /// </summary>
    public static string Normalize(IEnumerable<string> lines)
    {
        var trimmed = lines.Select(line => line.TrimEnd()).ToList();
        while (trimmed.Count > 0 && trimmed[0].Length == 0) trimmed.RemoveAt(0);
        while (trimmed.Count > 0 && trimmed[^1].Length == 0) trimmed.RemoveAt(trimmed.Count - 1);
        var indent = trimmed.Where(line => line.Length > 0).Select(line => line.Length - line.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', trimmed.Select(line => line.Length == 0 ? line : line[indent..]));
    }

    /// <summary>Every fenced block of the Markdown file at <paramref name="relativePath"/>, in order.</summary>
    public static IReadOnlyList<MarkdownCodeBlock> CodeBlocks(string relativePath)
    {
        var lines = File.ReadAllLines(RepositoryFile(relativePath));
        var raw = new List<(int Line, string Language, string Text, int End)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var opening = Fence().Match(lines[i]);
            if (!opening.Success) continue;
            var fence = opening.Groups["fence"].Value;
            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != fence) end++;
            if (end == lines.Length) throw new InvalidDataException($"{relativePath}, line {i + 1}: the code block is never closed");
            raw.Add((i + 1, opening.Groups["language"].Value.Trim(), Normalize(lines[(i + 1)..end]), end));
            i = end;
        }

        var blocks = new List<MarkdownCodeBlock>();
        for (var b = 0; b < raw.Count; b++)
        {
            var (line, language, text, end) = raw[b];
            string? example = null;
            var before = line - 2;
            while (before >= 0 && lines[before].Trim().Length == 0) before--;
            if (before >= 0 && ExampleComment().Match(lines[before].Trim()) is { Success: true } comment) example = comment.Groups["name"].Value;

            string? output = null;
            if (language == "csharp" && b + 1 < raw.Count && raw[b + 1].Language == "text"
                && lines[(end + 1)..(raw[b + 1].Line - 1)].All(between => between.Trim().Length == 0))
                output = raw[b + 1].Text;
            blocks.Add(new MarkdownCodeBlock(relativePath, line, language, text, example, output));
        }
        return blocks;
    }

    /// <summary>Every <c>#region name</c> … <c>#endregion</c> of the example sources, by name, normalized.</summary>
    public static IReadOnlyDictionary<string, string> ExampleRegions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(ExamplesDirectory, "*.cs").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                var start = RegionStart().Match(lines[i]);
                if (!start.Success) continue;
                var name = start.Groups["name"].Value;
                var end = i + 1;
                while (end < lines.Length && lines[end].Trim() != "#endregion") end++;
                if (end == lines.Length) throw new InvalidDataException($"{Path.GetFileName(path)}, line {i + 1}: #region {name} has no #endregion");
                if (!regions.TryAdd(name, Normalize(lines[(i + 1)..end])))
                    throw new InvalidDataException($"{Path.GetFileName(path)}, line {i + 1}: a second #region {name}");
                i = end;
            }
        }
        return regions;
    }

    /// <summary>
    /// True when <paramref name="region"/> holds only using directives, or declares types (its first line
    /// that is not a comment or attribute starts a class, record, struct or interface).
    /// </summary>
    public static bool IsDeclarations(string region)
    {
        var lines = region.Split('\n').Where(line => line.Trim().Length > 0).ToList();
        if (lines.All(line => line.StartsWith("using ", StringComparison.Ordinal))) return true;
        var first = lines.FirstOrDefault(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal) && !line.TrimStart().StartsWith('['));
        return first is not null && TypeDeclaration().IsMatch(first);
    }

    /// <summary>The method that runs example <paramref name="name"/>: "fit-gaussian" → FitGaussian.</summary>
    public static string MethodName(string name) =>
        string.Concat(name.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));

    private static string LocateRoot()
    {
        var start = AppContext.BaseDirectory;
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "em-functional.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException($"no directory holding em-functional.sln found in {start} or any of its parents");
    }

    [GeneratedRegex(@"^\s*(?<fence>`{3,})(?<language>[^`]*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^<!--\s*example:\s*(?<name>[a-z0-9-]+)\s*-->$")]
    private static partial Regex ExampleComment();

    [GeneratedRegex(@"^\s*((public|internal|private|sealed|static|abstract|partial|readonly)\s+)*(class|record|struct|interface)\b")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*#region\s+(?<name>[a-z0-9-]+)\s*$")]
    private static partial Regex RegionStart();
}
