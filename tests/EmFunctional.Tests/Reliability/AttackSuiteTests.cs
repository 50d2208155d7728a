using System.Diagnostics;
using EmFunctional.Tests.Cli;
using Xunit.Abstractions;

namespace EmFunctional.Tests.Reliability;

/// <summary>
/// The attack suite (issue 12, item 8): <c>em</c> run on a corpus of hostile cases (<see cref="AttackCorpus"/>:
/// outputs over inputs, malformed and enormous CSV, every numeric option out of range, broken model files,
/// outputs in impossible places, a full or read-only disk). Whatever the case, the tool never ends in exit code
/// 1 (an internal error) and ends in the outcome the case names: 0, or 2 with exactly one line on stderr that
/// starts <c>em: </c>, is at most <see cref="LongestErrorLine"/> characters, holds no control character (none
/// below U+0020, no U+007F) and no stack trace, with nothing on stdout. No NaN, Infinity or -Infinity appears
/// on stdout or in any file a run writes. A refused run changes nothing: every file that existed before (inputs
/// and old outputs, compared by SHA-256) is as it was, and no file (not even a hidden temporary) is left behind;
/// a successful run changes only the outputs it was asked for. Each case runs in a fresh directory of its own,
/// in-process (<see cref="CliRun"/>) except the few that need a real process for their standard input.
/// </summary>
public sealed class AttackSuiteTests(ITestOutputHelper output)
{
    /// <summary>The longest error line the suite accepts.</summary>
    public const int LongestErrorLine = 400;

    private static readonly string[] NonFinite = ["NaN", "Infinity", "\u221E"];

    public static TheoryData<string> Names() => [.. AttackCorpus.All.Select(c => c.Name)];

    public static TheoryData<string> DiskNames() => [.. AttackDisks.All.Select(c => c.Name)];

