using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EmFunctional.Cli;

/// <summary>
/// How every JSON document of the CLI is written: the reports (<see cref="JsonReportRenderer"/>,
/// <see cref="SelectJsonRenderer"/>) as exactly one indented object and a newline, the trace
/// (<see cref="JsonTraceWriter"/>) as one compact object per line. Each type is serialized through its
/// source-generated contract in <see cref="CliJsonContext"/> (camelCase names, declaration order), never
/// by reflection. System.Text.Json writes numbers in the invariant, shortest round-trip form, so the
/// output does not depend on the locale and the same run gives the same bytes.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        // Column names such as "température" stay readable; stdout is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><paramref name="report"/> as one indented JSON object followed by a newline.</summary>
    public static string Serialize<TReport>(TReport report, JsonTypeInfo<TReport> contract) => Write(report, contract, Indented);

    /// <summary><paramref name="line"/> as one compact JSON object followed by a newline (a JSON-lines line).</summary>
    public static string Line<TLine>(TLine line, JsonTypeInfo<TLine> contract) => Write(line, contract, Compact);

    private static string Write<T>(T value, JsonTypeInfo<T> contract, JsonWriterOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, options)) JsonSerializer.Serialize(writer, value, contract);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}

/// <summary>
/// The contracts of the CLI's JSON documents, generated at compile time: <c>em fit --format json</c>,
/// <c>em select --format json</c> and the lines of <c>em trace --format json</c>. Reflection-based
/// serialization is switched off in the project (JsonSerializerIsReflectionEnabledByDefault), so a type
/// missing here fails at once rather than being serialized some other way.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(JsonReport))]
[JsonSerializable(typeof(SelectJsonReport))]
[JsonSerializable(typeof(JsonTraceIteration))]
[JsonSerializable(typeof(JsonTraceFailure))]
[JsonSerializable(typeof(BootstrapJsonReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
