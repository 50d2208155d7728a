using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Selection;
using EmFunctional.Tests.Cli;
using EmFunctional.Tests.Reference;

namespace EmFunctional.Tests.Selection;

/// <summary>
/// The issue's "done means": <c>em select</c> with its defaults picks, for each covariance kind, the same
/// number of components by BIC (or one with a better BIC) as mclust 6.0.0 does for the matching model (full ↔ VVV, diag ↔ VVI,
/// spherical ↔ VII, tied ↔ EEE) over G = 1..6, on Old Faithful and on Iris. mclust's BIC table is in
/// <c>tests/data/reference/&lt;data&gt;.json</c> (<c>mclust_bic_table_mclust_convention</c>, higher is better,
/// = −ours).
/// </summary>
/// <remarks>
/// One case disagrees, for a reason the reference data itself shows, so it is asserted as such rather than
/// skipped: on Old Faithful with diagonal covariance mclust's table peaks at G = 3 (−2342.37) only because its
/// G = 4 fit stopped at its default tolerance on a plateau (log L −1118.49, BIC −2343.49). Run to tol 1e-10
/// (<c>loglik_tol1e10</c>) the same fit reaches −1112.88, BIC −2332.27, and G = 4 wins: mclust converged agrees
/// with us. Our cells: G = 3 −1132.25 (BIC 2342.99), G = 4 −1113.08 (BIC 2332.67). The margin between G = 3
/// and 4 at the best known optima (scikit-learn's extended search) is 0.23, so other seeds may pick 3.
/// A different K also passes when its BIC beats mclust's best, as the search issue's target allows: on Iris
/// with tied covariance mclust's G = 4 fit stops at a local optimum (−250.36) and G = 5 wins its table
/// (BIC 604.81); our default search reaches the best known G = 4 optimum, −223.05, BIC 591.41, which beats
/// both. Spikes (near-singular fits on repeated values, which win BIC under regularization 1e-6; see
/// docs/model-selection.md) stay fragile.
/// </remarks>
public sealed class MclustAgreementTests
{
    /// <summary>Cases where our choice differs from mclust's table, with the K we pick.</summary>
    private static readonly Dictionary<(string DataSet, string Kind), int> ExplainedDisagreements = new()
    {
        [("faithful", "diag")] = 4,
    };

    private static readonly Dictionary<string, Lazy<JsonElement>> Runs = ReferenceFiles.DataSets.ToDictionary(
        dataSet => dataSet,
        dataSet => new Lazy<JsonElement>(() => CliRun.Of("select", TestData.DataPath(dataSet + ".csv"), "--components", "1..6", "--covariance", "full,diag,spherical,tied", "--format", "json").Json()));

