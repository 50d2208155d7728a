using System.Text;
using System.Text.Json.Nodes;
using static EmFunctional.Tests.Reliability.AttackOutcome;

namespace EmFunctional.Tests.Reliability;

/// <summary>
/// The hostile cases of <see cref="AttackSuiteTests"/>: the rows of issue 12 item 8 first, then malformed
/// CSV, options out of range, hostile model files, outputs in impossible places, and the other commands.
/// Every case starts from data.csv (the standard table) and model.json (a model fitted on it) in a fresh
/// directory of its own; <c>{d}</c> in an argument is that directory.
/// </summary>
public static class AttackCorpus
{
    private const string D = "{d}/data.csv";
    private const string M = "{d}/model.json";

    private static void Standard(AttackDirectory d)
    {
        d.Data();
        d.Model();
    }

    private static AttackCase Case(string name, AttackOutcome outcome, params string[] args) => new(name, outcome, args) { Setup = Standard };

    private static AttackCase Ok(string name, params string[] args) => Case(name, Success, args);

    private static AttackCase Bad(string name, params string[] args) => Case(name, Refused, args);

    private static AttackCase Either(string name, params string[] args) => Case(name, SuccessOrRefused, args);

    /// <summary><c>em fit {d}/x.csv</c> (plus <paramref name="args"/>) on a CSV file of <paramref name="content"/>.</summary>
    private static AttackCase Csv(string name, AttackOutcome outcome, string content, params string[] args) =>
        CsvBytes(name, outcome, new UTF8Encoding(false).GetBytes(content), args);

    private static AttackCase CsvBytes(string name, AttackOutcome outcome, byte[] content, params string[] args) =>
        new(name, outcome, ["fit", "{d}/x.csv", .. args]) { Setup = d => { Standard(d); d.WriteBytes("x.csv", content); } };

    /// <summary><c>em sample {d}/bad.json -n 5</c> on the standard model changed by <paramref name="edit"/>.</summary>
    private static AttackCase ModelEdit(string name, AttackOutcome outcome, Action<JsonObject> edit, params string[] words) =>
        ModelText(name, outcome, () =>
        {
            var model = JsonNode.Parse(AttackFiles.ModelText)!.AsObject();
            edit(model);
            return model.ToJsonString();
        }, words);

    private static AttackCase ModelText(string name, AttackOutcome outcome, Func<string> text, params string[] words) =>
        ModelBytes(name, outcome, () => new UTF8Encoding(false).GetBytes(text()), words);

    private static AttackCase ModelBytes(string name, AttackOutcome outcome, Func<byte[]> bytes, params string[] words) =>
        new(name, outcome, ["sample", "{d}/bad.json", "-n", "5"]) { Setup = d => { Standard(d); d.WriteBytes("bad.json", bytes()); }, MessageContains = words };

    private static JsonObject Gaussian(JsonObject model, int component) => model["groups"]![0]!["parameters"]![component]!.AsObject();

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string Numbers(int rows, Func<int, string> row) => "a,b\n" + string.Concat(Enumerable.Range(0, rows).Select(i => row(i) + "\n"));

    public static IReadOnlyList<AttackCase> All { get; } = Build();

    public static AttackCase Named(string name) => All.Single(c => c.Name == name);

    private static List<AttackCase> Build()
    {
        var cases = new List<AttackCase>();
        cases.AddRange(IssueTable());
        cases.AddRange(MalformedCsv());
        cases.AddRange(FitOptions());
        cases.AddRange(CsvOptions());
        cases.AddRange(ModelFiles());
        cases.AddRange(Outputs());
        cases.AddRange(SampleAndPredict());
        cases.AddRange(SelectAndTrace());
        cases.AddRange(CommandLine());
        cases.AddRange(Processes());
        cases.AddRange(Numerics());
        cases.AddRange(MoreModelsAndPaths());
        cases.AddRange(PicturesAndStreams());
        return cases;
    }

