using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace EmFunctional.Tests.Docs;

/// <summary>
/// Keeps the shell commands of a document from rotting. Every <c>sh</c> block is run as a reader would run it
/// (in-process, in a temporary working directory, see <see cref="TutorialShell"/>); every command must
/// succeed; every file it names with <c>--output</c>, <c>-o</c> or <c>--plot</c> must exist and parse (SVG as
/// XML, JSON, CSV, and a saved model must load); and the <c>text</c> block right under a command block must
/// be what its commands printed (a line "..." stands for lines left out, see <see cref="ShownOutput"/>).
/// </summary>
public abstract class DocumentCommandTests<TRun>(TRun run) where TRun : DocumentRun
{
    [Fact]
    public void Every_block_is_a_command_block_or_the_output_under_one()
    {
        var problems = new List<string>();
        for (var b = 0; b < run.Blocks.Count; b++)
        {
            var block = run.Blocks[b];
            if (block.Language == "sh") continue;
            if (block.Language != "text")
                problems.Add($"line {block.Line}: a '{block.Language}' block; the document shows commands in sh blocks and their output in text blocks, so the test can run them");
            else if (OutputOf(b) is null)
                problems.Add($"line {block.Line}: a text block that is not right under an sh block (only blank lines may come between)");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(run.Blocks, block => block.Language == "sh");
    }

    [Fact]
    public void Every_command_runs()
    {
        Assert.True(run.Problems.Count == 0, string.Join("\n", run.Problems));
        Assert.Equal(run.Blocks.Count(block => block.Language == "sh"), run.Steps.Count);
    }

    [Fact]
    public void Every_command_prints_what_the_document_shows_under_it()
    {
        var problems = new List<string>();
        for (var b = 0; b < run.Blocks.Count; b++)
        {
            var block = run.Blocks[b];
            if (block.Language != "sh" || !run.Steps.TryGetValue(block.Line, out var steps)) continue;
            if (b + 1 >= run.Blocks.Count || OutputOf(b + 1) != b) continue;
            var shown = ShownOutput.Lines(string.Join('\n', run.Blocks[b + 1].Lines));
            var printed = ShownOutput.Lines(string.Concat(steps.Select(step => step.Stdout)));
            if (ShownOutput.Mismatch(shown, printed) is { } mismatch)
                problems.Add($"{run.Document}, line {run.Blocks[b + 1].Line}: the output shown under '{string.Join("; ", steps.Select(step => step.Line))}' is not what it prints; {mismatch}\n--- printed:\n{string.Join('\n', printed)}");
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
        Assert.True(run.Blocks.Any(block => block.Language == "text"), "the document shows no output at all");
    }

    [Fact]
    public void Every_file_a_command_writes_exists_and_parses()
    {
        var written = run.Steps.Values.SelectMany(steps => steps).SelectMany(step => step.WrittenFiles.Select(file => (step.Line, file))).ToList();
        Assert.NotEmpty(written);
        foreach (var (line, file) in written)
        {
            Assert.True(File.Exists(file.Path), $"'{line}' says it writes {Path.GetFileName(file.Path)}, but there is no such file");
            switch (Path.GetExtension(file.Path).ToLowerInvariant())
            {
                case ".svg":
                    var svg = XDocument.Load(file.Path);
                    Assert.Equal("svg", svg.Root!.Name.LocalName);
                    Assert.NotEmpty(svg.Root.Descendants());
                    break;
                case ".json":
                    using (var json = JsonDocument.Parse(File.ReadAllBytes(file.Path)))
                        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
                    if (file.Command == "fit")
                        Assert.True(FittedModel.Load(file.Path).Model.Components >= 1);
                    break;
                case ".csv" or ".tsv":
                    AssertNumericCsv(line, file.Path);
                    break;
                default:
                    Assert.Fail($"'{line}' writes {file.Path}, a kind of file the test cannot check");
                    break;
            }
        }
    }

    /// <summary>The index of the sh block whose output block <paramref name="textBlock"/> is, or null.</summary>
    private int? OutputOf(int textBlock)
    {
        if (textBlock == 0 || run.Blocks[textBlock].Language != "text") return null;
        var previous = run.Blocks[textBlock - 1];
        if (previous.Language != "sh") return null;
        var lines = File.ReadAllLines(ApiDocument.RepositoryFile(run.Document));
        var between = lines[previous.EndLine..(run.Blocks[textBlock].Line - 1)];
        return between.All(text => text.Trim().Length == 0) ? textBlock - 1 : null;
    }

    private static void AssertNumericCsv(string line, string path)
    {
        var rows = File.ReadAllLines(path);
        Assert.True(rows.Length >= 2, $"'{line}' wrote {Path.GetFileName(path)} without data rows");
        var width = rows[0].Split(',').Length;
        Assert.True(rows[0].Split(',').All(name => name.Length > 0 && !double.TryParse(name, CultureInfo.InvariantCulture, out _)),
            $"{Path.GetFileName(path)}: the header '{rows[0]}' is not a row of names");
        foreach (var (row, index) in rows.Skip(1).Select((row, index) => (row, index + 2)))
        {
            var fields = row.Split(',');
            Assert.True(fields.Length == width, $"{Path.GetFileName(path)}, line {index}: {fields.Length} fields, the header has {width}");
            Assert.True(fields.All(field => double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)),
                $"{Path.GetFileName(path)}, line {index}: '{row}' is not a row of finite numbers");
        }
    }
}
