using System.CommandLine;
using static EmFunctional.Cli.OptionParsers;

namespace EmFunctional.Cli;

/// <summary>
/// <c>--plot FILE</c> (on <c>fit</c>, <c>trace</c> and <c>select</c>) and <c>--axes A,B</c> (on <c>fit</c>): the
/// options that ask for a picture. Only the syntax is checked here; whether the file can be written
/// and the columns exist is checked against the file system and the data before any fitting.
/// </summary>
internal static class PlotOptions
{
    /// <summary><c>--plot FILE</c> with the command's own description of the picture.</summary>
    public static Option<string?> Plot(string description) => new("--plot")
    {
        Description = description + " Written atomically as a standalone SVG file (any browser shows it).",
        HelpName = "file.svg",
        CustomParser = result =>
        {
            var text = SingleToken(result);
            return text.Trim().Length == 0 ? Reject<string?>(result, "--plot: the file name is empty") : text;
        },
    };

    /// <summary><c>--axes A,B</c>: one or two column names.</summary>
    public static Option<IReadOnlyList<string>?> Axes() => new("--axes")
    {
        Description = "The columns --plot draws, by header name: two (a scatter plot with ellipses) or one (a histogram with densities). Default: the first two Gaussian columns.",
        HelpName = "a,b",
        CustomParser = result =>
        {
            var text = SingleToken(result);
            var names = text.Split(',').Select(name => name.Trim()).ToArray();
            if (names.Length > 2 || names.Any(name => name.Length == 0))
                return Reject<IReadOnlyList<string>?>(result, $"--axes: \"{EchoText.Of(text)}\" is not one or two column names separated by a comma, such as eruptions,waiting");
            return names;
        },
    };

    /// <summary>Makes <paramref name="axes"/> without <paramref name="plot"/> a parse error, rather than silently ignored.</summary>
    public static void RequirePlotForAxes(Command command, Option<string?> plot, Option<IReadOnlyList<string>?> axes) =>
        command.Validators.Add(result =>
        {
            if (result.GetResult(axes) is not null && result.GetResult(plot) is null)
                result.AddError("--axes: only used with --plot; add --plot file.svg");
        });
}
