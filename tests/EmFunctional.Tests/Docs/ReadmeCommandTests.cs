namespace EmFunctional.Tests.Docs;

/// <summary>
/// The README's section on the em tool, in a working directory holding a copy of the bundled data, with
/// <c>em</c> defined: the set-up its prose points to (the tutorial's first block).
/// </summary>
public sealed class ReadmeRun() : DocumentRun("README.md", "## The `em` tool",
[
    "alias em=\"dotnet run --project $PWD/src/EmFunctional.Cli --\"",
    "mkdir -p ~/em-readme",
    "cp src/EmFunctional.Cli/Data/faithful.csv ~/em-readme/",
    "cd ~/em-readme",
]);

/// <summary>The README's examples of the em tool (see <see cref="DocumentCommandTests{TRun}"/>).</summary>
public sealed class ReadmeCommandTests(ReadmeRun run) : DocumentCommandTests<ReadmeRun>(run), IClassFixture<ReadmeRun>;
