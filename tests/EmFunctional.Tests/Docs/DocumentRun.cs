using System.Text.RegularExpressions;

namespace EmFunctional.Tests.Docs;

/// <summary>A fenced block of a Markdown file with its lines exactly as written.</summary>
/// <param name="Line">1-based line of the opening fence.</param>
/// <param name="EndLine">1-based line of the closing fence.</param>
/// <param name="Language">The info string after the opening fence.</param>
/// <param name="Lines">The lines between the fences, unchanged.</param>
public sealed record RawCodeBlock(int Line, int EndLine, string Language, IReadOnlyList<string> Lines);

/// <summary>
/// The shell commands of a Markdown document run once, top to bottom, as a reader would in a fresh clone
/// (see <see cref="TutorialShell"/>): every line of every <c>sh</c> block of the document (or of one of its
/// sections) in order, in one shell, so later commands use the files earlier ones wrote. It records what went
/// wrong, what each block printed and wrote, and keeps the files until the tests that look at them are done.
/// </summary>
public abstract partial class DocumentRun : IDisposable
{
    private readonly TutorialShell _shell = new(ApiDocument.RepositoryRoot);

    /// <summary>Runs the document's commands.</summary>
    /// <param name="document">The document, relative to the repository root.</param>
    /// <param name="section">The heading (a whole line, e.g. "## The `em` tool") of the one section whose blocks are run, up to the next heading of its level; null for the whole document.</param>
    /// <param name="preamble">Shell lines run first: the set-up the document's prose describes but does not show as commands.</param>
    protected DocumentRun(string document, string? section, IReadOnlyList<string> preamble)
    {
        Document = document;
        var all = ReadBlocks(document);
        var lines = File.ReadAllLines(ApiDocument.RepositoryFile(document));
        var (first, last) = (0, lines.Length + 1);
        if (section is not null)
        {
            first = Array.IndexOf(lines, section) + 1;
            if (first == 0) throw new InvalidDataException($"{document} has no heading '{section}'");
            var level = section.TakeWhile(c => c == '#').Count();
            // The next heading of the same or a higher level, outside code blocks (where '#' starts a comment).
            var next = Enumerable.Range(first, lines.Length - first).FirstOrDefault(
                index => lines[index].StartsWith('#') && lines[index].TakeWhile(c => c == '#').Count() <= level
                    && !all.Any(block => block.Line <= index + 1 && index + 1 <= block.EndLine),
                -1);
            last = next < 0 ? lines.Length + 1 : next + 1;
        }
        Blocks = [.. all.Where(block => block.Line > first && block.Line < last)];
        foreach (var line in preamble) _shell.Run(line);

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

    /// <summary>The document, relative to the repository root.</summary>
    public string Document { get; }

    /// <summary>The fenced blocks that were run and checked (of the section, or the whole document), in order.</summary>
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