    [Fact]
    public void The_corpus_has_at_least_150_distinctly_named_cases_and_every_row_of_the_issue()
    {
        Assert.True(AttackCorpus.All.Count >= 150, $"only {AttackCorpus.All.Count} cases");
        Assert.Equal(AttackCorpus.All.Count, AttackCorpus.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.True(AttackCorpus.All.Count(c => c.Name.StartsWith("issue: ", StringComparison.Ordinal)) >= 17);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Em_ends_by_the_rules(string name) => Attack(AttackCorpus.Named(name), output);

    [TmpfsTheory]
    [MemberData(nameof(DiskNames))]
    public void Em_ends_by_the_rules_on_a_full_or_read_only_disk(string name) => Attack(AttackDisks.All.Single(c => c.Name == name), output);

    [UnreadableFileFact]
    public void An_unreadable_input_is_refused()
    {
        var attack = new AttackCase("unreadable input", AttackOutcome.Refused, ["fit", "{d}/locked.csv"])
        {
            Setup = d =>
            {
                var locked = d.Data("locked.csv");
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(locked, UnixFileMode.None);
            },
            MessageContains = ["locked.csv"],
        };
        Attack(attack, output);
    }

    /// <summary>
    /// A signal in the middle of a long run, in a real process: <c>em fit</c> ends with the signal's exit code and
    /// saves the state reached (a complete model, finite numbers) or leaves the old one; <c>em select</c> ends at
    /// once and leaves its old picture. Either way the data is unchanged and no temporary file is left.
    /// </summary>
    [Theory]
    [InlineData("INT", 130, "fit")]
    [InlineData("TERM", 143, "fit")]
    [InlineData("INT", 130, "select")]
    [InlineData("TERM", 143, "select")]
    public async Task A_signal_during_a_long_run_ends_by_the_rules(string signal, int exitCode, string command)
    {
        if (!OperatingSystem.IsLinux()) return;
        var directory = new AttackDirectory(Directory.CreateTempSubdirectory("em-attack-").FullName);
        try
        {
            var data = directory.Write("data.csv", AttackFiles.Table(["a", "b", "c"], 300, (i, j) => (i % 3) * 5 + j * (i % 2) + 0.37 * ((i * 7 + j * 3) % 11 - 5) + 0.001 * i));
            var old = directory.Write(command == "fit" ? "old.json" : "old.svg", "old\n");
            string[] args = command == "fit"
                ? ["fit", data, "-k", "5", "--max-iterations", "2147483647", "--tolerance", "0", "--output", old, "--format", "json"]
                : ["select", data, "--components", "1..1000", "--restarts", "20", "--tolerance", "0", "--plot", old, "--format", "json"];
            var dataHash = AttackFiles.Snapshot(directory.Path)["data.csv"];
            using var process = EmProcess.Start(args);
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.False(process.HasExited, "em ended before the signal");
            using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "em did not end after the signal");
            var outText = await stdout;
            var errText = await stderr;
            var report = $"em {string.Join(' ', args)}\nexit code {process.ExitCode}\nstdout: {Shown(outText)}\nstderr: {Shown(errText)}";
            output.WriteLine(report);

            Assert.True(process.ExitCode == exitCode, $"expected exit code {exitCode}\n{report}");
            var after = AttackFiles.Snapshot(directory.Path);
            Assert.True(after["data.csv"] == dataHash, $"the data changed\n{report}");
            Assert.True(after.Keys.Order(StringComparer.Ordinal).SequenceEqual(["data.csv", Path.GetFileName(old)]), $"files left: {string.Join(", ", after.Keys)}\n{report}");
            foreach (var word in NonFinite) Assert.False(outText.Contains(word, StringComparison.Ordinal), $"stdout holds {word}\n{report}");
            var saved = File.ReadAllText(old);
            if (saved == "old\n") return;
            if (command == "select")
            {
                // An interrupted select draws the cells it finished: a whole picture, never a torn one.
                foreach (var word in NonFinite) Assert.False(saved.Contains(word, StringComparison.Ordinal), $"the plot holds {word}\n{report}");
                Assert.StartsWith("<?xml", saved);
                Assert.EndsWith("</svg>\n", saved);
            }
            else
            {
                foreach (var word in NonFinite) Assert.False(saved.Contains(word, StringComparison.Ordinal), $"the saved model holds {word}\n{report}");
                using var model = System.Text.Json.JsonDocument.Parse(saved);
                Assert.Equal("cancelled", model.RootElement.GetProperty("fit").GetProperty("stopReason").GetString());
            }
        }
        finally
        {
            Directory.Delete(directory.Path, recursive: true);
        }
    }

    /// <summary>Runs <paramref name="attack"/> in a fresh directory and checks every rule of the suite.</summary>
    internal static void Attack(AttackCase attack, ITestOutputHelper output)
    {
        var directory = new AttackDirectory(Directory.CreateTempSubdirectory("em-attack-").FullName);
        try
        {
            attack.Setup(directory);
            var before = AttackFiles.Snapshot(directory.Path);
            string[] args = [.. attack.Args.Select(a => a.Replace("{d}", directory.Path))];
            var (exitCode, stdout, stderr) = Run(args, attack.Stdin);
            var after = AttackFiles.Snapshot(directory.Path);

            var report = $"em {string.Join(' ', args.Select(Shown))}\nexit code {exitCode}\nstdout: {Shown(stdout)}\nstderr: {Shown(stderr)}";
            output.WriteLine(report);

            Assert.True(exitCode != 1, $"internal error\n{report}");
            switch (attack.Outcome)
            {
                case AttackOutcome.Success: Assert.True(exitCode == 0, $"expected exit code 0\n{report}"); break;
                case AttackOutcome.Refused: Assert.True(exitCode == 2, $"expected exit code 2\n{report}"); break;
                default: Assert.True(exitCode is 0 or 2, $"expected exit code 0 or 2\n{report}"); break;
            }

            foreach (var word in NonFinite) Assert.False(stdout.Contains(word, StringComparison.Ordinal), $"stdout holds {word}\n{report}");
            foreach (var word in attack.NeverSays) Assert.False((stdout + stderr).Contains(word, StringComparison.Ordinal), $"the output says \"{word}\"\n{report}");
            Assert.False(stderr.Contains("   at ", StringComparison.Ordinal) || stderr.Contains("Exception", StringComparison.Ordinal), $"a stack trace or exception on stderr\n{report}");

            if (exitCode == 2)
            {
                AssertOneErrorLine(stderr, report);
                if (!attack.StreamsBeforeFailing) Assert.True(stdout.Length == 0, $"stdout is not empty on exit code 2\n{report}");
                foreach (var word in attack.MessageContains) Assert.True(stderr.Contains(word, StringComparison.Ordinal), $"the error line does not name \"{word}\"\n{report}");
                Assert.True(before.SequenceEqual(after), $"files changed although the run was refused:\n{Difference(before, after)}\n{report}");
            }
            else
            {
                foreach (var word in attack.StdoutContains) Assert.True(stdout.Contains(word, StringComparison.Ordinal), $"stdout does not hold \"{word}\"\n{report}");
                bool IsOutput(string path) => attack.Outputs.Contains(path, StringComparer.Ordinal);
                foreach (var (path, hash) in before)
                    if (!IsOutput(path))
                        Assert.True(after.TryGetValue(path, out var now) && now == hash, $"{path} changed although it is not an output\n{report}");
                foreach (var path in after.Keys.Except(before.Keys))
                    Assert.True(IsOutput(path), $"{path} appeared although it is not an output\n{Difference(before, after)}\n{report}");
                foreach (var (path, hash) in after)
                {
                    if (before.TryGetValue(path, out var old) && old == hash) continue;
                    var file = directory[path];
                    if (!File.Exists(file)) continue;
                    var text = File.ReadAllText(file);
                    foreach (var word in NonFinite) Assert.False(text.Contains(word, StringComparison.Ordinal), $"the output file {path} holds {word}\n{report}");
                }
            }
        }
        finally
        {
            AttackDisks.Unmount(directory.Path);
            try
            {
                // Only top-level files ever lose their modes; links (dangling, or to the directory itself) are not followed.
                if (!OperatingSystem.IsWindows())
                    foreach (var file in Directory.EnumerateFiles(directory.Path).Where(f => new FileInfo(f).LinkTarget is null)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Directory.Delete(directory.Path, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // A leftover temporary directory is harmless.
            }
        }
    }

    private static void AssertOneErrorLine(string stderr, string report)
    {
        Assert.True(stderr.EndsWith('\n'), $"stderr does not end in a line break\n{report}");
        var line = stderr[..^1];
        Assert.True(line.StartsWith("em: ", StringComparison.Ordinal), $"the error line does not start with \"em: \"\n{report}");
        Assert.True(!line.Contains('\n'), $"stderr holds more than one line\n{report}");
        Assert.True(line.Length <= LongestErrorLine, $"the error line has {line.Length} characters, more than {LongestErrorLine}\n{report}");
        var control = line.FirstOrDefault(c => c < 0x20 || c == 0x7F);
        Assert.True(control == default(char) && !line.Contains('\0'), $"the error line holds the control character U+{(int)control:X4}\n{report}");
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string[] args, string? stdin)
    {
        if (stdin is null)
        {
            var run = CliRun.Of(args);
            return (run.ExitCode, run.Stdout, run.Stderr);
        }
        var process = EmProcess.Run(args, stdin);
        return (process.ExitCode, process.Stdout, process.Stderr);
    }

    private static string Difference(SortedDictionary<string, string> before, SortedDictionary<string, string> after) => string.Join("\n",
        before.Keys.Union(after.Keys).Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || a != b)
            .Select(k => $"  {k}: {(before.TryGetValue(k, out var b) ? b[..Math.Min(16, b.Length)] : "(none)")} -> {(after.TryGetValue(k, out var a) ? a[..Math.Min(16, a.Length)] : "(gone)")}"));

    /// <summary>Text as a report shows it: control characters escaped, at most 600 characters.</summary>
    private static string Shown(string text)
    {
        var escaped = string.Concat(text.Take(600).Select(c => c < 0x20 || c == 0x7F ? $"\\x{(int)c:X2}" : c.ToString()));
        return text.Length > 600 ? $"{escaped}… ({text.Length} characters)" : escaped;
    }
}

/// <summary>A fact skipped (and reported as skipped) where chmod 000 does not stop this process reading a file (root).</summary>
public sealed class UnreadableFileFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(() =>
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return "no Unix file modes here";
        var file = Path.GetTempFileName();
        try
        {
            File.SetUnixFileMode(file, UnixFileMode.None);
            using var _ = File.OpenRead(file);
            return "this process reads a file with mode 000 (it runs as root), so an unreadable input cannot be made";
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Delete(file);
        }
    });

