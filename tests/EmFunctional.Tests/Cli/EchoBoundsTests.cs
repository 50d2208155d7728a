using System.Text;
using System.Text.Json.Nodes;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// Messages for people (issue 12, item 5): what an error line echoes of the user's input (a cell, a header
/// name, an option value, a model file's string, a path) is cut to 60 characters with "…", and no control
/// character reaches the terminal, however it got into the message.
/// </summary>
public sealed class EchoBoundsTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    // ---- EchoText itself ----

    [Fact]
    public void Short_plain_text_is_shown_as_it_is()
    {
        Assert.Equal("waiting", EchoText.Of("waiting"));
        Assert.Equal("", EchoText.Of(""));
        Assert.Equal("", EchoText.Of(null));
        Assert.Equal("été 😀 ∑", EchoText.Of("été 😀 ∑"));
    }

    [Fact]
    public void Text_of_exactly_60_characters_is_not_cut_and_one_more_is()
    {
        Assert.Equal(new string('a', 60), EchoText.Of(new string('a', 60)));
        Assert.Equal(new string('a', 60) + "…", EchoText.Of(new string('a', 61)));
        Assert.Equal(new string('a', 60) + "…", EchoText.Of(new string('a', 10_000_000)));
    }

    [Theory]
    [InlineData("a\0b", @"a\0b")]
    [InlineData("a\tb\rc\nd", @"a\tb\rc\nd")]
    [InlineData("\u001B[2J", @"\x1B[2J")]
    [InlineData("\u0007\u0001\u001F", @"\x07\x01\x1F")]
    [InlineData("del\u007F", @"del\x7F")]
    [InlineData("c1\u0085\u009B", @"c1\x85\x9B")]
    [InlineData("line\u2028para\u2029", @"line\u{2028}para\u{2029}")]
    [InlineData("abc\u202Efed\u2066x\u2069\u200F", @"abc\u{202E}fed\u{2066}x\u{2069}\u{200F}")]
    [InlineData("bom\uFEFF", @"bom\u{FEFF}")]
    public void Control_characters_are_escaped(string text, string shown) => Assert.Equal(shown, EchoText.Of(text));

    [Fact]
    public void A_lone_surrogate_is_escaped()
    {
        // Not in InlineData: test discovery would turn a lone surrogate into U+FFFD.
        Assert.Equal(@"lone\u{D800}high", EchoText.Of("lone\uD800high"));
        Assert.Equal(@"lone\u{DC00}low", EchoText.Of("lone\uDC00low"));
        Assert.Equal(@"end\u{D83D}", EchoText.Of("end\uD83D"));
        Assert.Equal(@"\u{DE00}\u{D83D}", EchoText.Of("\uDE00\uD83D"));
    }

    [Fact]
    public void A_backslash_is_kept_so_escaping_twice_changes_nothing()
    {
        Assert.Equal(@"C:\data\x.csv", EchoText.Of(@"C:\data\x.csv"));
        var once = EchoText.Of("a\0b\u001B\u2028\uD800");
        Assert.Equal(once, EchoText.Of(once));
        Assert.Equal(once, EchoText.Of(once, CliApp.MaxMessageLength));
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair_or_an_escape()
    {
        // 😀 is one character (two UTF-16 units).
        Assert.Equal(new string('a', 59) + "😀…", EchoText.Of(new string('a', 59) + "😀b"));
        Assert.Equal(new string('a', 60) + "…", EchoText.Of(new string('a', 60) + "😀"));
        var emoji = string.Concat(Enumerable.Repeat("😀", 61));
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 60)) + "…", EchoText.Of(emoji));
        // An escape counts as the characters it is written with and is not cut in two.
        Assert.Equal(new string('a', 59) + "…", EchoText.Of(new string('a', 59) + "\0"));
        Assert.Equal(new string('a', 58) + @"\0", EchoText.Of(new string('a', 58) + "\0"));
        Assert.Equal(new string('a', 57) + "…", EchoText.Of(new string('a', 57) + "\u001B"));
        Assert.Equal(string.Concat(Enumerable.Repeat(@"\0", 30)) + "…", EchoText.Of(new string('\0', 31)));
    }

    [Fact]
    public void Paths_are_cut_only_past_200_characters()
    {
        var path = "/" + new string('d', 199);
        Assert.Equal(path, EchoText.Path(path));
        Assert.Equal(path + "…", EchoText.Path(path + "x"));
        Assert.Equal(@"/tmp/a\x1Bb.csv", EchoText.Path("/tmp/a\u001Bb.csv"));
    }

    [Fact]
    public void A_list_shows_20_names_each_bounded()
    {
        Assert.Equal("a, \"\", b\\0", EchoText.List(["a", "", "b\0"]));
        var names = Enumerable.Range(1, 21).Select(i => i == 1 ? new string('n', 100) : $"c{i}").ToArray();
        var list = EchoText.List(names);
        Assert.StartsWith(new string('n', 60) + "…, c2, ", list);
        Assert.EndsWith("c20, … (21 in all)", list);
    }

    // ---- what em prints ----

    [Fact]
    public void A_10_MB_cell_that_is_not_a_number_is_echoed_in_its_first_60_characters()
    {
        var cell = "x" + string.Concat(Enumerable.Range(0, 1_000_000).Select(i => (char)('a' + i % 26))).PadRight(10_000_000, 'z');
        var path = _files.Write("huge.csv", $"a,b\n1,2\n3,{cell}\n");

        var line = CliRun.Of("fit", path).SingleErrorLine();

        Assert.True(line.Length < 300, $"{line.Length} characters: {line[..Math.Min(line.Length, 400)]}");
        Assert.Equal($"em: {path}, line 3, column 2 (b): \"{cell[..60]}…\" is not a number", line);
        AssertBothReadersSay(path, line);
    }

    public static TheoryData<string, string> ControlCells => new()
    {
        { "1\u00002", @"1\02" },
        { "1\u001B[31m2", @"1\x1B[31m2" },
        { "1\t2", @"1\t2" },
        { "\"1\r2\"", @"1\r2" },
        { "\"1\n2\"", @"1\n2" },
        { "1\u007F\u0085\u20282", @"1\x7F\x85\u{2028}2" },
    };

    [Theory]
    [MemberData(nameof(ControlCells))]
    public void A_control_character_in_a_cell_is_escaped(string cell, string shown)
    {
        var path = _files.Write("cell.csv", $"a,b\n1,2\n3,{cell}\n");

        var run = CliRun.Of("fit", path);
        var line = run.SingleErrorLine();

        AssertNoControlCharacter(run.Stderr);
        Assert.Contains($"column 2 (b): \"{shown}\" is not a number", line);
        AssertBothReadersSay(path, line);
    }

    [Theory]
    [InlineData("a\u0000b", @"a\0b")]
    [InlineData("a\u001B[2Jb", @"a\x1B[2Jb")]
    [InlineData("\"a\r\nb\"", @"a\r\nb")]
    [InlineData("a\tb", @"a\tb")]
    public void A_control_character_in_a_header_name_is_escaped(string name, string shown)
    {
        var path = _files.Write("header.csv", $"x,{name}\n1,2\n3,four\n");

        var run = CliRun.Of("fit", path);
        var line = run.SingleErrorLine();

        AssertNoControlCharacter(run.Stderr);
        Assert.Contains($"column 2 ({shown}): \"four\" is not a number", line);
        AssertBothReadersSay(path, line);
    }

    [Fact]
    public void A_long_header_name_is_cut_in_messages()
    {
        var name = new string('h', 5000);
        var path = _files.Write("long-header.csv", $"x,{name}\n1,2\n3,four\n");

        var line = CliRun.Of("fit", path).SingleErrorLine();

        Assert.Contains($"column 2 ({new string('h', 60)}…): \"four\" is not a number", line);
        Assert.True(line.Length < 300, line);
        AssertBothReadersSay(path, line);
    }

    [Fact]
    public void A_control_character_in_an_option_value_is_escaped()
    {
        var path = _files.Write("data.csv", "a,b\n1,2\n2,1\n8,9\n9,8\n");

        var covariance = CliRun.Of("fit", path, "--covariance", "fu\0ll");
        Assert.StartsWith(@"em: --covariance: ""fu\0ll"" is not one of", covariance.SingleErrorLine());
        AssertNoControlCharacter(covariance.Stderr);

        var columns = CliRun.Of("fit", path, "--columns", "a,b\u001B[2J");
        Assert.StartsWith($@"em: {path}: --columns: no column is named ""b\x1B[2J""; the columns are a, b", columns.SingleErrorLine());
        AssertNoControlCharacter(columns.Stderr);

        var delimiter = CliRun.Of("fit", path, "--delimiter", "\u0001");
        Assert.StartsWith(@"em: --delimiter: '\x01' is a control character", delimiter.SingleErrorLine());
        AssertNoControlCharacter(delimiter.Stderr);

        var seed = CliRun.Of("fit", path, "--seed", "1\n2");
        Assert.StartsWith(@"em: --seed: ""1\n2"" is not a whole number", seed.SingleErrorLine());
        AssertNoControlCharacter(seed.Stderr);
    }

    [Fact]
    public void A_long_option_value_is_cut()
    {
        var path = _files.Write("data.csv", "a,b\n1,2\n2,1\n8,9\n9,8\n");
        var value = new string('9', 3000) + "x";

        var line = CliRun.Of("fit", path, "--max-iterations", value).SingleErrorLine();

        Assert.StartsWith($"em: --max-iterations: \"{new string('9', 60)}…\" is not a whole number", line);
        Assert.True(line.Length < 200, line);
    }

    [Fact]
    public void A_control_character_in_a_model_file_string_is_escaped()
    {
        var data = _files.Write("data.csv", "a,b\n1,2\n2,1\n8,9\n9,8\n");
        var fitted = _files.Missing("fitted.json");
        Assert.Equal(ExitCodes.Success, CliRun.Of("fit", data, "--output", fitted).ExitCode);

        var covariance = Model("covariance.json", fitted, root => root["covariance"] = "fu\0ll\u001B");
        var run = CliRun.Of("predict", covariance, data);
        Assert.Equal($@"em: {covariance}: $.covariance: unknown value ""fu\0ll\x1B""; expected full, diagonal, spherical, tied, eii, eei, vei, evi, vee, eve, vve, eev, vev or evv", run.SingleErrorLine());
        AssertNoControlCharacter(run.Stderr);

        var schema = Model("schema.json", fitted, root => root["schema"] = new string('s', 5000) + "\u0007");
        Assert.Contains($"the schema is \"{new string('s', 60)}…\", not", CliRun.Of("predict", schema, data).SingleErrorLine());

        var field = Model("field.json", fitted, root => root["extra\u001B[2J"] = 1);
        var fieldRun = CliRun.Of("predict", field, data);
        Assert.StartsWith($@"em: {field}: $['extra\x1B[2J']: unknown field", fieldRun.SingleErrorLine());
        AssertNoControlCharacter(fieldRun.Stderr);
    }

    [Fact]
    public void A_control_character_in_a_path_is_escaped()
    {
        var missing = _files.Missing("no\u001B[2Jsuch\u0007.csv");

        var run = CliRun.Of("fit", missing);

        Assert.Equal($"em: {missing.Replace("\u001B", @"\x1B").Replace("\u0007", @"\x07")}: no such file", run.SingleErrorLine());
        AssertNoControlCharacter(run.Stderr);
    }

    [Fact]
    public void A_path_is_cut_only_past_200_characters()
    {
        var missing = _files.Missing(new string('p', 250) + ".csv");
        Assert.True(missing.Length > 200);

        Assert.Equal($"em: {missing[..200]}…: no such file", CliRun.Of("fit", missing).SingleErrorLine());

        var data = _files.Write("data.csv", "a,b\n1,2\n2,1\n8,9\n9,8\n");
        var output = Path.Combine(_files.DirectoryPath, "no\u001Bdir", new string('o', 250) + ".json");
        var line = CliRun.Of("fit", data, "--output", output).SingleErrorLine();
        Assert.StartsWith($"em: --output {output.Replace("\u001B", @"\x1B")[..200]}…: the directory ", line);
        Assert.EndsWith(@"no\x1Bdir does not exist", line);
    }

    [Fact]
    public void What_System_CommandLine_echoes_is_escaped_and_bounded_by_the_safety_net()
    {
        var path = _files.Write("data.csv", "a,b\n1,2\n2,1\n8,9\n9,8\n");

        var bell = CliRun.Of("fit", path, "more\u0007\u0000");
        Assert.Contains(@"more\x07\0", bell.SingleErrorLine());
        AssertNoControlCharacter(bell.Stderr);

        var huge = CliRun.Of("fit", path, new string('w', 50_000));
        var line = huge.SingleErrorLine();
        Assert.True(line.Length <= "em: ".Length + CliApp.MaxMessageLength + 1, $"{line.Length} characters");
        Assert.EndsWith("…", line);
    }

    /// <summary>A copy of the model file <paramref name="fitted"/> changed by <paramref name="change"/>.</summary>
    private string Model(string name, string fitted, Action<JsonObject> change)
    {
        var root = JsonNode.Parse(File.ReadAllText(fitted))!.AsObject();
        change(root);
        return _files.Write(name, root.ToJsonString());
    }

    /// <summary>The CSV fast path and CsvHelper alone give the message of <paramref name="line"/>, word for word.</summary>
    private static void AssertBothReadersSay(string path, string line)
    {
        var fast = Assert.IsType<UserInputException>(Record.Exception(() => CsvDataLoader.LoadFile(path, fastReader: true)));
        var reference = Assert.IsType<UserInputException>(Record.Exception(() => CsvDataLoader.LoadFile(path, fastReader: false)));
        Assert.Equal(reference.Message, fast.Message);
        Assert.Equal(line, $"em: {fast.Message}");
    }

    private static void AssertNoControlCharacter(string stderr)
    {
        var text = stderr.TrimEnd('\n');
        var bad = text.Select((c, i) => (c, i)).FirstOrDefault(p => p.c < ' ' || p.c is '\u007F' or (>= '\u0080' and <= '\u009F') or '\u2028' or '\u2029');
        Assert.True(bad == default, $"U+{(int)bad.c:X4} at {bad.i} in: {new StringBuilder(text).Replace("\u001B", "<ESC>").Replace("\0", "<NUL>")}");
    }
}
