using System.Globalization;
using System.Text;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// A seed fixes the result bit for bit: the same fit, run in separate processes that see 1, 2 or 16
/// processors (DOTNET_PROCESSOR_COUNT, which sets how many threads each E-step may use), prints the same
/// bytes. The data is large enough for the E-step to split into its full 64 chunks.
/// </summary>
public sealed class ReproducibilityProcessTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("gaussian", "full")]
    [InlineData("auto", "diag")]
    public void The_same_seed_prints_the_same_bytes_in_separate_processes_whatever_the_processor_count(string family, string covariance)
    {
        var path = _files.Write("reproducible.csv", MixedTable(rows: 20_000, seed: 17));
        string[] args = ["fit", path, "--components", "3", "--family", family, "--covariance", covariance, "--restarts", "3", "--seed", "11", "--labels", "--format", "json"];

        var outputs = new[] { "1", "2", "16", "2" }.Select(processors =>
        {
            var result = EmProcess.Run(args, environment: new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = processors });
            Assert.True(result.ExitCode == 0, $"{processors} processors: exit code {result.ExitCode}, stderr: {result.Stderr}");
            return (processors, result.Stdout);
        }).ToList();

        Assert.Contains("\"seed\": 11", outputs[0].Stdout);
        Assert.Contains("\"version\"", outputs[0].Stdout);
        foreach (var (processors, stdout) in outputs.Skip(1))
            Assert.True(outputs[0].Stdout == stdout, $"1 processor and {processors} processors print different output");
    }

    /// <summary>Three continuous columns and a 0/1 column from three latent classes.</summary>
    private static string MixedTable(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("x,y,z,flag\n");
        for (var i = 0; i < rows; i++)
        {
            var c = random.Next(3);
            double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var values = new[] { 4.0 * c + Normal(), -2.0 * c + Normal(), c + 0.5 * Normal(), random.NextDouble() < 0.2 + 0.3 * c ? 1 : 0 };
            text.AppendLine(string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
        return text.ToString();
    }
}
