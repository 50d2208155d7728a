using System.Globalization;

namespace EmFunctional.Cli.Plots;

/// <summary>The words both pictures of a fit (<see cref="FitScatterPlot"/>, <see cref="FitHistogramPlot"/>) share.</summary>
internal static class FitPlotText
{
    /// <summary>"Mixture of 2 components, full covariance".</summary>
    public static string Title(FamilyMixtureModel model)
    {
        var covariance = model.Covariance is { } type ? $", {CliSpellings.Word(type)} covariance" : "";
        return $"Mixture of {model.Components} component{(model.Components == 1 ? "" : "s")}{covariance}";
    }

    /// <summary>"2 components, gaussian, full covariance": the model <paramref name="settings"/> ask for, before it is fitted.</summary>
    public static string Title(FitSettings settings, IReadOnlyList<ColumnFamily> families)
    {
        var kinds = families.Distinct().Select(CliSpellings.Word);
        var covariance = families.Contains(ColumnFamily.Gaussian) ? $", {CliSpellings.Word(settings.Covariance)} covariance" : "";
        return $"{settings.Components} component{(settings.Components == 1 ? "" : "s")}, {string.Join(" + ", kinds)}{covariance}";
    }

    /// <summary>"component 1 (π = 0.356)".</summary>
    public static string ComponentLabel(FamilyMixtureModel model, int component) =>
        $"component {component + 1} (π = {model.Weights[component].ToString("0.000", CultureInfo.InvariantCulture)})";

    /// <summary>"noise (π = 0.686)": the noise component's legend entry.</summary>
    public static string NoiseLabel(NoiseComponent noise) =>
        $"noise (π = {noise.Weight.ToString("0.000", CultureInfo.InvariantCulture)})";
}
