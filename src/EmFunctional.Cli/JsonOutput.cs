using System.Text.Encodings.Web;
using System.Text.Json;

namespace EmFunctional.Cli;

/// <summary>
/// How both JSON reports (<see cref="JsonReportRenderer"/>, <see cref="SelectJsonRenderer"/>) are written:
/// exactly one indented object with camelCase names and a newline. System.Text.Json writes numbers in the
/// invariant, shortest round-trip form, so the output does not depend on the locale and the same run
/// gives the same bytes.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Column names such as "température" stay readable; stdout is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    /// <summary><paramref name="report"/> as one JSON object followed by a newline.</summary>
    public static string Serialize<TReport>(TReport report) =>
        JsonSerializer.Serialize(report, SerializerOptions) + "\n";
}
