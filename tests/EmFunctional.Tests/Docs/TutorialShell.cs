using System.Text;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Docs;

/// <summary>What one command line of a document did: the files it wrote (by option) and what it printed.</summary>
/// <param name="Line">The command line as the document shows it.</param>
/// <param name="Stdout">What it printed on stdout, with paths under the working directory shown relative to it.</param>
/// <param name="WrittenFiles">The files named by <c>--output</c>, <c>-o</c> or <c>--plot</c> (absolute paths), with the command that wrote them.</param>
public sealed record ShellStep(string Line, string Stdout, IReadOnlyList<WrittenFile> WrittenFiles);

/// <summary>A file a command says it writes.</summary>
/// <param name="Path">Its absolute path.</param>
/// <param name="Option">The option that named it (<c>--output</c>, <c>-o</c> or <c>--plot</c>).</param>
/// <param name="Command">The em command that wrote it (<c>fit</c>, <c>predict</c>, …).</param>
public sealed record WrittenFile(string Path, string Option, string Command);

/// <summary>
/// Runs the shell commands of a document the way a reader types them in a fresh clone, with just enough
/// of a shell to do so without a process per command and without writing into the repository:
/// <list type="bullet">
/// <item><c>em …</c> (after <c>alias em="dotnet run --project $PWD/src/EmFunctional.Cli --"</c> in the
/// repository root) and <c>dotnet run --project src/EmFunctional.Cli -- …</c> run the real tool in-process
/// through <see cref="CliApp.Run(string[], TextWriter, TextWriter)"/>;</item>
/// <item><c>mkdir -p</c>, <c>cp</c>, <c>cd</c> and <c>head -N</c> do what the shell would;</item>
/// <item><c>~</c> is a fresh temporary directory, <c>$PWD</c> the current directory, and quotes group words.</item>
/// </list>
/// Anything else (pipes, redirections, other programs, other variables) is refused with a message naming
/// the line, so a document cannot show a command this test does not run. The shell starts in the
/// repository root and may read it (the bundled data) but not write there: a document whose commands
/// would litter the reader's clone fails.
/// </summary>
public sealed class TutorialShell : IDisposable
{
    private const string CliProject = "src/EmFunctional.Cli";

    private static readonly HashSet<string> OutputOptions = ["--output", "-o", "--plot"];

    // File arguments are recognized by extension; em's other values (numbers, ranges, column lists) never end so.
    private static readonly string[] FileExtensions = [".csv", ".tsv", ".json", ".svg"];

    private readonly string _home = Directory.CreateTempSubdirectory("em-tutorial-home-").FullName;
    private readonly string _repository;
    private bool _emDefined;

    /// <summary>A shell in <paramref name="repositoryRoot"/> with a fresh home directory.</summary>
    public TutorialShell(string repositoryRoot)
    {
        _repository = Path.GetFullPath(repositoryRoot);
        CurrentDirectory = _repository;
    }

    /// <summary>The directory relative paths are resolved against (absolute).</summary>
    public string CurrentDirectory { get; private set; }

    /// <summary>Runs one command line; throws <see cref="ShellException"/> when it cannot be run or fails.</summary>
    public ShellStep Run(string line)
    {
        var words = Words(line);
        if (words.Count == 0) throw new ShellException($"'{line}': nothing to run");
        return words[0] switch
        {
            "alias" => DefineEm(line, words),
            "em" when _emDefined => RunEm(line, words[1..]),
            "em" => throw new ShellException($"'{line}': em is not defined yet; the document must define it (alias em=\"dotnet run --project $PWD/{CliProject} --\") first"),
            "dotnet" => RunEm(line, CliArguments(line, words)),
            "mkdir" => MakeDirectory(line, words),
            "cp" => Copy(line, words),
            "cd" => ChangeDirectory(line, words),
            "head" => Head(line, words),
            _ => throw new ShellException($"'{line}': the test does not know how to run '{words[0]}'"),
        };
    }