    public UnreadableFileFactAttribute()
    {
        if (Reason.Value is { } reason) Skip = reason;
    }
}

/// <summary>A theory skipped (and reported as skipped) where this process may not mount a tmpfs (not root, no mount).</summary>
public sealed class TmpfsTheoryAttribute : TheoryAttribute
{
    public TmpfsTheoryAttribute()
    {
        if (AttackDisks.CannotMount.Value is { } reason) Skip = reason;
    }
}

/// <summary>
/// The disk cases: outputs onto a tiny tmpfs filled to the last byte (<c>full/</c>) or mounted read-only
/// (<c>ro/</c>), with old outputs that must survive.
/// </summary>
public static class AttackDisks
{
    /// <summary>Null when a tmpfs can be mounted here, else why not.</summary>
    public static readonly Lazy<string?> CannotMount = new(() =>
    {
        if (!OperatingSystem.IsLinux()) return "tmpfs needs Linux";
        var directory = Directory.CreateTempSubdirectory("em-attack-mount-").FullName;
        try
        {
            var (code, text) = Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", directory);
            if (code != 0) return $"mounting a tmpfs is not permitted here ({text.Trim()}), so the disk-full cases are not run";
            Command("umount", directory);
            return null;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return $"no mount command ({exception.Message}), so the disk-full cases are not run";
        }
        finally
        {
            Directory.Delete(directory);
        }
    });

