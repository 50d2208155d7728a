namespace EmFunctional.Tests.Docs;

/// <summary>
/// The machinery of <see cref="TutorialTests"/> on its own: the "..." matching of shown output and the
/// shell's refusals, so that the tutorial's test can fail for the reasons it claims to check.
/// </summary>
public sealed class TutorialShellTests : IDisposable
{
    private readonly TutorialShell _shell = new(ApiDocument.RepositoryRoot);

    [Fact]
    public void Shown_output_matches_line_for_line()
    {
        Assert.Null(ShownOutput.Mismatch(["a", "  b"], ShownOutput.Lines("a\r\n  b  \n\n")));
        Assert.NotNull(ShownOutput.Mismatch(["a", "b"], ["a", "c"]));
        Assert.NotNull(ShownOutput.Mismatch(["a", "b"], ["a", "b", "c"]));
        Assert.NotNull(ShownOutput.Mismatch(["a", "b"], ["a", "  b"]));
    }

    [Fact]
    public void An_elision_stands_for_one_or_more_lines_never_none()
    {
        Assert.Null(ShownOutput.Mismatch(["a", "...", "d"], ["a", "b", "c", "d"]));
        Assert.Null(ShownOutput.Mismatch(["a", "..."], ["a", "b"]));
        Assert.Null(ShownOutput.Mismatch(["...", "x", "...", "x"], ["x", "x", "y", "x"]));
        Assert.NotNull(ShownOutput.Mismatch(["a", "...", "d"], ["a", "d"]));
        Assert.NotNull(ShownOutput.Mismatch(["a", "..."], ["a"]));
        Assert.NotNull(ShownOutput.Mismatch(["a", "...", "e"], ["a", "b", "c", "d"]));
    }

    [Theory]
    [InlineData("em fit | head -3")]
    [InlineData("em fit > out.txt")]
    [InlineData("ls -l")]
    [InlineData("em fit && em select")]
    [InlineData("echo $HOME")]
    [InlineData("dotnet test em-functional.sln")]
    [InlineData("alias em=\"dotnet run --project src/Other --\"")]
    [InlineData("head faithful.csv")]
    public void A_command_the_shell_cannot_run_is_refused(string line)
    {
        _shell.Run("alias em=\"dotnet run --project $PWD/src/EmFunctional.Cli --\"");
        Assert.Throws<ShellException>(() => _shell.Run(line));
    }

    [Fact]
    public void Em_must_be_defined_before_it_is_used()
    {
        var refused = Assert.Throws<ShellException>(() => _shell.Run("em fit"));
        Assert.Contains("alias em=", refused.Message);
    }

    [Fact]
    public void A_failing_command_fails_the_step()
    {
        _shell.Run("alias em=\"dotnet run --project $PWD/src/EmFunctional.Cli --\"");
        var failed = Assert.Throws<ShellException>(() => _shell.Run("em fit --components 0"));
        Assert.Contains("exit code 2", failed.Message);
    }

    [Fact]
    public void Writing_into_the_clone_is_refused()
    {
        _shell.Run("alias em=\"dotnet run --project $PWD/src/EmFunctional.Cli --\"");
        Assert.Throws<ShellException>(() => _shell.Run("em fit --output model.json"));
        Assert.False(File.Exists(ApiDocument.RepositoryFile("model.json")));
    }

    [Fact]
    public void Commands_run_in_the_working_directory_and_print_paths_relative_to_it()
    {
        _shell.Run("dotnet run --project src/EmFunctional.Cli -- --version");
        _shell.Run("mkdir -p ~/work");
        _shell.Run("cp src/EmFunctional.Cli/Data/faithful.csv ~/work/");
        _shell.Run("cd ~/work");
        var fit = _shell.Run($"dotnet run --project '{ApiDocument.RepositoryFile("src/EmFunctional.Cli")}' -- fit faithful.csv -o 'model.json'");
        Assert.StartsWith("Gaussian mixture fitted to faithful.csv\n", fit.Stdout, StringComparison.Ordinal);
        var written = Assert.Single(fit.WrittenFiles);
        Assert.Equal(Path.Combine(_shell.CurrentDirectory, "model.json"), written.Path);
        Assert.True(File.Exists(written.Path));
        Assert.Equal("eruptions,waiting\n3.6,79\n", _shell.Run("head -n 2 faithful.csv").Stdout);
    }

    public void Dispose() => _shell.Dispose();
}
