using System.Text.RegularExpressions;

namespace EmFunctional.Tests.Docs;

/// <summary>docs/tutorial.md, all of it, from the root of the clone: its first block sets up a working directory.</summary>
public sealed class TutorialRun() : DocumentRun(Markdown, null, [])
{
    /// <summary>The tutorial, relative to the repository root.</summary>
    public const string Markdown = "docs/tutorial.md";
}

/// <summary>
/// docs/tutorial.md: its commands (see <see cref="DocumentCommandTests{TRun}"/>), its pictures, each of which
/// must be the one the command above it draws, and its links, and those of the README and docs/api.md,
/// each of which must lead to a file and heading that exist.
/// </summary>
public sealed partial class TutorialTests(TutorialRun run) : DocumentCommandTests<TutorialRun>(run), IClassFixture<TutorialRun>
{
    private readonly TutorialRun _run = run;

    [Fact]
    public void Every_picture_shown_is_the_one_the_command_above_it_draws()
    {
        var lines = File.ReadAllLines(ApiDocument.RepositoryFile(TutorialRun.Markdown));
        var pictures = lines.Select((text, index) => (Line: index + 1, Match: Image().Match(text))).Where(found => found.Match.Success).ToList();
        Assert.NotEmpty(pictures);
        var problems = new List<string>();
        foreach (var (line, match) in pictures)
        {
            var image = match.Groups["path"].Value;
            if (!image.StartsWith("images/", StringComparison.Ordinal) || !image.EndsWith(".png", StringComparison.Ordinal))
            {
                problems.Add($"line {line}: {image}: the tutorial shows the PNG renderings in docs/images (GitHub and editors show them alike)");
                continue;
            }
            var png = ApiDocument.RepositoryFile("docs/" + image);
            var svg = Path.ChangeExtension(png, ".svg");
            if (!File.Exists(png) || !File.Exists(svg))
            {
                problems.Add($"line {line}: {image} and its SVG source must both be in docs/images");
                continue;
            }
            var command = _run.Blocks.LastOrDefault(block => block.Language == "sh" && block.Line < line);
            var steps = command is not null && _run.Steps.TryGetValue(command.Line, out var found) ? found : [];
            var drawn = steps.Count > 0
                ? steps.SelectMany(step => step.WrittenFiles).Where(file => file.Option == "--plot").Select(file => file.Path).ToList()
                : [];
            if (drawn.Count == 0)
                problems.Add($"line {line}: {image} is not under a command that draws it with --plot");
            else if (!drawn.Any(path => File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(svg))))
                problems.Add($"line {line}: {Path.GetFileName(svg)} is not what '{string.Join("; ", steps.Select(step => step.Line))}' draws now; run it again with --plot docs/images/{Path.GetFileName(svg)} and render the PNG (rsvg-convert -o {Path.GetFileName(png)} {Path.GetFileName(svg)})");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData(TutorialRun.Markdown)]
    [InlineData("README.md")]
    [InlineData("docs/api.md")]
    public void Every_relative_link_leads_to_a_file_and_heading_that_exist(string document)
    {
        var directory = Path.GetDirectoryName(document.Replace('/', Path.DirectorySeparatorChar)) ?? "";
        var problems = new List<string>();
        foreach (var (line, target) in Links(document))
        {
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)) continue;
            var hash = target.IndexOf('#');
            var file = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var path = file.Length == 0 ? ApiDocument.RepositoryFile(document) : Path.GetFullPath(Path.Combine(ApiDocument.RepositoryRoot, directory, file));
            if (!File.Exists(path) && !Directory.Exists(path))
                problems.Add($"{document}, line {line}: {target}: no such file");
            else if (anchor is not null && path.EndsWith(".md", StringComparison.Ordinal) && !HeadingAnchors(path).Contains(anchor))
                problems.Add($"{document}, line {line}: {target}: no heading with that anchor");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<(int Line, string Target)> Links(string document)
    {
        var lines = File.ReadAllLines(ApiDocument.RepositoryFile(document));
        var inCode = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (inCode) continue;
            foreach (Match link in Link().Matches(lines[i])) yield return (i + 1, link.Groups["target"].Value);
        }
    }

    /// <summary>The anchors GitHub gives the headings of a Markdown file: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> HeadingAnchors(string path)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in File.ReadLines(path))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) inCode = !inCode;
            if (inCode || !line.StartsWith('#')) continue;
            var title = line.TrimStart('#').Trim().ToLowerInvariant();
            var anchor = string.Concat(title.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-');
            // A repeated heading gets -1, -2, … appended.
            var unique = anchor;
            for (var n = 1; !anchors.Add(unique); n++) unique = $"{anchor}-{n}";
        }
        return anchors;
    }

    [GeneratedRegex(@"!\[[^\]]*\]\((?<path>[^)\s]+)\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();
}
