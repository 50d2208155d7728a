using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Selection;
using LanguageExt;
using LanguageExt.Common;
using static EmFunctional.Core.Tests.Selection.SelectionTestSupport;

namespace EmFunctional.Core.Tests.Selection;

/// <summary>
/// The best-cell rule on hand-made cells: the lowest score among successful cells; ties (equal up to
/// rounding) go to fewer free parameters, then to the earlier cell; failed cells never win.
/// </summary>
public class TieRuleTests
{
    private static readonly FitResult<GaussianComponent> Template =
        Fitting.Fit(new GaussianFamily(CovarianceKind.Spherical), Clusters(), 1, Options(restarts: 1)).Expect("template fit");

    private static readonly double LogN = Math.Log(Template.TotalWeight);

    /// <summary>A successful cell whose BIC is <paramref name="bic"/> with <paramref name="parameters"/> free parameters.</summary>
    private static SelectionCell<GaussianComponent> Cell(int index, double bic, int parameters)
    {
        // BIC = −2 log L + p ln n  ⇒  log L = (p ln n − BIC) / 2.
        var fit = Template with { LogLikelihood = (parameters * LogN - bic) / 2, FreeParameters = parameters };
        return new SelectionCell<GaussianComponent>(index, index + 1, "cell", parameters, 0, new SelectionFit<GaussianComponent>(fit, 0));
    }

    private static SelectionCell<GaussianComponent> Failed(int index, int parameters) =>
        new(index, index + 1, "failed", parameters, 0, Error.New("failed on purpose"));

    private static int Best(params SelectionCell<GaussianComponent>[] cells) =>
        SelectionGrid.Best(cells.ToArr(), SelectionCriterion.Bic).IfNone(-1);

    [Fact]
    public void A_lower_score_wins_whatever_the_parameter_count()
    {
        Assert.Equal(1, Best(Cell(0, 100, 5), Cell(1, 99, 50)));
    }

    [Fact]
    public void Equal_scores_go_to_fewer_parameters_even_later_in_the_grid()
    {
        Assert.Equal(2, Best(Cell(0, 100, 9), Cell(1, 100, 8), Cell(2, 100, 5), Cell(3, 100, 7)));
    }

    [Fact]
    public void Equal_scores_and_parameter_counts_go_to_the_earlier_cell()
    {
        Assert.Equal(1, Best(Cell(0, 101, 5), Cell(1, 100, 5), Cell(2, 100, 5)));
    }

    [Fact]
    public void Scores_equal_up_to_rounding_are_ties()
    {
        // K = 1 with full and tied covariance is one model computed along two paths: its BIC may differ
        // in the last bits, which must not decide anything.
        var bic = 2607.6225004390053;
        Assert.Equal(1, Best(Cell(0, bic + 1e-12 * bic, 6), Cell(1, bic, 5)));
        Assert.Equal(0, Best(Cell(0, bic, 5), Cell(1, bic * (1 - 1e-12), 5)));
        // A real difference is not a tie.
        Assert.Equal(1, Best(Cell(0, bic, 5), Cell(1, bic - 1e-6, 6)));
    }

    [Fact]
    public void Failed_cells_never_win()
    {
        Assert.Equal(2, Best(Failed(0, 1), Failed(1, 1), Cell(2, 1e9, 100)));
        Assert.Equal(-1, Best(Failed(0, 1), Failed(1, 2)));
    }

    [Fact]
    public void The_criterion_decides_which_score_is_compared()
    {
        // Same log-likelihood, different parameter counts: AIC and BIC both prefer fewer parameters;
        // with log-likelihoods far enough apart AIC (penalty 2p) and BIC (p ln n, n = 90) disagree.
        var few = Cell(0, 0, 3);
        var many = Template with { LogLikelihood = few.Outcome.Expect("cell").LogLikelihood + 5, FreeParameters = 6 };
        var cells = Arr.create(few, new SelectionCell<GaussianComponent>(1, 2, "cell", 6, 0, new SelectionFit<GaussianComponent>(many, 0)));
        // ΔAIC = −10 + 2·3 < 0 (more parameters win); ΔBIC = −10 + 3 ln 90 > 0 (fewer win).
        Assert.Equal(1, SelectionGrid.Best(cells, SelectionCriterion.Aic).IfNone(-1));
        Assert.Equal(0, SelectionGrid.Best(cells, SelectionCriterion.Bic).IfNone(-1));
    }
}