    public static TheoryData<string, string> Cases() => ReferenceFiles.DataSetAndKindCases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Em_select_picks_the_same_K_by_BIC_as_mclust(string dataSet, string kind)
    {
        var ours = OurBicTable(dataSet, kind);
        var ourChoice = ours.MinBy(entry => entry.Value).Key;
        var mclust = MclustTable(dataSet, kind);
        var mclustChoice = mclust.MaxBy(entry => entry.Value).Key;
        var tables = $"ours (lower is better): {Describe(ours)}; mclust {MclustModel(dataSet, kind)} (higher is better): {Describe(mclust)}";

        if (ExplainedDisagreements.TryGetValue((dataSet, kind), out var expected))
        {
            Assert.True(expected == ourChoice, $"{dataSet}, {kind}: we now pick K = {ourChoice}, not the documented {expected}; {tables}");
            Assert.NotEqual(mclustChoice, ourChoice);
            var tight = TightMclustTable(dataSet, kind);
            Assert.True(tight.MaxBy(entry => entry.Value).Key == ourChoice,
                $"{dataSet}, {kind}: the explanation no longer holds: mclust run to tol 1e-10 picks K = {tight.MaxBy(entry => entry.Value).Key} ({Describe(tight)})");
            return;
        }
        // The issue's target: the same K, or one whose BIC beats mclust's best (a better optimum than mclust reached).
        Assert.True(mclustChoice == ourChoice || ours[ourChoice] < -mclust[mclustChoice],
            $"{dataSet}, {kind}: we pick K = {ourChoice}, mclust picks G = {mclustChoice}, and our BIC there is not better than mclust's best; {tables}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Our_chosen_cells_are_not_near_singular(string dataSet, string kind)
    {
        var json = Runs[dataSet].Value;
        var chosen = OurBicTable(dataSet, kind).MinBy(entry => entry.Value).Key;
        var cell = json.GetProperty("cells").EnumerateArray()
            .Single(cell => cell.GetProperty("covariance").GetString() == MclustModel(dataSet, kind) && cell.GetProperty("components").GetInt32() == chosen);
        var message = cell.GetProperty("message");
        Assert.True(message.ValueKind == JsonValueKind.Null || !message.GetString()!.Contains("near-singular"), $"{dataSet}, {kind}, K = {chosen}: {message}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Our_BIC_of_mclusts_log_likelihood_is_minus_mclusts_BIC(string dataSet, string kind)
    {
        // Same parameter counts and the same formula up to sign: the argmax comparison above compares like with like.
        var mclust = MclustTable(dataSet, kind);
        foreach (var (k, mclustBic) in mclust)
        {
            var fit = ReferenceFiles.Fit(dataSet, kind, k);
            var parameters = InformationCriteria.MixtureParameters(k, new GaussianFamily(ReferenceFiles.Kind(kind)).FreeParameters(k, fit.Dimensions));
            Assert.Equal(fit.Parameters, parameters);
            var ours = InformationCriteria.Bic(fit.Mclust!.LogLikelihood, parameters, fit.Rows);
            Assert.True(Math.Abs(ours + mclustBic) <= 1e-6 * Math.Abs(mclustBic), $"{dataSet}, {kind}, K = {k}: our BIC {ours:R} vs mclust's {mclustBic:R}");
        }
    }

    [Fact]
    public void Over_every_kind_both_data_sets_pick_what_a_statistician_expects()
    {
        // mclust over its four analogues: EEE with G = 3 on Old Faithful, VVV with G = 2 on Iris.
        Assert.Equal(("EEE", 3), Best(Runs["faithful"].Value));
        Assert.Equal(("VVV", 2), Best(Runs["iris"].Value));
    }

    private static (string, int) Best(JsonElement json)
    {
        var best = json.GetProperty("best");
        Assert.Equal("bic", best.GetProperty("criterion").GetString());
        return (best.GetProperty("covariance").GetString()!, best.GetProperty("components").GetInt32());
    }

    /// <summary>K → our BIC for one covariance kind, from <c>em select --format json</c> (regular cells only), which names it as mclust does.</summary>
    private static Dictionary<int, double> OurBicTable(string dataSet, string kind) =>
        Runs[dataSet].Value.GetProperty("cells").EnumerateArray()
            .Where(cell => cell.GetProperty("covariance").GetString() == MclustModel(dataSet, kind) && cell.GetProperty("status").GetString() == "ok")
            .ToDictionary(cell => cell.GetProperty("components").GetInt32(), cell => cell.GetProperty("bic").GetDouble());

    private static readonly Dictionary<string, Lazy<JsonNode>> References = ReferenceFiles.DataSets.ToDictionary(
        dataSet => dataSet,
        dataSet => new Lazy<JsonNode>(() => JsonNode.Parse(File.ReadAllText(TestData.ReferencePath(dataSet + ".json")))!));

    private static JsonNode Reference(string dataSet) => References[dataSet].Value;

    private static string MclustModel(string dataSet, string kind) =>
        Reference(dataSet)["meta"]!["covariance_type_to_mclust_model"]![kind]!.GetValue<string>();

    /// <summary>G → mclust's BIC (its convention: higher is better) for the model matching <paramref name="kind"/>.</summary>
    private static Dictionary<int, double> MclustTable(string dataSet, string kind)
    {
        var table = Reference(dataSet)["mclust_bic_table_mclust_convention"]!;
        var groups = table["G"]!.AsArray().Select(g => g!.GetValue<int>()).ToArray();
        var values = table[MclustModel(dataSet, kind)]!.AsArray();
        return groups.Select((g, i) => (g, value: values[i]))
            .Where(entry => entry.value is not null)
            .ToDictionary(entry => entry.g, entry => entry.value!.GetValue<double>());
    }

    /// <summary>mclust's BIC with each fit run to tol 1e-10 (its default-tolerance log-likelihood where no tight one was recorded).</summary>
    private static Dictionary<int, double> TightMclustTable(string dataSet, string kind) =>
        MclustTable(dataSet, kind).Keys.ToDictionary(g => g, g =>
        {
            var fit = ReferenceFiles.Fit(dataSet, kind, g);
            var logLikelihood = fit.Mclust!.TightLogLikelihood ?? fit.Mclust.LogLikelihood;
            return -InformationCriteria.Bic(logLikelihood, fit.Parameters, fit.Rows);
        });

    private static string Describe(Dictionary<int, double> table) =>
        string.Join(", ", table.OrderBy(entry => entry.Key).Select(entry => $"{entry.Key}: {entry.Value.ToString("F2", CultureInfo.InvariantCulture)}"));
}
