using System.Text.Json.Nodes;

namespace EmFunctional.Tests.Snapshots;

/// <summary>The snapshot helper itself, on verified files in a private temporary directory.</summary>
public sealed class ApprovedFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("approved-file-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JsonObject Value(double x, double y) => new()
    {
        ["name"] = "fit",
        ["iterations"] = 7,
        ["values"] = new JsonArray(1.5, x, new JsonArray(y, -2.0)),
    };

    private void Approve(JsonNode node, string name) =>
        File.WriteAllText(Path.Combine(_directory, name + ".verified.json"), ApprovedFile.Serialize(node));

    private string Received(string name) => Path.Combine(_directory, name + ".received.json");

    [Fact]
    public void A_difference_within_tolerance_passes_and_writes_nothing()
    {
        Approve(Value(-1130.2639601859, 1e-12), "within");
        // 1e-12 relative on a large number, and 5e-10 absolute on a number below 1: both within 1e-9.
        ApprovedFile.VerifyIn(_directory, Value(-1130.2639601859 * (1 + 1e-12), 5e-10), "within");
        Assert.False(File.Exists(Received("within")));
    }

    [Fact]
    public void A_real_difference_fails_names_the_path_and_writes_the_received_file()
    {
        Approve(Value(-1130.26396, 0.25), "changed");
        var changed = Value(-1130.26396, 0.25 + 1e-6);

        var failure = Assert.Throws<Xunit.Sdk.XunitException>(() => ApprovedFile.VerifyIn(_directory, changed, "changed"));

        Assert.Contains("$.values[2][0]", failure.Message);
        Assert.Contains("cp ", failure.Message);
        Assert.Contains("changed.received.json", failure.Message);
        Assert.DoesNotContain("$.values[1]", failure.Message);
        Assert.True(File.Exists(Received("changed")));
        Assert.True(JsonNode.DeepEquals(changed, JsonNode.Parse(File.ReadAllText(Received("changed")))));
    }

    [Fact]
    public void Accepting_the_received_file_makes_the_snapshot_pass_and_clears_it()
    {
        Approve(Value(1, 2), "accept");
        Assert.Throws<Xunit.Sdk.XunitException>(() => ApprovedFile.VerifyIn(_directory, Value(1, 3), "accept"));

        File.Copy(Received("accept"), Path.Combine(_directory, "accept.verified.json"), overwrite: true);
        ApprovedFile.VerifyIn(_directory, Value(1, 3), "accept");

        Assert.False(File.Exists(Received("accept")));
    }

    [Fact]
    public void A_missing_verified_file_fails_and_writes_the_received_file()
    {
        var failure = Assert.Throws<Xunit.Sdk.XunitException>(() => ApprovedFile.VerifyIn(_directory, Value(1, 2), "missing"));

        Assert.Contains("no verified file", failure.Message);
        Assert.True(File.Exists(Received("missing")));
    }

    [Fact]
    public void Structural_differences_are_reported_exactly()
    {
        var expected = new JsonObject { ["a"] = new JsonArray(1.0, 2.0), ["kind"] = "Full", ["b"] = 1 };
        var actual = new JsonObject { ["a"] = new JsonArray(1.0, 2.0, 3.0), ["kind"] = "Tied", ["c"] = 1 };

        var differences = ApprovedFile.Differences(expected, actual);

        Assert.Contains(differences, d => d.StartsWith("$.a:", StringComparison.Ordinal) && d.Contains("2 elements", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("$.kind:", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("$.b:", StringComparison.Ordinal) && d.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("$.c:", StringComparison.Ordinal) && d.Contains("not in the verified", StringComparison.Ordinal));
        Assert.Equal(4, differences.Count);
    }

    [Theory]
    [InlineData(1.0, 1.0 + 1e-10, true)]
    [InlineData(1e6, 1e6 * (1 + 1e-10), true)]
    [InlineData(1e6, 1e6 + 1e-2, false)]
    [InlineData(0.0, 1e-10, true)]
    [InlineData(0.0, 1e-8, false)]
    public void Numbers_match_within_a_relative_or_small_absolute_tolerance(double expected, double actual, bool match) =>
        Assert.Equal(match, ApprovedFile.NumbersMatch(expected, actual, ApprovedFile.DefaultTolerance));
}