    /// <summary>The table of issue 12 item 8, row by row.</summary>
    private static IEnumerable<AttackCase> IssueTable()
    {
        yield return Bad("issue: fit --output over the data", "fit", D, "--output", D) with { MessageContains = ["--output"] };
        yield return Bad("issue: fit --plot over the data", "fit", D, "--plot", D) with { MessageContains = ["--plot"] };
        yield return Bad("issue: sample -o over the model", "sample", M, "-n", "5", "-o", M);
        yield return Bad("issue: predict -o over the data", "predict", M, D, "-o", D);
        yield return Bad("issue: fit --output and --plot on one file", "fit", D, "--output", "{d}/m.json", "--plot", "{d}/m.json");
        yield return Bad("issue: fit --output on a symbolic link to the data", "fit", D, "--output", "{d}/link.csv") with
        {
            Setup = d => { Standard(d); File.CreateSymbolicLink(d["link.csv"], d["data.csv"]); },
        };
        yield return Bad("issue: fit --output on a hard link to the data", "fit", D, "--output", "{d}/hard.csv") with
        {
            Setup = d => { Standard(d); HardLink(d["data.csv"], d["hard.csv"]); },
        };
        yield return Bad("issue: predict -o on a symbolic link to the model", "predict", M, D, "-o", "{d}/link.json") with
        {
            Setup = d => { Standard(d); File.CreateSymbolicLink(d["link.json"], d["model.json"]); },
        };
        yield return Bad("issue: fit --output old.json --plot onto a directory leaves old.json", "fit", D, "--output", "{d}/old.json", "--plot", "{d}/p.svg") with
        {
            Setup = d => { Standard(d); d.Write("old.json", "{\"old\": true}\n"); Directory.CreateDirectory(d["p.svg"]); },
        };
        yield return Bad("issue: fit --output old.json --plot into a missing directory leaves old.json", "fit", D, "--output", "{d}/old.json", "--plot", "{d}/none/p.svg") with
        {
            Setup = d => { Standard(d); d.Write("old.json", "{\"old\": true}\n"); },
        };
        yield return Either("issue: fit 3 rows x 100000 columns -k 1 --covariance diag", "fit", "{d}/wide.csv", "-k", "1", "--covariance", "diag", "--format", "json") with
        {
            Setup = d => { Standard(d); d.Write("wide.csv", AttackFiles.Table([.. Enumerable.Range(0, 100_000).Select(j => $"c{j}")], 3, (i, j) => (i * 31 + j * 7) % 11 * 0.1)); },
        };
        yield return Bad("issue: sample -n 2147483647", "sample", M, "-n", "2147483647", "-o", "{d}/s.csv") with { MessageContains = ["-n"] };
        yield return Bad("issue: fit --output ''", "fit", D, "--output", "") with { MessageContains = ["--output"] };
        yield return Bad("issue: select --components 1..100000000", "select", D, "--components", "1..100000000") with { MessageContains = ["--components"] };
        yield return Bad("issue: fit --max-seconds 1e-9", "fit", D, "--max-seconds", "1e-9") with { MessageContains = ["--max-seconds"] };
        yield return Csv("issue: fit -k 2 on 100 distinct rows near 1e-310", Success, "a,b\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{(i + 1) * 1e-312:R},{(i + 1) * 2e-312:R}\n")), "-k", "2", "--format", "json") with
        {
            NeverSays = ["1 distinct row"],
        };
        yield return Csv("issue: a 10 MB cell that is not a number", Refused, "a,b\n1,2\n" + Repeat("x", 10_000_000) + ",3\n4,5\n");
        yield return Csv("issue: a 10 MB cell of digits", Refused, "a,b\n1,2\n" + Repeat("9", 10_000_000) + ",3\n4,5\n");
        yield return Csv("issue: a NUL byte in a cell", Refused, "a,b\n1,2\n3\u00004,5\n6,7\n");
        yield return Ok("issue: predict passes an ID column through", "predict", M, "{d}/t.csv") with
        {
            Setup = d =>
            {
                Standard(d);
                var rows = AttackFiles.DataCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                d.Write("t.csv", "id,a,b,note\n" + string.Concat(rows.Skip(1).Select((row, i) => $"row-{i},{row},free text {i}\n")));
            },
            StdoutContains = ["id,", "row-17", "free text 17"],
        };
        yield return ModelText("issue: a model file with weights twice", Refused, () => AttackFiles.ModelText.Replace("\"weights\": [", "\"weights\": [0.5, 0.5],\n  \"weights\": ["), "$.weights", "twice", "bad.json");
    }

    private static IEnumerable<AttackCase> MalformedCsv()
    {
        yield return Csv("csv: ragged row (too few fields)", Refused, "a,b\n1,2\n3\n4,5\n", "-k", "1");
        yield return Csv("csv: ragged row (too many fields)", Refused, "a,b\n1,2\n3,4,5\n4,5\n", "-k", "1");
        yield return Csv("csv: unterminated quote", Refused, "a,b\n1,2\n\"3,4\n5,6\n", "-k", "1");
        yield return Csv("csv: stray quote inside a cell", Refused, "a,b\n1,2\n3\"x,4\n5,6\n", "-k", "1");
        yield return Csv("csv: quoted numbers with spaces", Success, "a,b\n\" 1 \",2\n3,\"4\"\n5,6\n", "-k", "1");
        yield return CsvBytes("csv: UTF-8 byte order mark", Success, [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes(AttackFiles.DataCsv)]);
        yield return CsvBytes("csv: UTF-16 LE byte order mark", SuccessOrRefused, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(AttackFiles.DataCsv)]);
        yield return CsvBytes("csv: UTF-16 text without byte order mark", Refused, Encoding.Unicode.GetBytes(AttackFiles.DataCsv));
        yield return Csv("csv: CRLF line ends", Success, AttackFiles.DataCsv.Replace("\n", "\r\n"));
        yield return Csv("csv: CR line ends", Success, AttackFiles.DataCsv.Replace("\n", "\r"));
        yield return Csv("csv: no final line end", Success, AttackFiles.DataCsv.TrimEnd('\n'));
        yield return Csv("csv: only a header", Refused, "a,b\n");
        yield return Csv("csv: empty file", Refused, "");
        yield return Csv("csv: only blank lines", Refused, "\n\n\r\n\n");
        yield return Csv("csv: only comments", Refused, "# a,b\n# 1,2\n");
        yield return Csv("csv: header of numbers", Refused, "1,2\n3,4\n5,6\n");
        yield return Csv("csv: 1e309", Refused, "a,b\n1,2\n1e309,4\n5,6\n", "-k", "1");
        yield return Csv("csv: -1e309", Refused, "a,b\n1,2\n-1e309,4\n5,6\n", "-k", "1");
        yield return Csv("csv: 1e300 (beyond the supported scale)", Refused, "a,b\n1,2\n1e300,4\n5,6\n", "-k", "1");
        yield return Csv("csv: 1e-400 (underflows to zero)", SuccessOrRefused, "a,b\n1,2\n1e-400,4\n5,6\n", "-k", "1");
        yield return Csv("csv: NaN", Success, "a,b\n1,2\nNaN,4\n5,6\n", "-k", "1");
        yield return Csv("csv: nan lower case", Success, "a,b\n1,2\nnan,4\n5,6\n", "-k", "1");
        yield return Csv("csv: NaN under --missing error", Refused, "a,b\n1,2\nNaN,4\n5,6\n", "-k", "1", "--missing", "error");
        yield return Csv("csv: a row of missing cells", Refused, "a,b\n1,2\nNaN,\n5,6\n", "-k", "1");
        yield return Csv("csv: a column of missing cells", Refused, "a,b\n1,\n3,NA\n5,nan\n", "-k", "1");
        yield return Csv("csv: Infinity", Refused, "a,b\n1,2\nInfinity,4\n5,6\n", "-k", "1");
        yield return Csv("csv: -inf", Refused, "a,b\n1,2\n-inf,4\n5,6\n", "-k", "1");
        yield return Csv("csv: the infinity sign", Refused, "a,b\n1,2\n\u221E,4\n5,6\n", "-k", "1");
        yield return Csv("csv: hex number", Refused, "a,b\n1,2\n0x10,4\n5,6\n", "-k", "1");
        yield return Csv("csv: comma as decimal separator with ;", Refused, "a;b\n1;2\n3,5;4\n5;6\n", "-k", "1", "--delimiter", ";");
        yield return Csv("csv: thousands separator", Refused, "a,b\n1,2\n\"1,000\",4\n5,6\n", "-k", "1");
        yield return Csv("csv: thousands separator with a space", Refused, "a,b\n1,2\n1 000,4\n5,6\n", "-k", "1");
        yield return Csv("csv: a unit after the number", Refused, "a,b\n1,2\n3kg,4\n5,6\n", "-k", "1");
        yield return Csv("csv: an empty cell", Success, "a,b\n1,2\n,4\n5,6\n", "-k", "1");
        yield return Csv("csv: a cell of spaces", Success, "a,b\n1,2\n   ,4\n5,6\n", "-k", "1");
        yield return Csv("csv: an empty cell under --missing error", Refused, "a,b\n1,2\n,4\n5,6\n", "-k", "1", "--missing", "error");
        yield return Csv("csv: duplicate header names", SuccessOrRefused, "a,a\n1,2\n3,4\n5,7\n", "-k", "1");
        yield return Csv("csv: duplicate header names with --output", Refused, "a,a\n1,2\n3,4\n5,7\n", "-k", "1", "--output", "{d}/dup.json");
        yield return Csv("csv: empty header name", SuccessOrRefused, ",b\n1,2\n3,4\n5,7\n", "-k", "1");
        yield return Csv("csv: a 100000-character header name", SuccessOrRefused, Repeat("h", 100_000) + ",b\n1,2\n3,4\n5,7\n", "-k", "1", "--format", "json");
        yield return Csv("csv: a 100000-character header name, bad cell", Refused, Repeat("h", 100_000) + ",b\n1,2\nzz,4\n5,7\n", "-k", "1");
        yield return Csv("csv: 10000 columns, header only", Refused, string.Join(",", Enumerable.Range(0, 10_000).Select(j => $"c{j}")) + "\n");
        yield return Csv("csv: Unicode, RTL and emoji names", Success, "\u05D0\u05D1\u202E,\U0001F600\u200D\U0001F4A9\n1,2\n3,4\n5,7\n", "-k", "1");
        yield return Csv("csv: RTL override in a bad cell", Refused, "a,b\n1,2\n\u202Eabc,4\n5,7\n", "-k", "1");
        yield return CsvBytes("csv: lone surrogate bytes in the header", SuccessOrRefused, [.. Encoding.ASCII.GetBytes("a"), 0xED, 0xA0, 0x80, .. Encoding.ASCII.GetBytes(",b\n1,2\n3,4\n5,7\n")], "-k", "1");
        yield return CsvBytes("csv: lone surrogate bytes in a cell", Refused, [.. Encoding.ASCII.GetBytes("a,b\n1,2\n3"), 0xED, 0xA0, 0x80, .. Encoding.ASCII.GetBytes(",4\n5,7\n")], "-k", "1");
        yield return CsvBytes("csv: invalid UTF-8 in a cell", Refused, [.. Encoding.ASCII.GetBytes("a,b\n1,2\n3"), 0xFF, 0xFE, 0xC0, .. Encoding.ASCII.GetBytes(",4\n5,7\n")], "-k", "1");
        yield return CsvBytes("csv: invalid UTF-8 in the header", SuccessOrRefused, [0xC3, 0x28, .. Encoding.ASCII.GetBytes(",b\n1,2\n3,4\n5,7\n")], "-k", "1");
        yield return Csv("csv: escape sequence in a cell", Refused, "a,b\n1,2\n\u001b[2J\u001b[31mred,4\n5,7\n", "-k", "1");
        yield return Csv("csv: bell and backspace in a cell", Refused, "a,b\n1,2\n\a\b\u007f,4\n5,7\n", "-k", "1");
        yield return Csv("csv: a line break in a quoted bad cell", Refused, "a,b\n1,2\n\"x\ny\",4\n5,7\n", "-k", "1");
        yield return Csv("csv: control characters in a header name, bad column", Refused, "a\u0001\u001b,b\n1,2\n3,4\n", "-k", "1", "--columns", "zz");
        yield return Csv("csv: NUL in a header name", SuccessOrRefused, "a\u0000x,b\n1,2\n3,4\n5,7\n", "-k", "1");
        yield return Csv("csv: 300-digit number", Refused, "a,b\n1,2\n" + Repeat("1", 300) + ",4\n5,6\n", "-k", "1");
        yield return Csv("csv: 1000 digits after the point", Success, "a,b\n1,2\n0." + Repeat("3", 1000) + ",4\n5,6\n", "-k", "1");
        yield return Csv("csv: negative zero and leading zeros", Success, "a,b\n-0,007\n+.5,-0.0\n5,6e0\n", "-k", "1");
        yield return Csv("csv: one data row, -k 2", Refused, "a,b\n1,2\n", "-k", "2");
        yield return Csv("csv: all rows the same, -k 2", Refused, "a,b\n1,2\n1,2\n1,2\n", "-k", "2") with { MessageContains = ["distinct"] };
        yield return Csv("csv: a comment after the data", Success, AttackFiles.DataCsv + "# the end\n");
        yield return Csv("csv: a million-character line of commas", Refused, "a,b\n1,2\n" + Repeat(",", 1_000_000) + "\n", "-k", "1");
        yield return Csv("csv: tabs around numbers", Success, "a,b\n\t1\t, 2 \n3,4\n5,7\n", "-k", "1");
    }

    private static IEnumerable<AttackCase> FitOptions()
    {
        foreach (var (option, values) in new (string, string[])[]
        {
            ("-k", ["0", "-1", "NaN", "inf", "1e9", "2147483648", "abc", "", "1.5", "61", "\u0000"]),
            ("--restarts", ["0", "-1", "NaN", "inf", "2147483648", "1e9", "abc", ""]),
            ("--seed", ["NaN", "inf", "1e99", "abc", "", "1.5", "18446744073709551616"]),
            ("--tolerance", ["-1", "NaN", "inf", "-inf", "abc", ""]),
            ("--max-iterations", ["0", "-1", "NaN", "inf", "1e3", "2147483648", "abc", ""]),
            ("--max-seconds", ["0", "-1", "NaN", "inf", "1e99", "abc", ""]),
            ("--regularization", ["-1", "-0.0001", "NaN", "inf", "1e309", "abc", ""]),
            ("--weight-prior", ["0.5", "0", "-1", "NaN", "inf", "abc"]),
        })
            foreach (var value in values)
                yield return Bad($"fit {option} {Shown(value)}", "fit", D, option, value) with { MessageContains = [option == "-k" ? "-" : option] };
        yield return Either("fit --seed -1", "fit", D, "--seed", "-1");
        yield return Either("fit --seed 9223372036854775807", "fit", D, "--seed", "9223372036854775807");
        yield return Ok("fit --tolerance 0 --max-iterations 5", "fit", D, "--tolerance", "0", "--max-iterations", "5");
        yield return Either("fit --tolerance 1e308", "fit", D, "--tolerance", "1e308", "--format", "json");
        yield return Either("fit --regularization 0", "fit", D, "--regularization", "0", "--format", "json");
        yield return Either("fit --regularization 1e300", "fit", D, "--regularization", "1e300", "--format", "json");
        yield return Either("fit --regularization 1e-320", "fit", D, "--regularization", "1e-320", "--format", "json");
        yield return Ok("fit --max-seconds 1e-3", "fit", D, "--max-seconds", "1e-3", "--format", "json");
        yield return Ok("fit --weight-prior 1", "fit", D, "--weight-prior", "1", "--format", "json");
        yield return Ok("fit --priors, all families", "fit", D, "--priors", "--format", "json");
        foreach (var (option, value) in new[] { ("--covariance", "bogus"), ("--covariance", ""), ("--family", "bogus"), ("--init", "bogus"), ("--degenerate", "bogus"), ("--format", "xml"), ("--format", "") })
            yield return Bad($"fit {option} {Shown(value)}", "fit", D, option, value) with { MessageContains = [option] };
        yield return Bad("fit --family poisson on fractions", "fit", D, "--family", "poisson");
        yield return Bad("fit --family bernoulli on fractions", "fit", D, "--family", "bernoulli");
        yield return Bad("fit --family categorical on negatives", "fit", D, "--family", "categorical");
        yield return Either("fit --degenerate error -k 8", "fit", D, "--degenerate", "error", "-k", "8", "--format", "json");
        yield return Ok("fit -k 60 (one per distinct row)", "fit", D, "-k", "60", "--format", "json");
        yield return Bad("fit --axes without --plot", "fit", D, "--axes", "a") with { MessageContains = ["--axes"] };
        yield return Bad("fit --axes unknown column", "fit", D, "--plot", "{d}/p.svg", "--axes", "nope") with { MessageContains = ["--axes"] };
        yield return Bad("fit --axes three columns", "fit", D, "--plot", "{d}/p.svg", "--axes", "a,b,a") with { MessageContains = ["--axes"] };
        yield return Bad("fit --threads 2 (no such option)", "fit", D, "--threads", "2");
        yield return Bad("fit --components twice", "fit", D, "-k", "2", "-k", "3");
        yield return Bad("fit --labels given a value", "fit", D, "--labels=yes");
    }

    private static IEnumerable<AttackCase> CsvOptions()
    {
        foreach (var value in new[] { "", "ab", "\"", "a", "7", "#", ".", "-", "+", "\u0000", "\n", "\u00e9" })
            yield return Bad($"fit --delimiter {Shown(value)}", "fit", D, "--delimiter", value) with { MessageContains = ["--delimiter"] };
        yield return Csv("fit --delimiter tab", Success, AttackFiles.DataCsv.Replace(",", "\t"), "--delimiter", "tab");
        yield return Csv("fit --delimiter ; on a comma file", Refused, AttackFiles.DataCsv, "--delimiter", ";", "-k", "1");
        foreach (var value in new[] { "nope", "a,a", "", "a,,b", "0", "-1", "1", " a " })
            yield return Bad($"fit --columns {Shown(value)}", "fit", D, "--columns", value, "-k", "1") with { Outcome = value is " a " ? SuccessOrRefused : value is "1" ? SuccessOrRefused : Refused };
        foreach (var value in new[] { "0", "-1", "3", "1,1", "a", "1..2", "99999999999" })
            yield return Bad($"fit --no-header --columns {Shown(value)}", "fit", D, "--no-header", "--columns", value, "-k", "1");
        yield return Csv("fit --no-header --columns 2,1", Success, AttackFiles.DataCsv[4..], "--no-header", "--columns", "2,1");
        yield return Bad("fit --no-header on a file with a header", "fit", D, "--no-header");
        yield return Csv("fit --columns leaves a text column unread", Success, "id,a,b\n" + string.Concat(AttackFiles.DataCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select((r, i) => $"x{i},{r}\n")), "--columns", "a,b");
        yield return Csv("fit --columns unknown, 10000 header names", Refused, string.Join(",", Enumerable.Range(0, 10_000).Select(j => $"name{j}")) + "\n" + string.Join(",", Enumerable.Range(0, 10_000)) + "\n", "--columns", "zz");
    }

    private static IEnumerable<AttackCase> ModelFiles()
    {
        yield return ModelBytes("model: truncated to half", Refused, () => AttackFiles.ModelJson[..(AttackFiles.ModelJson.Length / 2)], "bad.json");
        yield return ModelBytes("model: empty file", Refused, () => [], "bad.json");
        yield return ModelText("model: null", Refused, () => "null", "bad.json");
        yield return ModelText("model: an array", Refused, () => "[]", "bad.json");
        yield return ModelText("model: a CSV file", Refused, () => AttackFiles.DataCsv, "bad.json");
        yield return ModelText("model: trailing garbage", Refused, () => AttackFiles.ModelText + "xyz", "bad.json");
        yield return ModelText("model: a second object after it", Refused, () => AttackFiles.ModelText + AttackFiles.ModelText, "bad.json");
        yield return ModelBytes("model: UTF-8 byte order mark", SuccessOrRefused, () => [0xEF, 0xBB, 0xBF, .. AttackFiles.ModelJson]);
        yield return ModelBytes("model: invalid UTF-8 in a string", Refused, () => Encoding.UTF8.GetBytes(AttackFiles.ModelText.Replace("\"a\"", "\"\u0001\"")).Select(b => b == 1 ? (byte)0xFF : b).ToArray(), "bad.json");
        yield return ModelText("model: 100000 nested arrays", Refused, () => Repeat("[", 100_000) + Repeat("]", 100_000), "bad.json");
        yield return ModelText("model: 100000 nested objects in options", Refused, () => AttackFiles.ModelText.Replace("\"options\": {", "\"options\": {\"x\":" + Repeat("{\"x\":", 100_000) + "1" + Repeat("}", 100_000) + ",").Replace("\n", ""), "bad.json");
        yield return ModelEdit("model: 200000 weights", Refused, m => m["weights"] = new JsonArray([.. Enumerable.Range(0, 200_000).Select(_ => JsonValue.Create(1e-6))]), "bad.json");
        yield return ModelText("model: 5 MB of spaces inside", SuccessOrRefused, () => AttackFiles.ModelText.Replace("\"weights\":", Repeat(" ", 5_000_000) + "\"weights\":"));
        yield return ModelText("model: comments", Refused, () => "// hi\n" + AttackFiles.ModelText, "bad.json");
        yield return ModelText("model: NaN token", Refused, () => AttackFiles.ModelText.Replace("\"weights\": [", "\"weights\": [NaN, "), "bad.json");
        yield return ModelEdit("model: weights as a string", Refused, m => m["weights"] = "abc", "$.weights");
        yield return ModelEdit("model: weights as NaN strings", Refused, m => m["weights"] = new JsonArray("NaN", "NaN"), "$.weights");
        yield return ModelEdit("model: weights as Infinity strings", Refused, m => m["weights"] = new JsonArray("Infinity", "-Infinity"), "$.weights");
        yield return ModelText("model: weights of 1e999", Refused, () => AttackFiles.ModelText.Replace("\"weights\": [", "\"weights\": [1e999, "), "$.weights");
        yield return ModelEdit("model: negative weight", Refused, m => m["weights"] = new JsonArray(-0.5, 1.5), "$.weights");
        yield return ModelEdit("model: zero weight", Refused, m => m["weights"] = new JsonArray(0.0, 1.0), "$.weights");
        yield return ModelEdit("model: weights summing to 0.9", Refused, m => m["weights"] = new JsonArray(0.4, 0.5), "$.weights");
        yield return ModelEdit("model: weights summing to 1 + 1e-6", Refused, m => m["weights"] = new JsonArray(0.5, 0.500001), "$.weights");
        yield return ModelEdit("model: three weights for two components", Refused, m => m["weights"] = new JsonArray(0.2, 0.3, 0.5), "$.weights");
        yield return ModelEdit("model: components 3", Refused, m => m["components"] = 3);
        yield return ModelEdit("model: components 0", Refused, m => m["components"] = 0);
        yield return ModelEdit("model: components -1", Refused, m => m["components"] = -1);
        yield return ModelEdit("model: components 2147483648", Refused, m => m["components"] = 2147483648L);
        yield return ModelEdit("model: components 2.5", Refused, m => m["components"] = 2.5);
        yield return ModelEdit("model: dimensions 3", Refused, m => m["dimensions"] = 3);
        yield return ModelEdit("model: dimensions 100000000", Refused, m => m["dimensions"] = 100_000_000);
        yield return ModelEdit("model: mean of length 3", Refused, m => Gaussian(m, 0)["mean"] = new JsonArray(1.0, 2.0, 3.0), "mean");
        yield return ModelEdit("model: mean as strings", Refused, m => Gaussian(m, 0)["mean"] = new JsonArray("1", "2"), "mean");
        yield return ModelEdit("model: mean as null", Refused, m => Gaussian(m, 0)["mean"] = null, "mean");
        yield return ModelEdit("model: covariance not positive definite", Refused, m => Gaussian(m, 0)["covariance"] = new JsonArray(new JsonArray(1.0, 2.0), new JsonArray(2.0, 1.0)), "covariance");
        yield return ModelEdit("model: covariance not symmetric", Refused, m => Gaussian(m, 0)["covariance"] = new JsonArray(new JsonArray(1.0, 0.5), new JsonArray(0.0, 1.0)), "covariance");
        yield return ModelEdit("model: covariance zero", Refused, m => Gaussian(m, 0)["covariance"] = new JsonArray(new JsonArray(0.0, 0.0), new JsonArray(0.0, 0.0)), "covariance");
        yield return ModelEdit("model: covariance negative diagonal", Refused, m => Gaussian(m, 0)["covariance"] = new JsonArray(new JsonArray(-1.0, 0.0), new JsonArray(0.0, -1.0)), "covariance");
        yield return ModelEdit("model: covariance ragged", Refused, m => Gaussian(m, 0)["covariance"] = new JsonArray(new JsonArray(1.0, 0.0), new JsonArray(1.0)), "covariance");
        yield return ModelEdit("model: covariance 1e-320 (subnormal)", SuccessOrRefused, m => Gaussian(m, 0)["covariance"] = new JsonArray(new JsonArray(1e-320, 0.0), new JsonArray(0.0, 1e-320)));
        yield return ModelEdit("model: covariance 1e300", SuccessOrRefused, m => Gaussian(m, 0)["covariance"] = new JsonArray(new JsonArray(1e300, 0.0), new JsonArray(0.0, 1e300)));
        yield return ModelEdit("model: mean 1.7e308", SuccessOrRefused, m => Gaussian(m, 0)["mean"] = new JsonArray(1.7e308, -1.7e308));
        yield return ModelEdit("model: unknown modelType", Refused, m => m["modelType"] = "fooMixture", "modelType");
        yield return ModelEdit("model: modelType gaussianMixture without its fields", Refused, m => m["modelType"] = "gaussianMixture");
        yield return ModelEdit("model: schemaVersion 2", Refused, m => m["schemaVersion"] = 2, "schemaVersion");
        yield return ModelEdit("model: another schema", Refused, m => m["schema"] = "something/else", "schema");
        yield return ModelEdit("model: schema missing", Refused, m => m.Remove("schema"));
        yield return ModelEdit("model: weights missing", Refused, m => m.Remove("weights"), "weights");
        yield return ModelEdit("model: groups missing", Refused, m => m.Remove("groups"), "groups");
        yield return ModelEdit("model: an unknown field", Refused, m => m["extra"] = 1, "extra");
        yield return ModelEdit("model: unknown covariance type", Refused, m => m["covariance"] = "weird", "covariance");
        yield return ModelEdit("model: unknown family", Refused, m => m["columnFamilies"] = new JsonArray("gaussian", "weird"), "columnFamilies");
        yield return ModelEdit("model: duplicate column names", Refused, m => m["columns"] = new JsonArray("a", "a"), "columns");
        yield return ModelEdit("model: control characters in column names", SuccessOrRefused, m => m["columns"] = new JsonArray("a\u0000\u001b[31m", "b\n"));
        yield return ModelEdit("model: a 100000-character column name", SuccessOrRefused, m => m["columns"] = new JsonArray(Repeat("c", 100_000), "b"));
        yield return ModelEdit("model: columns null", Success, m => m["columns"] = null);
        yield return ModelEdit("model: unknown stop reason", Refused, m => m["fit"]!["stopReason"] = "bored", "stopReason");
        yield return ModelEdit("model: bestRestart 7", Refused, m => m["fit"]!["bestRestart"] = 7, "bestRestart");
        yield return ModelEdit("model: restarts as NaN string", Refused, m => m["options"]!["restarts"] = "NaN", "restarts");
        yield return ModelText("model: duplicate key in a nested object", Refused, () => AttackFiles.ModelText.Replace("\"family\": \"gaussian\",\n", "\"family\": \"gaussian\", \"family\": \"poisson\",\n"), "twice", "family");
        yield return ModelText("model: duplicate key deep in fit.restarts", Refused, () => AttackFiles.ModelText.Replace("\"iterations\": ", "\"iterations\": 1, \"iterations\": "), "twice");
        yield return ModelText("model: duplicate key differing in case is allowed to fail as unknown", Refused, () => AttackFiles.ModelText.Replace("\"weights\": [", "\"Weights\": [0.5, 0.5],\n  \"weights\": ["));
        yield return new AttackCase("model: Poisson rates 1e300, sample", SuccessOrRefused, ["sample", "{d}/bad.json", "-n", "5"])
        {
            Setup = d => { Standard(d); d.Write("bad.json", EditRates(AttackFiles.PoissonModelJson, 1e300)); },
        };
        yield return new AttackCase("model: Poisson rate negative", Refused, ["sample", "{d}/bad.json", "-n", "5"])
        {
            Setup = d => { Standard(d); d.Write("bad.json", EditRates(AttackFiles.PoissonModelJson, -1)); },
            MessageContains = ["rates"],
        };
        yield return new AttackCase("model: Bernoulli probability 1.5", Refused, ["sample", "{d}/bad.json", "-n", "5"])
        {
            Setup = d =>
            {
                Standard(d);
                var model = JsonNode.Parse(AttackFiles.MixedModelJson)!.AsObject();
                foreach (var group in model["groups"]!.AsArray())
                    if ((string?)group!["family"] == "bernoulli")
                        foreach (var parameters in group["parameters"]!.AsArray()) parameters!["probabilities"] = new JsonArray(1.5);
                d.Write("bad.json", model.ToJsonString());
            },
            MessageContains = ["probabilities"],
        };
        yield return new AttackCase("model: mixed model samples", Success, ["sample", "{d}/mixed.json", "-n", "50", "--seed", "3"])
        {
            Setup = d => { Standard(d); d.WriteBytes("mixed.json", AttackFiles.MixedModelJson); },
        };
        yield return new AttackCase("model: predict with a model file that is a directory", Refused, ["predict", "{d}/dir.json", D])
        {
            Setup = d => { Standard(d); Directory.CreateDirectory(d["dir.json"]); },
        };
        yield return Bad("model: missing model file", "sample", "{d}/none.json", "-n", "5") with { MessageContains = ["none.json"] };
        yield return new AttackCase("model: predict, model file with weights twice", Refused, ["predict", "{d}/bad.json", D])
        {
            Setup = d => { Standard(d); d.Write("bad.json", AttackFiles.ModelText.Replace("\"weights\": [", "\"weights\": [0.5, 0.5],\n  \"weights\": [")); },
            MessageContains = ["$.weights", "twice"],
        };
    }

    private static string EditRates(byte[] model, double rate)
    {
        var node = JsonNode.Parse(model)!.AsObject();
        foreach (var parameters in node["groups"]![0]!["parameters"]!.AsArray()) parameters!["rates"] = new JsonArray(rate, rate);
        return node.ToJsonString();
    }

    private static IEnumerable<AttackCase> Outputs()
    {
        yield return Bad("out: fit --output into a missing directory", "fit", D, "--output", "{d}/none/m.json");
        yield return Bad("out: fit --output is a directory", "fit", D, "--output", "{d}/sub") with { Setup = d => { Standard(d); Directory.CreateDirectory(d["sub"]); } };
        yield return Bad("out: fit --output ends in a slash", "fit", D, "--output", "{d}/new/");
        yield return Bad("out: fit --output through a file as directory", "fit", D, "--output", "{d}/data.csv/m.json");
        yield return Bad("out: fit --output over the data via ./", "fit", D, "--output", "{d}/./data.csv");
        yield return Bad("out: fit --output over the data via ../", "fit", D, "--output", "{d}/sub/../data.csv") with { Setup = d => { Standard(d); Directory.CreateDirectory(d["sub"]); } };
        yield return Bad("out: fit --output over the data via a doubled slash", "fit", D, "--output", "{d}//data.csv");
        yield return Bad("out: fit --output over the data via a linked directory", "fit", D, "--output", "{d}/alias/data.csv") with
        {
            Setup = d => { Standard(d); File.CreateSymbolicLink(d["alias"], d.Path); },
        };
        yield return Bad("out: fit --output on a dangling symbolic link", "fit", D, "--output", "{d}/dangling.json") with
        {
            Setup = d => { Standard(d); File.CreateSymbolicLink(d["dangling.json"], d["none/x.json"]); },
            MessageContains = ["--output", "dangling.json", "none/x.json", "does not exist"],
        };
        yield return Ok("out: fit --output on a dangling symbolic link creates its target", "fit", D, "--output", "{d}/dangling.json") with
        {
            Setup = d => { Standard(d); File.CreateSymbolicLink(d["dangling.json"], "new.json"); },
            Outputs = ["dangling.json", "new.json"],
        };
        yield return Bad("out: fit --output on a chain of links to the data", "fit", D, "--output", "{d}/l2.csv") with
        {
            Setup = d => { Standard(d); File.CreateSymbolicLink(d["l1.csv"], "data.csv"); File.CreateSymbolicLink(d["l2.csv"], "l1.csv"); },
            MessageContains = ["--output", "is the input file"],
        };
        yield return Bad("out: fit --output on a loop of links", "fit", D, "--output", "{d}/loop1") with
        {
            Setup = d => { Standard(d); File.CreateSymbolicLink(d["loop1"], "loop2"); File.CreateSymbolicLink(d["loop2"], "loop1"); },
            MessageContains = ["--output", "loop1", "too many levels of symbolic links"],
        };
        yield return Bad("out: fit --plot on a link to a directory", "fit", D, "--plot", "{d}/dirlink") with
        {
            Setup = d => { Standard(d); Directory.CreateDirectory(d["sub"]); File.CreateSymbolicLink(d["dirlink"], "sub"); },
            MessageContains = ["--plot", "is a directory"],
        };
        yield return Ok("out: fit --output /dev/null", "fit", D, "--output", "/dev/null", "--plot", "/dev/null");
        yield return Ok("out: predict -o /dev/null", "predict", M, D, "-o", "/dev/null");
        yield return Bad("out: fit --output - (stdout carries the report)", "fit", D, "--output", "-") with { MessageContains = ["--output -: stdout carries the report"] };
        yield return Bad("out: fit --plot - (stdout carries the report)", "fit", D, "--plot", "-") with { MessageContains = ["--plot -: stdout carries the report"] };
        yield return Bad("out: select --plot -", "select", D, "--components", "1..2", "--plot", "-") with { MessageContains = ["--plot -: stdout carries the report"] };
        yield return Bad("out: trace --plot -", "trace", D, "--plot", "-") with { MessageContains = ["--plot -: stdout carries the trace"] };
        yield return Ok("out: predict -o - is stdout", "predict", M, D, "-o", "-") with { StdoutContains = ["label,p_0"] };
        yield return Ok("out: sample -o - is stdout", "sample", M, "-n", "3", "-o", "-") with { StdoutContains = ["component"] };
        yield return Bad("out: fit --plot and --output the same via ./", "fit", D, "--output", "{d}/m.json", "--plot", "{d}/./m.json");
        yield return Bad("out: fit --plot onto the model via a hard link", "fit", D, "--output", "{d}/m.json", "--plot", "{d}/h.json") with
        {
            Setup = d => { Standard(d); d.Write("m.json", "{}"); HardLink(d["m.json"], d["h.json"]); },
        };
        yield return Ok("out: fit --output replaces an old model", "fit", D, "--output", "{d}/old.json") with
        {
            Setup = d => { Standard(d); d.Write("old.json", "{\"old\": true}\n"); },
            Outputs = ["old.json"],
        };
        yield return Ok("out: fit --output and --plot both written", "fit", D, "--output", "{d}/m.json", "--plot", "{d}/p.svg") with { Outputs = ["m.json", "p.svg"] };
        yield return Ok("out: fit --output with a Unicode name", "fit", D, "--output", "{d}/\u00e9\U0001F600.json") with { Outputs = ["\u00e9\U0001F600.json"] };
        yield return Bad("out: fit --output with a control character in a missing directory", "fit", D, "--output", "{d}/\u001b[31m/m.json");
        yield return Bad("out: missing input with a newline in its name", "fit", "{d}/a\nb.csv");
        yield return Bad("out: missing input with an escape in its name", "fit", "{d}/\u001b]0;pwned\u0007.csv");
        yield return Bad("out: missing input with a 5000-character name", "fit", "{d}/" + Repeat("n", 5000) + ".csv");
        yield return Bad("out: input is a directory", "fit", "{d}/sub") with { Setup = d => { Standard(d); Directory.CreateDirectory(d["sub"]); } };
        yield return Bad("out: input is missing", "fit", "{d}/none.csv") with { MessageContains = ["none.csv"] };
        yield return Bad("out: input is a dangling symbolic link", "fit", "{d}/dangling.csv") with
        {
            Setup = d => { Standard(d); File.CreateSymbolicLink(d["dangling.csv"], d["none.csv"]); },
        };
        yield return Bad("out: trace --output (no such option)", "trace", D, "--output", "{d}/m.json");
        yield return Bad("out: select --plot over the data", "select", D, "--components", "1..2", "--plot", D);
        yield return Bad("out: trace --plot over the data", "trace", D, "--plot", D);
        yield return Bad("out: select --plot into a missing directory", "select", D, "--components", "1..2", "--plot", "{d}/none/p.svg");
    }

    private static IEnumerable<AttackCase> SampleAndPredict()
    {
        foreach (var value in new[] { "0", "-1", "", "abc", "NaN", "1e3", "2147483648", "99999999999999999999", "1.5" })
            yield return Bad($"sample -n {Shown(value)}", "sample", M, "-n", value) with { MessageContains = ["-n"] };
        yield return Bad("sample without -n", "sample", M);
        yield return Bad("sample --seed abc", "sample", M, "-n", "5", "--seed", "abc");
        yield return Either("sample --seed -1", "sample", M, "-n", "5", "--seed", "-1");
        yield return Ok("sample -n 1", "sample", M, "-n", "1");
        yield return Ok("sample -n 300 -o s.csv", "sample", M, "-n", "300", "-o", "{d}/s.csv") with { Outputs = ["s.csv"] };
        yield return Bad("sample -o over the model via ./", "sample", M, "-n", "5", "-o", "{d}/./model.json");
        yield return Bad("sample -o is a directory", "sample", M, "-n", "5", "-o", "{d}/sub") with { Setup = d => { Standard(d); Directory.CreateDirectory(d["sub"]); } };
        yield return Bad("sample -o into a missing directory", "sample", M, "-n", "5", "-o", "{d}/none/s.csv");
        yield return Bad("sample -o ''", "sample", M, "-n", "5", "-o", "");
        yield return Bad("sample a CSV as the model", "sample", D, "-n", "5");
        yield return Bad("predict -o over the model", "predict", M, D, "-o", M);
        yield return Bad("predict -o over the data via ../", "predict", M, D, "-o", "{d}/sub/../data.csv") with { Setup = d => { Standard(d); Directory.CreateDirectory(d["sub"]); } };
        yield return Bad("predict -o is a directory", "predict", M, D, "-o", "{d}/sub") with { Setup = d => { Standard(d); Directory.CreateDirectory(d["sub"]); } };
        yield return Bad("predict -o into a missing directory", "predict", M, D, "-o", "{d}/none/p.csv");
        yield return Ok("predict -o p.csv", "predict", M, D, "-o", "{d}/p.csv") with { Outputs = ["p.csv"] };
        yield return Bad("predict with the model and the data swapped", "predict", D, M);
        yield return Bad("predict without data", "predict", M);
        yield return Bad("predict, data without column b", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a\n1\n2\n"); }, MessageContains = ["\"b\""] };
        yield return Bad("predict, data with column b twice", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b,b\n1,2,3\n"); } };
        yield return Bad("predict, data with a label column", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b,label\n1,2,3\n"); }, MessageContains = ["label"] };
        yield return Bad("predict, text in a model column", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\nabc,4\n"); } };
        yield return Ok("predict, NaN in a model column", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\nNaN,4\n"); } };
        yield return Bad("predict, NaN under --missing error", "predict", M, "{d}/x.csv", "--missing", "error") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\nNaN,4\n"); } };
        yield return Bad("predict, a row of missing model cells", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\nNA,NA\n"); } };
        yield return Ok("impute, NaN in a model column", "impute", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\nNaN,4\n"); } };
        yield return Bad("impute onto its input", "impute", M, "{d}/x.csv", "--output", "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\nNaN,4\n"); } };
        yield return Bad("impute, draws 0", "impute", M, "{d}/x.csv", "--draws", "0") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\nNaN,4\n"); } };
        yield return Bad("predict, NUL in a model column", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\n\u00003,4\n"); } };
        yield return Either("predict, values of 1e100", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\n1e100,-1e100\n"); } };
        yield return Either("predict, values of 1e200", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\n1e200,-1e200\n"); } };
        yield return Either("predict, values of 1e300", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\n1e300,-1e300\n"); } };
        yield return Either("predict, a row far from every component", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\n1e6,-1e6\n"); } };
        yield return Either("predict, header only", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n"); } };
        yield return Bad("predict, empty file", "predict", M, "{d}/x.csv") with { Setup = d => { Standard(d); d.Write("x.csv", ""); } };
        yield return Either("predict, an ID column holding NUL and escapes", "predict", M, "{d}/x.csv") with
        {
            Setup = d => { Standard(d); d.Write("x.csv", "id,a,b\n\u001b[31m,1,2\nok,3,4\n"); },
        };
        yield return Bad("predict, a model of Poisson columns on data without them", "predict", "{d}/p.json", D) with
        {
            Setup = d => { Standard(d); d.WriteBytes("p.json", AttackFiles.PoissonModelJson); },
        };
        yield return Bad("predict, fraction in a Poisson column", "predict", "{d}/p.json", "{d}/x.csv") with
        {
            Setup = d => { Standard(d); d.WriteBytes("p.json", AttackFiles.PoissonModelJson); d.Write("x.csv", "n,m\n1,2\n2.5,3\n"); },
        };
        yield return Bad("predict, 2 in a Bernoulli column", "predict", "{d}/mixed.json", "{d}/x.csv") with
        {
            Setup = d => { Standard(d); d.WriteBytes("mixed.json", AttackFiles.MixedModelJson); d.Write("x.csv", "x,yes,code\n1,0,1\n2,2,1\n"); },
        };
        yield return Bad("predict, a category code the model never saw", "predict", "{d}/mixed.json", "{d}/x.csv") with
        {
            Setup = d => { Standard(d); d.WriteBytes("mixed.json", AttackFiles.MixedModelJson); d.Write("x.csv", "x,yes,code\n1,0,1\n2,1,-3\n"); },
            Outcome = SuccessOrRefused,
        };
    }

    private static IEnumerable<AttackCase> SelectAndTrace()
    {
        foreach (var value in new[] { "0..2", "2..1", "a", "", "1..3,2", "1..1001", "-1..2", "1...3", "1..2147483648" })
            yield return Bad($"select --components {Shown(value)}", "select", D, "--components", value) with { MessageContains = ["--components"] };
        yield return Bad("select --covariance bogus", "select", D, "--components", "1..2", "--covariance", "bogus") with { MessageContains = ["--covariance"] };
        yield return Either("select --covariance full,full", "select", D, "--components", "1..2", "--covariance", "full,full");
        yield return Bad("select --criterion bogus", "select", D, "--components", "1..2", "--criterion", "bogus") with { MessageContains = ["--criterion"] };
        yield return Bad("select --restarts 0", "select", D, "--components", "1..2", "--restarts", "0") with { MessageContains = ["--restarts"] };
        yield return Ok("select 1..3 all covariances, json", "select", D, "--components", "1..3", "--restarts", "1", "--format", "json");
        yield return Ok("select --plot p.svg", "select", D, "--components", "1..2", "--restarts", "1", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Either("select 1..8 on 3 rows", "select", "{d}/x.csv", "--components", "1..8", "--restarts", "1") with { Setup = d => { Standard(d); d.Write("x.csv", "a,b\n1,2\n3,5\n4,4\n"); } };
        yield return Bad("trace -k 0", "trace", D, "-k", "0");
        foreach (var (option, value) in new[] { ("--restarts", "0"), ("--max-iterations", "0"), ("--tolerance", "NaN"), ("--max-seconds", "1e-9"), ("--regularization", "-1"), ("--seed", "abc") })
        {
            yield return Bad($"trace {option} {Shown(value)}", "trace", D, option, value) with { MessageContains = [option] };
            yield return Bad($"select {option} {Shown(value)}", "select", D, "--components", "1..2", option, value) with { MessageContains = [option] };
        }
        yield return Bad("trace --format bogus", "trace", D, "--format", "bogus");
        yield return Bad("trace --labels (not a trace option)", "trace", D, "--labels");
        yield return Ok("trace json", "trace", D, "--format", "json", "--restarts", "2");
        yield return Ok("trace --plot t.svg", "trace", D, "--plot", "{d}/t.svg") with { Outputs = ["t.svg"] };
        yield return Case("trace --degenerate error -k 8", SuccessOrRefused, "trace", D, "--degenerate", "error", "-k", "8") with { StreamsBeforeFailing = true };
        yield return Csv("trace on a NaN cell", Success, "a,b\n1,2\nNaN,3\n", "-k", "1") with { Args = ["trace", "{d}/x.csv", "-k", "1"] };
        yield return Csv("trace on a NaN cell under --missing error", Refused, "a,b\n1,2\nNaN,3\n", "-k", "1") with { Args = ["trace", "{d}/x.csv", "-k", "1", "--missing", "error"] };
    }

    private static IEnumerable<AttackCase> CommandLine()
    {
        yield return Bad("cli: unknown command", "frobnicate");
        yield return Bad("cli: unknown command with an escape", "\u001b[2Jfit");
        yield return Bad("cli: unknown option", "fit", D, "--bogus");
        yield return Bad("cli: an option with a NUL", "fit", D, "--\u0000");
        yield return Bad("cli: a 100000-character option", "fit", D, "--" + Repeat("x", 100_000));
        yield return Bad("cli: a 100000-character value", "fit", D, "-k", Repeat("9", 100_000)) with { MessageContains = ["--components"] };
        yield return Bad("cli: two files", "fit", D, D);
        yield return Ok("cli: --help", "--help");
        yield return Ok("cli: fit --help", "fit", "--help");
        yield return Ok("cli: --version", "--version");
        yield return Bad("cli: no command", []);
        yield return Bad("cli: an empty argument", "");
        yield return Bad("cli: option terminator then a missing file", "fit", "--", "--components");
    }

    private static IEnumerable<AttackCase> Processes()
    {
        yield return Ok("process: fit - reads stdin", "fit", "-", "--format", "json") with { Stdin = AttackFiles.DataCsv };
        yield return Bad("process: fit - on empty stdin", "fit", "-") with { Stdin = "" };
        yield return Bad("process: fit - with a NUL on stdin", "fit", "-", "-k", "1") with { Stdin = "a,b\n1,2\n\u0000,3\n" };
        yield return Bad("process: fit - with escapes on stdin", "fit", "-", "-k", "1") with { Stdin = "a,b\n1,2\n\u001b[31m\u009b,3\n" };
        yield return Ok("process: predict model.json - with an ID column", "predict", M, "-") with
        {
            Stdin = "id,a,b\nfirst,1,2\nsecond,6,-4\n",
            StdoutContains = ["first", "second"],
        };
        yield return Bad("process: sample -n huge", "sample", M, "-n", "2147483647") with { Stdin = "" };
    }

    /// <summary>Numbers at the edges of double precision, degenerate pictures and the other families.</summary>
    private static IEnumerable<AttackCase> Numerics()
    {
        foreach (var (variance, outcome) in new[] { ("1e-305", Success), ("1e-310", SuccessOrRefused), ("5e-324", SuccessOrRefused), ("1e300", Success) })
        {
            yield return new AttackCase($"numbers: predict with covariances of {variance}", outcome, ["predict", "{d}/v.json", D])
            {
                Setup = d => { Standard(d); d.Write("v.json", EditCovariances(double.Parse(variance, System.Globalization.CultureInfo.InvariantCulture))); },
            };
            yield return new AttackCase($"numbers: sample with covariances of {variance}", SuccessOrRefused, ["sample", "{d}/v.json", "-n", "20"])
            {
                Setup = d => { Standard(d); d.Write("v.json", EditCovariances(double.Parse(variance, System.Globalization.CultureInfo.InvariantCulture))); },
            };
        }
        yield return new AttackCase("numbers: predict with means of 1.7e308", SuccessOrRefused, ["predict", "{d}/v.json", D])
        {
            Setup = d =>
            {
                Standard(d);
                var model = JsonNode.Parse(AttackFiles.ModelText)!.AsObject();
                Gaussian(model, 0)["mean"] = new JsonArray(1.7e308, -1.7e308);
                Gaussian(model, 1)["mean"] = new JsonArray(-1.7e308, 1.7e308);
                d.Write("v.json", model.ToJsonString());
            },
        };
        yield return new AttackCase("numbers: predict rows of 1e100 with covariances of 1e-300", SuccessOrRefused, ["predict", "{d}/v.json", "{d}/x.csv"])
        {
            Setup = d => { Standard(d); d.Write("v.json", EditCovariances(1e-300)); d.Write("x.csv", "a,b\n1e100,-1e100\n0,0\n"); },
        };
        yield return new AttackCase("numbers: predict weights of 1e-300", SuccessOrRefused, ["predict", "{d}/v.json", D])
        {
            Setup = d =>
            {
                Standard(d);
                var model = JsonNode.Parse(AttackFiles.ModelText)!.AsObject();
                model["weights"] = new JsonArray(1e-300, 1.0);
                d.Write("v.json", model.ToJsonString());
            },
        };
        yield return Csv("numbers: --plot of one constant column", SuccessOrRefused, "a\n1\n1\n1\n1\n", "-k", "1", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("numbers: --plot with a constant column", SuccessOrRefused, "a,b\n1,2\n1,3\n1,4\n1,5\n", "-k", "1", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("numbers: --plot of subnormal values", SuccessOrRefused, "a,b\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{(i + 1) * 1e-312:R},{(i % 7 + 1) * 3e-312:R}\n")), "-k", "2", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("numbers: --plot of values near 1e99", SuccessOrRefused, "a,b\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{(i % 2 * 5 + i % 7) * 1e99:R},{(i % 3 - i % 2 * 4) * 1e99:R}\n")), "-k", "2", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("numbers: --plot of one row", SuccessOrRefused, "a,b\n1,2\n", "-k", "1", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("numbers: --plot of two rows, one per component", SuccessOrRefused, "a,b\n1,2\n5,-3\n", "-k", "2", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Ok("numbers: --plot --axes a (histogram)", "fit", D, "--plot", "{d}/p.svg", "--axes", "a") with { Outputs = ["p.svg"] };
        yield return Either("numbers: --plot -k 60, a component per row", "fit", D, "-k", "60", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("numbers: histogram of 1e-310 values", SuccessOrRefused, "a\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{(i + 1) * 1e-312:R}\n")), "-k", "1", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("numbers: bernoulli column of zeros only", SuccessOrRefused, "a,b\n0,1\n0,0\n0,1\n0,0\n0,1\n", "-k", "1", "--family", "bernoulli", "--format", "json");
        yield return Csv("numbers: bernoulli, -k 2 on 2 distinct rows", SuccessOrRefused, "a,b\n0,1\n1,0\n0,1\n1,0\n", "-k", "2", "--family", "bernoulli", "--format", "json");
        yield return Csv("numbers: poisson column of zeros only", SuccessOrRefused, "a,b\n0,1\n0,3\n0,1\n0,4\n", "-k", "1", "--family", "poisson", "--format", "json");
        yield return Csv("numbers: poisson counts of 1e15", SuccessOrRefused, "a,b\n1000000000000000,1\n3,3\n999999999999999,1\n0,4\n", "-k", "2", "--family", "poisson", "--format", "json");
        yield return Csv("numbers: poisson count of 1e100", SuccessOrRefused, "a,b\n1e100,1\n3,3\n5,1\n0,4\n", "-k", "1", "--family", "poisson", "--format", "json");
        yield return Csv("numbers: poisson count of 1e300", SuccessOrRefused, "a,b\n1e300,1\n3,3\n5,1\n0,4\n", "-k", "1", "--family", "poisson", "--format", "json");
        yield return Csv("numbers: categorical code 1e9", Refused, "a\n0\n1000000000\n3\n", "-k", "1", "--family", "categorical");
        yield return Csv("numbers: categorical code 2147483648", Refused, "a\n0\n2147483648\n3\n", "-k", "1", "--family", "categorical");
        yield return Csv("numbers: categorical code 1e300", Refused, "a\n0\n1e300\n3\n", "-k", "1", "--family", "categorical");
        yield return Csv("numbers: categorical code -0", SuccessOrRefused, "a\n0\n-0\n1\n2\n", "-k", "1", "--family", "categorical", "--format", "json");
        yield return Csv("numbers: auto on a mixed table with priors", Success, "x,yes,n\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 2 * 6 + i % 5 * 0.3},{i % 3 % 2},{i % 4 + i % 2 * 6}\n")), "--family", "auto", "--priors", "--format", "json");
        yield return Either("numbers: --weight-prior 1e308", "fit", D, "--weight-prior", "1e308", "--format", "json");
        yield return Either("numbers: --priors --covariance spherical -k 20", "fit", D, "--priors", "--covariance", "spherical", "-k", "20", "--format", "json");
        yield return Ok("numbers: endless iterations stopped by --max-seconds", "fit", D, "--max-iterations", "2147483647", "--tolerance", "0", "--max-seconds", "0.05", "--format", "json");
        yield return Either("numbers: trace --max-seconds 0.001", "trace", D, "--max-seconds", "0.001", "--format", "json");
        foreach (var covariance in new[] { "full", "diag", "spherical", "tied" })
            yield return Csv($"numbers: one row, --covariance {covariance}", SuccessOrRefused, "a,b\n1,2\n", "-k", "1", "--covariance", covariance, "--format", "json");
        yield return Csv("numbers: two rows -k 2 --covariance tied", SuccessOrRefused, "a,b\n1,2\n3,5\n", "-k", "2", "--covariance", "tied", "--format", "json");
        yield return Csv("numbers: select where every cell fails", Refused, "a,b\n1,2\n3,5\n", "--components", "3..5") with { Args = ["select", "{d}/x.csv", "--components", "3..5"] };
        yield return Csv("numbers: select --criterion icl --degenerate error", SuccessOrRefused, AttackFiles.DataCsv) with { Args = ["select", "{d}/x.csv", "--components", "1..6", "--criterion", "icl", "--degenerate", "error", "--restarts", "1", "--format", "json"] };
        yield return Csv("numbers: select --plot with most cells failing", SuccessOrRefused, "a,b\n1,2\n3,5\n4,4\n") with
        {
            Args = ["select", "{d}/x.csv", "--components", "1..3", "--restarts", "1", "--plot", "{d}/p.svg"],
            Outputs = ["p.svg"],
        };
        yield return Csv("numbers: trace --plot of one iteration", SuccessOrRefused, AttackFiles.DataCsv) with
        {
            Args = ["trace", "{d}/x.csv", "--max-iterations", "1", "--plot", "{d}/p.svg"],
            Outputs = ["p.svg"],
        };
    }

    private static IEnumerable<AttackCase> MoreModelsAndPaths()
    {
        yield return Bad("columns: select --no-header --columns 1,1", "select", D, "--no-header", "--columns", "1,1", "--components", "1..2") with { MessageContains = ["--columns"] };
        yield return Bad("columns: trace --no-header --columns 1,1", "trace", D, "--no-header", "--columns", "1,1") with { MessageContains = ["--columns"] };
        yield return Bad("columns: predict --no-header --columns 1,1", "predict", M, D, "--no-header", "--columns", "1,1") with { MessageContains = ["--columns"] };
        yield return Bad("columns: fit --no-header --columns 2,2,1", "fit", D, "--no-header", "--columns", "2,2,1") with { MessageContains = ["--columns"] };
        yield return Bad("columns: fit --columns a,b,a", "fit", D, "--columns", "a,b,a") with { MessageContains = ["--columns"] };
        yield return Bad("columns: fit --no-header --columns 1,01", "fit", D, "--no-header", "--columns", "1,01") with { MessageContains = ["--columns", "column 1"] };
        yield return Bad("columns: predict --no-header --columns 2,02", "predict", M, D, "--no-header", "--columns", "2,02") with { MessageContains = ["--columns", "column 2"] };
        yield return Bad("columns: predict --columns unknown", "predict", M, D, "--columns", "zz") with { Outcome = Refused };
        yield return Bad("columns: predict --delimiter ''", "predict", M, D, "--delimiter", "") with { MessageContains = ["--delimiter"] };
        yield return Csv("columns: --no-header --columns 1 leaves a text column unread", Success, "1.5,x\n2.5,y\n7,z\n8,w\n", "--no-header", "--columns", "1", "-k", "1");
        yield return Bad("paths: --output with a 300-character file name", "fit", D, "--output", "{d}/" + Repeat("o", 300) + ".json");
        yield return Bad("paths: input with a 300-character file name", "fit", "{d}/" + Repeat("i", 300) + ".csv");
        yield return Bad("paths: input path of 5000 characters through directories", "fit", "{d}/" + string.Join("/", Enumerable.Repeat(Repeat("p", 200), 25)) + ".csv");
        yield return Either("paths: --output a file named -", "fit", D, "--output", "{d}/-") with { Outputs = ["-"] };
        yield return Bad("paths: predict -o onto a hard link of the model", "predict", M, D, "-o", "{d}/h.json") with
        {
            Setup = d => { Standard(d); HardLink(d["model.json"], d["h.json"]); },
        };
        yield return Ok("paths: --output onto a symbolic link to another file", "fit", D, "--output", "{d}/link.json") with
        {
            Setup = d => { Standard(d); d.Write("real.json", "{}"); File.CreateSymbolicLink(d["link.json"], d["real.json"]); },
            Outputs = ["link.json", "real.json"],
        };
        yield return Either("paths: --output onto a read-only old file", "fit", D, "--output", "{d}/old.json") with
        {
            Setup = d =>
            {
                Standard(d);
                var old = d.Write("old.json", "{}");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(old, UnixFileMode.UserRead);
            },
            Outputs = ["old.json"],
        };
        yield return ModelEdit("model: a 100000-character unknown field name", Refused, m => m[Repeat("f", 100_000)] = 1);
        yield return ModelEdit("model: an unknown field name with NUL and escapes", Refused, m => m["x\u0000\u001b[31m"] = 1);
        yield return ModelEdit("model: modelType with escapes", Refused, m => m["modelType"] = "\u001b[31mgaussian\u0000");
        yield return ModelEdit("model: modelType of 100000 characters", Refused, m => m["modelType"] = Repeat("g", 100_000));
        yield return ModelEdit("model: schema with a NUL", Refused, m => m["schema"] = "em-functional/model\u0000");
        yield return ModelEdit("model: libraryVersion of 1000000 characters", SuccessOrRefused, m => m["libraryVersion"] = Repeat("v", 1_000_000));
        yield return ModelText("model: a 10 MB JSON string", Refused, () => "\"" + Repeat("s", 10_000_000) + "\"");
        yield return ModelText("model: components 1e400", Refused, () => AttackFiles.ModelText.Replace("\"components\": 2", "\"components\": 1e400"));
        yield return ModelText("model: weight 1e-400 (underflows to 0)", Refused, () => AttackFiles.ModelText.Replace("\"weights\": [", "\"weights\": [1e-400, 1, ").Replace("\"components\": 2", "\"components\": 3"));
        yield return ModelEdit("model: columns as a number", Refused, m => m["columns"] = 7, "columns");
        yield return ModelEdit("model: columns with an empty name", SuccessOrRefused, m => m["columns"] = new JsonArray("", "b"));
        yield return ModelEdit("model: groups with a column index out of range", Refused, m => m["groups"]![0]!["columns"] = new JsonArray(0, 5), "columns");
        yield return ModelEdit("model: groups with a negative column index", Refused, m => m["groups"]![0]!["columns"] = new JsonArray(-1, 1), "columns");
        yield return ModelEdit("model: groups with a repeated column", Refused, m => m["groups"]![0]!["columns"] = new JsonArray(0, 0), "columns");
        yield return ModelEdit("model: an empty groups array", Refused, m => m["groups"] = new JsonArray(), "groups");
        yield return ModelEdit("model: fit.sampleSize -1", Refused, m => m["fit"]!["sampleSize"] = -1);
        yield return ModelEdit("model: fit.logLikelihood as NaN string", Refused, m => m["fit"]!["logLikelihood"] = "NaN");
        yield return ModelEdit("model: options.tolerance -1", Refused, m => m["options"]!["tolerance"] = -1);
        yield return new AttackCase("model: predict with a model saved without column names", Success, ["predict", "{d}/v.json", D])
        {
            Setup = d =>
            {
                Standard(d);
                var model = JsonNode.Parse(AttackFiles.ModelText)!.AsObject();
                model["columns"] = null;
                d.Write("v.json", model.ToJsonString());
            },
        };
        yield return new AttackCase("model: predict by position on a file of three columns", Refused, ["predict", "{d}/v.json", "{d}/x.csv"])
        {
            Setup = d =>
            {
                Standard(d);
                var model = JsonNode.Parse(AttackFiles.ModelText)!.AsObject();
                model["columns"] = null;
                d.Write("v.json", model.ToJsonString());
                d.Write("x.csv", "a,b,c\n1,2,3\n");
            },
        };
    }

    /// <summary>Pictures of awkward data, and standard input where a model is expected.</summary>
    private static IEnumerable<AttackCase> PicturesAndStreams()
    {
        yield return Csv("pictures: histogram of a tight cluster and two outliers at 1e90", SuccessOrRefused, "a\n" + string.Concat(Enumerable.Range(0, 28).Select(i => $"{i * 1e-12:R}\n")) + "1e90\n-1e90\n", "-k", "1", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("pictures: scatter of a tight cluster and two outliers at 1e90", SuccessOrRefused, "a,b\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i * 1e-12:R},{i % 4}\n")) + "1e90,1\n-1e90,2\n", "-k", "2", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("pictures: histogram of values 1e-305 apart", SuccessOrRefused, "a\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i % 3 * 1e-305:R}\n")), "-k", "1", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("pictures: histogram of values near 1e-308", SuccessOrRefused, "a\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{(i + 1) * 1e-308:R}\n")), "-k", "1", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("pictures: --axes a on a subnormal column", SuccessOrRefused, "a,b\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{(i + 1) * 1e-312:R},{i % 5}\n")), "-k", "1", "--plot", "{d}/p.svg", "--axes", "a") with { Outputs = ["p.svg"] };
        yield return Csv("pictures: histogram of two values", SuccessOrRefused, "a\n0\n1\n", "-k", "1", "--plot", "{d}/p.svg") with { Outputs = ["p.svg"] };
        yield return Csv("pictures: trace --plot on subnormal data", SuccessOrRefused, "a,b\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{(i + 1) * 1e-312:R},{(i % 7 + 1) * 3e-312:R}\n"))) with
        {
            Args = ["trace", "{d}/x.csv", "--plot", "{d}/p.svg"],
            Outputs = ["p.svg"],
        };
        yield return Csv("pictures: select --plot on subnormal data", SuccessOrRefused, "a,b\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{(i + 1) * 1e-312:R},{(i % 7 + 1) * 3e-312:R}\n"))) with
        {
            Args = ["select", "{d}/x.csv", "--components", "1..3", "--restarts", "1", "--plot", "{d}/p.svg"],
            Outputs = ["p.svg"],
        };
        yield return Bad("pictures: --axes b,b", "fit", D, "--plot", "{d}/p.svg", "--axes", "b,b") with { MessageContains = ["--axes"] };
        yield return Bad("pictures: --axes ','", "fit", D, "--plot", "{d}/p.svg", "--axes", ",") with { MessageContains = ["--axes"] };
        yield return Bad("pictures: --axes on a Poisson column", "fit", "{d}/x.csv", "--family", "auto", "--plot", "{d}/p.svg", "--axes", "n") with
        {
            Setup = d => { Standard(d); d.Write("x.csv", "n,x\n1,0.5\n2,1.5\n3,2.5\n7,3.5\n"); },
            MessageContains = ["--axes"],
        };
        yield return Ok("streams: sample - reads no model from stdin", "sample", "-", "-n", "2") with { Stdin = AttackFiles.ModelText, Outcome = SuccessOrRefused };
        yield return Bad("streams: predict - - (model and data both stdin)", "predict", "-", "-") with { Stdin = AttackFiles.DataCsv };
        yield return Bad("streams: fit - with a 10 MB line on stdin", "fit", "-", "-k", "1") with { Stdin = "a,b\n1,2\n" + Repeat("7", 10_000_000) + "x,3\n" };
        yield return Bad("streams: fit - with invalid UTF-16 surrogates on stdin", "fit", "-", "-k", "1") with { Stdin = "a,b\n1,2\n3\ud800,3\n" };
    }

    private static string EditCovariances(double variance)
    {
        var model = JsonNode.Parse(AttackFiles.ModelText)!.AsObject();
        foreach (var parameters in model["groups"]![0]!["parameters"]!.AsArray()) parameters!["covariance"] = new JsonArray(new JsonArray(variance, 0.0), new JsonArray(0.0, variance));
        return model.ToJsonString();
    }

    private static void HardLink(string target, string link)
    {
        using var process = System.Diagnostics.Process.Start("ln", [target, link]);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ln {target} {link} failed");
    }

    /// <summary>An argument as a test name shows it: quoted, control characters escaped, shortened.</summary>
    private static string Shown(string value)
    {
        var escaped = string.Concat(value.Select(c => c < 0x20 || c == 0x7F ? $"\\x{(int)c:X2}" : c.ToString()));
        return "'" + (escaped.Length > 24 ? escaped[..24] + "…" : escaped) + "'";
    }
}
