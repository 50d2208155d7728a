using System.Text.RegularExpressions;

namespace EmFunctional.Tests.Docs;

/// <summary>A fenced block of a Markdown file with its lines exactly as written.</summary>
/// <param name="Line">1-based line of the opening fence.</param>
/// <param name="EndLine">1-based line of the closing fence.</param>
/// <param name="Language">The info string after the opening fence.</param>
/// <param name="Lines">The lines between the fences, unchanged.</param>
public sealed record RawCodeBlock(int Line, int EndLine, string Language, IReadOnlyList<string> Lines);

/// <summary>
/// docs/tutorial.md run once, top to bottom, as a reader would in a fresh clone (see
/// <see cref="TutorialShell"/>): every line of every <c>sh</c> block in order, in one shell, so later
/// commands use the files earlier ones wrote. It records what went wrong, what each block printed and
/// wrote, and keeps the files until the tests that look at them are done.
/// </summary>
public sealed partial class TutorialRun : IDisposable
{
    /// <summary>The tutorial, relative to the repository root.</summary>
    public const string Document = "docs/tutorial.md";

    private readonly TutorialShell _shell = new(ApiDocument.RepositoryRoot);

    /// <summary>Runs the tutorial.</summary>
    public TutorialRun()
    {
        Blocks = ReadBlocks(Document);
        var stopped = false;
        foreach (var block in Blocks.Where(block => block.Language == "sh"))
        {
            if (stopped) break;
            var steps = new List<ShellStep>();
            foreach (var line in block.Lines.Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')))
            {
                try
                {
                    steps.Add(_shell.Run(line));
                }
                catch (ShellException exception)
                {
                    Problems.Add($"{Document}, line {block.Line}: {exception.Message}");
                    // Later commands read what this one should have written: their failures would only repeat it.
                    stopped = true;
                    break;
                }
            }
            if (!stopped) Steps[block.Line] = steps;
        }
    }

    /// <summary>Every fenced block of the tutorial, in order.</summary>
    public IReadOnlyList<RawCodeBlock> Blocks { get; }

    /// <summary>What each <c>sh</c> block's commands did, by the line of its opening fence (blocks after a failure are missing).</summary>
    public Dictionary<int, List<ShellStep>> Steps { get; } = [];

    /// <summary>Commands that could not be run or failed, one message each naming the document's line.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>The lines of a Markdown file of the repository and its fenced blocks, lines unchanged.</summary>
    public static IReadOnlyList<RawCodeBlock> ReadBlocks(string relativePath)
    {
        var lines = File.ReadAllLines(ApiDocument.RepositoryFile(relativePath));
        var blocks = new List<RawCodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var opening = Fence().Match(lines[i]);
            if (!opening.Success) continue;
            var fence = opening.Groups["fence"].Value;
            var end = i + 1;
            while (end < lines.Length && lines[end].Trim() != fence) end++;
            if (end == lines.Length) throw new InvalidDataException($"{relativePath}, line {i + 1}: the code block is never closed");
            blocks.Add(new RawCodeBlock(i + 1, end + 1, opening.Groups["language"].Value.Trim(), lines[(i + 1)..end]));
            i = end;
        }
        return blocks;
    }

    /// <summary>Deletes the reader's working directory.</summary>
    public void Dispose() => _shell.Dispose();

    [GeneratedRegex(@"^\s*(?<fence>`{3,})(?<language>[^`]*)$")]
    private static partial Regex Fence();
}