    /// <summary>Splits a command line into words as a POSIX shell would for the subset this shell runs.</summary>
    public List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            if (!inWord && c == '~' && (i + 1 == line.Length || line[i + 1] == '/' || char.IsWhiteSpace(line[i + 1])))
            {
                word.Append(_home);
                inWord = true;
                continue;
            }
            inWord = true;
            switch (c)
            {
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0) throw new ShellException($"'{line}': unbalanced quote");
                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    var end = i + 1;
                    while (end < line.Length && line[end] != '"')
                    {
                        if (line[end] is '\\' or '`') throw new ShellException($"'{line}': the test does not run escapes or command substitution");
                        end++;
                    }
                    if (end == line.Length) throw new ShellException($"'{line}': unbalanced quote");
                    word.Append(Expand(line, line[(i + 1)..end]));
                    i = end;
                    break;
                case '|' or '>' or '<' or '&' or ';' or '`' or '(' or ')' or '*' or '?' or '\\':
                    throw new ShellException($"'{line}': the test does not run '{c}' (pipes, redirections, lists, globs); write the command without it");
                case '$':
                    var variable = line[i..].TakeWhile((ch, at) => at == 0 || char.IsLetterOrDigit(ch) || ch == '_').Count();
                    word.Append(Expand(line, line.Substring(i, variable)));
                    i += variable - 1;
                    break;
                default:
                    word.Append(c);
                    break;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    /// <summary>Deletes the temporary home directory.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; failing the run over it is not.
        }
    }

    private string Expand(string line, string text)
    {
        var expanded = text.Replace("$PWD", CurrentDirectory, StringComparison.Ordinal);
        if (expanded.Contains('$', StringComparison.Ordinal))
            throw new ShellException($"'{line}': the test knows only the variable $PWD");
        return expanded;
    }

    private ShellStep DefineEm(string line, List<string> words)
    {
        const string prefix = "em=";
        if (words.Count != 2 || !words[1].StartsWith(prefix, StringComparison.Ordinal))
            throw new ShellException($"'{line}': the test knows only the alias em=\"dotnet run --project $PWD/{CliProject} --\"");
        var command = Words(words[1][prefix.Length..]);
        if (command is not ["dotnet", "run", "--project", var project, "--"] || !IsCliProject(project))
            throw new ShellException($"'{line}': em must be defined as dotnet run --project <this clone's {CliProject}> --; here it would run {string.Join(' ', command)}");
        _emDefined = true;
        return new ShellStep(line, "", []);
    }

    private string[] CliArguments(string line, List<string> words)
    {
        if (words.Count < 5 || words[1] != "run" || words[2] != "--project" || !IsCliProject(words[3]) || words[4] != "--")
            throw new ShellException($"'{line}': the test runs dotnet only as dotnet run --project {CliProject} -- <em arguments>, from the repository root");
        return [.. words.Skip(5)];
    }

    private bool IsCliProject(string project) =>
        string.Equals(Path.GetFullPath(Path.Combine(CurrentDirectory, project)).TrimEnd(Path.DirectorySeparatorChar),
            Path.Combine(_repository, Path.Combine(CliProject.Split('/'))), StringComparison.Ordinal);

    private ShellStep RunEm(string line, IReadOnlyList<string> words)
    {
        // The tool resolves relative paths against the process's directory, which tests share: pass it
        // absolute paths, and show its output as a reader in CurrentDirectory would see it.
        var arguments = words.Select(word => IsFileArgument(word) ? Resolve(word) : word).ToArray();
        var written = new List<WrittenFile>();
        var command = arguments.FirstOrDefault() ?? "";
        for (var i = 0; i + 1 < arguments.Length; i++)
        {
            if (!OutputOptions.Contains(arguments[i])) continue;
            if (!IsFileArgument(words[i + 1])) throw new ShellException($"'{line}': the test recognizes written files by their extension ({string.Join(", ", FileExtensions)}); {words[i + 1]} has none of them");
            written.Add(new WrittenFile(CheckWritable(line, arguments[i + 1]), arguments[i], command));
        }

        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(arguments, stdout, stderr);
        if (exitCode != ExitCodes.Success || stderr.ToString().Length > 0)
            throw new ShellException($"'{line}' failed with exit code {exitCode}: {stderr}");
        return new ShellStep(line, Relative(stdout.ToString()), written);
    }

    private ShellStep MakeDirectory(string line, List<string> words)
    {
        if (words.Count != 3 || words[1] != "-p") throw new ShellException($"'{line}': the test runs mkdir only as mkdir -p DIR");
        Directory.CreateDirectory(CheckWritable(line, Resolve(words[2])));
        return new ShellStep(line, "", []);
    }

    private ShellStep Copy(string line, List<string> words)
    {
        if (words.Count != 3) throw new ShellException($"'{line}': the test runs cp only as cp FILE TARGET");
        var source = Resolve(words[1]);
        if (!File.Exists(source)) throw new ShellException($"'{line}': {words[1]} does not exist");
        var target = Resolve(words[2]);
        if (Directory.Exists(target)) target = Path.Combine(target, Path.GetFileName(source));
        File.Copy(source, CheckWritable(line, target), overwrite: true);
        return new ShellStep(line, "", []);
    }

    private ShellStep ChangeDirectory(string line, List<string> words)
    {
        if (words.Count != 2) throw new ShellException($"'{line}': the test runs cd only as cd DIR");
        var target = Resolve(words[1]);
        if (!Directory.Exists(target)) throw new ShellException($"'{line}': {words[1]} is not a directory");
        CurrentDirectory = target;
        return new ShellStep(line, "", []);
    }

    private ShellStep Head(string line, List<string> words)
    {
        var count = words switch
        {
            [_, var option, _] when option.Length > 1 && option[0] == '-' && option[1..].All(char.IsAsciiDigit) => int.Parse(option[1..]),
            [_, "-n", var number, _] when number.All(char.IsAsciiDigit) => int.Parse(number),
            _ => throw new ShellException($"'{line}': the test runs head only as head -N FILE or head -n N FILE"),
        };
        var file = Resolve(words[^1]);
        if (!File.Exists(file)) throw new ShellException($"'{line}': {words[^1]} does not exist");
        var lines = File.ReadLines(file).Take(count);
        return new ShellStep(line, string.Concat(lines.Select(text => text + "\n")), []);
    }

    private static bool IsFileArgument(string word) =>
        !word.StartsWith('-') && FileExtensions.Any(extension => word.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(CurrentDirectory, path));

    private string CheckWritable(string line, string path)
    {
        var home = _home.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!(path + Path.DirectorySeparatorChar).StartsWith(home, StringComparison.Ordinal))
            throw new ShellException($"'{line}' would write {path}, outside the reader's working directory (into the clone?); work in a directory of your own, e.g. under ~");
        return path;
    }

    private string Relative(string output) =>
        output.Replace(CurrentDirectory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
}

/// <summary>A document's command that the test cannot run, or that failed.</summary>
public sealed class ShellException(string message) : Exception(message);
