using FsCheck;
using FsCheck.Fluent;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Selection;
using LanguageExt;
using static EmFunctional.Core.Tests.Selection.SelectionTestSupport;

namespace EmFunctional.Core.Tests.Selection;

/// <summary>
/// ICL as mclust computes it: BIC + 2E with E = −Σ_i w_i log max_k r_ik, the entropy of the MAP
/// classification. Hence ICL ≥ BIC, with equality exactly when responsibilities are hard.
/// </summary>
public class IclLaws
{
    [Fact]
    public void The_entropy_of_the_MAP_classification_matches_the_formula_with_weights()
    {
        // Rows: (0.7, 0.3), (0.5, 0.5), (0.1, 0.9), (1, 0) with weights 2, 1, 0, 3.
        var data = Generators.ToDataset([0, 1, 2, 3], 4, 1, [2, 1, 0, 3]);
        double[] responsibilities = [0.7, 0.3, 0.5, 0.5, 0.1, 0.9, 1, 0];

        var entropy = Icl.MapClassificationEntropy(data, responsibilities, 2);

        // The zero-weight row is absent; the hard row contributes nothing.
        TestSupport.AssertClose(-(2 * Math.Log(0.7) + 1 * Math.Log(0.5)), entropy, 1e-15, "E");
        TestSupport.AssertClose(
            InformationCriteria.Bic(-10, 4, 6) + 2 * entropy,
            InformationCriteria.Icl(-10, 4, 6, entropy), 1e-15, "ICL = BIC + 2E");
    }

    [SeededProperty(40)]
    public Property Icl_is_at_least_Bic_in_every_cell()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios(wellPosed: true, maxRows: 50)), scenario =>
        {
            var data = scenario.CreateData();
            var components = new[] { 1, scenario.Components }.Distinct().ToArr();
            var result = SelectionGrid.Run(data, components, GaussianKinds, Options(restarts: 1, seed: scenario.InitializationSeed)).Expect("grid");
            foreach (var cell in result.Cells)
                cell.Outcome.IfRight(fit =>
                {
                    Assert.True(fit.MapClassificationEntropy >= 0, $"E = {fit.MapClassificationEntropy}");
                    Assert.True(fit.Icl >= fit.Bic, $"{scenario}: ICL {fit.Icl:R} < BIC {fit.Bic:R}");
                    Assert.True(fit.MapClassificationEntropy <= data.TotalWeight * Math.Log(cell.Components) + 1e-9,
                        $"E = {fit.MapClassificationEntropy} exceeds n ln K");
                });
        });
    }

    [Fact]
    public void Icl_equals_Bic_when_responsibilities_are_hard()
    {
        // Clusters a thousand standard deviations apart: every responsibility is exactly 0 or 1.
        var data = Clusters(separation: 1000);
        var result = SelectionGrid.Run(data, Arr.create(1, 3), GaussianKinds, Options()).Expect("grid");

        foreach (var cell in result.Cells)
        {
            var fit = cell.Outcome.Expect($"cell {cell.Index}");
            Assert.Equal(0.0, fit.MapClassificationEntropy);
            TestSupport.AssertIdentical(fit.Bic, fit.Icl, $"K={cell.Components} {cell.Label}: ICL vs BIC");
        }
    }

    [Fact]
    public void Icl_exceeds_Bic_when_clusters_overlap()
    {
        var data = Clusters(separation: 1.5);
        var fit = SelectionGrid.Run(data, Arr.create(2), Arr.create(Gaussian(CovarianceKind.Full)), Options()).Expect("grid")
            .Cells[0].Outcome.Expect("cell");

        Assert.True(fit.Icl > fit.Bic + 1, $"ICL {fit.Icl} vs BIC {fit.Bic}");
        var (responsibilities, _) = Inference.Evaluate(new GaussianFamily(CovarianceKind.Full), data, fit.Fit.Mixture).Expect("evaluate");
        var labels = Inference.Labels(responsibilities, 2);
        var expected = -Enumerable.Range(0, data.Rows).Sum(i => Math.Log(responsibilities[i * 2 + labels[i]]));
        TestSupport.AssertClose(expected, fit.MapClassificationEntropy, 1e-12, "E from the MAP labels");
    }
}
