using System.Text.Json.Nodes;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;

namespace EmFunctional.Tests.Snapshots;

/// <summary>The JSON form of a Gaussian fit that the snapshot tests freeze.</summary>
public static class FitSnapshot
{
    /// <summary>
    /// Weights, means and full covariances in the fit's own component order (a reordering is a change
    /// worth seeing), the total log-likelihood at the returned parameters, the iteration count, the stop
    /// reason and the winning restart.
    /// </summary>
    public static JsonObject ToJson(FitResult<GaussianComponent> fit)
    {
        var mixture = fit.Mixture;
        var d = mixture.Components[0].Dimensions;
        return new JsonObject
        {
            ["covarianceKind"] = mixture.Components[0].Kind.ToString(),
            ["components"] = mixture.Count,
            ["dimensions"] = d,
            ["logLikelihood"] = fit.LogLikelihood,
            ["iterations"] = fit.Iterations,
            ["stopReason"] = fit.StopReason.ToString(),
            ["bestRestart"] = fit.BestRestart,
            ["freeParameters"] = fit.FreeParameters,
            ["weights"] = Array(mixture.Weights),
            ["means"] = new JsonArray(mixture.Components.Map(component => (JsonNode?)Array(component.Mean.ToArray())).ToArray()),
            ["covariances"] = new JsonArray(mixture.Components.Map(component => (JsonNode?)Matrix(component.FullCovariance(), d)).ToArray()),
        };
    }

    private static JsonArray Array(IEnumerable<double> values) => new(values.Select(value => (JsonNode?)JsonValue.Create(value)).ToArray());

    private static JsonArray Matrix(double[] rowMajor, int d) =>
        new(Enumerable.Range(0, d).Select(i => (JsonNode?)Array(rowMajor.Skip(i * d).Take(d))).ToArray());
}