    private const string D = "{d}/data.csv";
    private const string M = "{d}/model.json";

    private static void Full(AttackDirectory d, bool withOld = true)
    {
        d.Data();
        d.Model();
        Directory.CreateDirectory(d["full"]);
        Mount(d["full"], "size=64k");
        if (withOld) d.Write("full/old.json", "{\"old\": true}\n");
        using var filler = File.Create(d["full/filler"]);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // The disk is full.
        }
    }

    private static void ReadOnly(AttackDirectory d)
    {
        d.Data();
        d.Model();
        d.Write("old.json", "{\"old\": true}\n");
        Directory.CreateDirectory(d["ro"]);
        Mount(d["ro"], "ro,size=64k");
    }

    // The error line names the option and the file as given, says why in plain words, and never shows the hidden temporary file.
    private static readonly string[] Hidden = [".tmp"];
    private static readonly string[] NoSpace = ["cannot write: no space left on the device; nothing was changed"];
    private static readonly string[] ReadOnlyDisk = ["cannot write: read-only file system; nothing was changed"];

    public static IReadOnlyList<AttackCase> All { get; } =
    [
        new("disk full: fit --output over an old model", AttackOutcome.Refused, ["fit", D, "--output", "{d}/full/old.json"]) { Setup = d => Full(d), MessageContains = ["--output ", "full/old.json: ", .. NoSpace], NeverSays = Hidden },
        new("disk full: fit --output a new model", AttackOutcome.Refused, ["fit", D, "--output", "{d}/full/new.json"]) { Setup = d => Full(d), MessageContains = ["--output ", "full/new.json: ", .. NoSpace], NeverSays = Hidden },
        new("disk full: fit --plot", AttackOutcome.Refused, ["fit", D, "--plot", "{d}/full/p.svg"]) { Setup = d => Full(d), MessageContains = ["--plot ", "full/p.svg: ", .. NoSpace], NeverSays = Hidden },
        new("disk full: fit --output old.json elsewhere, --plot on the full disk", AttackOutcome.Refused, ["fit", D, "--output", "{d}/old.json", "--plot", "{d}/full/p.svg"])
        {
            Setup = d => { Full(d); d.Write("old.json", "{\"old\": true}\n"); },
            MessageContains = ["--plot ", "full/p.svg: ", .. NoSpace],
            NeverSays = Hidden,
        },
        new("disk full: fit --output on a link to the full disk", AttackOutcome.Refused, ["fit", D, "--output", "{d}/link.json"])
        {
            Setup = d => { Full(d); File.CreateSymbolicLink(d["link.json"], "full/old.json"); },
            MessageContains = ["--output ", "link.json: ", .. NoSpace],
            NeverSays = Hidden,
        },
        new("disk full: predict -o", AttackOutcome.Refused, ["predict", M, D, "-o", "{d}/full/p.csv"]) { Setup = d => Full(d), MessageContains = ["--output ", "full/p.csv: ", .. NoSpace], NeverSays = Hidden },
        new("disk full: sample -o", AttackOutcome.Refused, ["sample", M, "-n", "300", "-o", "{d}/full/s.csv"]) { Setup = d => Full(d), MessageContains = ["--output ", "full/s.csv: ", .. NoSpace], NeverSays = Hidden },
        new("disk full: select --plot", AttackOutcome.Refused, ["select", D, "--components", "1..2", "--restarts", "1", "--plot", "{d}/full/p.svg"]) { Setup = d => Full(d), MessageContains = ["--plot ", "full/p.svg: ", .. NoSpace], NeverSays = Hidden },
        new("disk full: trace --plot", AttackOutcome.Refused, ["trace", D, "--plot", "{d}/full/p.svg"]) { Setup = d => Full(d), StreamsBeforeFailing = true, MessageContains = ["--plot ", "full/p.svg: ", .. NoSpace], NeverSays = Hidden },
        new("read-only: fit --output old.json elsewhere, --plot on a read-only disk", AttackOutcome.Refused, ["fit", D, "--output", "{d}/old.json", "--plot", "{d}/ro/p.svg"]) { Setup = ReadOnly, MessageContains = ["--plot ", "ro/p.svg: ", .. ReadOnlyDisk], NeverSays = Hidden },
        new("read-only: fit --output", AttackOutcome.Refused, ["fit", D, "--output", "{d}/ro/m.json"]) { Setup = ReadOnly, MessageContains = ["--output ", "ro/m.json: ", .. ReadOnlyDisk], NeverSays = Hidden },
        new("read-only: sample -o", AttackOutcome.Refused, ["sample", M, "-n", "5", "-o", "{d}/ro/s.csv"]) { Setup = ReadOnly, MessageContains = ["--output ", "ro/s.csv: ", .. ReadOnlyDisk], NeverSays = Hidden },
    ];

    private static void Mount(string directory, string options)
    {
        var (code, text) = Command("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory);
        if (code != 0) throw new InvalidOperationException($"mount {directory}: {text}");
    }

    /// <summary>Unmounts whatever this suite mounted under <paramref name="directory"/>.</summary>
    public static void Unmount(string directory)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/mounts")) return;
        foreach (var line in File.ReadAllLines("/proc/mounts"))
        {
            var fields = line.Split(' ');
            if (fields.Length > 1 && fields[1].StartsWith(directory + "/", StringComparison.Ordinal)) Command("umount", fields[1]);
        }
    }

    private static (int Code, string Text) Command(string name, params string[] args)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, text);
    }
}
