namespace EmFunctional.Cli;

/// <summary>How <c>em fit</c> prints its result.</summary>
internal enum OutputFormat
{
    /// <summary>Tables for people (Spectre.Console).</summary>
    Text,

    /// <summary>One JSON object for programs.</summary>
    Json,
}
