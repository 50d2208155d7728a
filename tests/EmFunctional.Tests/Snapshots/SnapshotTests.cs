using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;

namespace EmFunctional.Tests.Snapshots;

/// <summary>
/// Freezes our own fits with the default options (k-means++ start, seed 0, one start, tolerance 1e-3,
/// at most 100 iterations, regularization 1e-6) in <c>*.verified.json</c> beside this file, compared
/// to 1e-9 (see <see cref="ApprovedFile"/>). A failure means the numbers changed: check the
/// <c>*.received.json</c> it writes and accept it only if the change is intended.
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<CovarianceKind> Kinds() =>
        new(CovarianceKind.Full, CovarianceKind.Diagonal, CovarianceKind.Spherical, CovarianceKind.Tied);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Faithful_two_components(CovarianceKind kind)
    {
        var fit = Fit("faithful", kind, 2);
        ApprovedFile.Verify(FitSnapshot.ToJson(fit), $"{nameof(Faithful_two_components)}_{kind}");
    }

    [Fact]
    public void Iris_three_components_full()
    {
        var fit = Fit("iris", CovarianceKind.Full, 3);
        ApprovedFile.Verify(FitSnapshot.ToJson(fit), nameof(Iris_three_components_full));
    }

    private static FitResult<GaussianComponent> Fit(string dataSet, CovarianceKind kind, int components) =>
        Fitting.Fit(new GaussianFamily(kind), TestData.LoadDataset(dataSet), components, EmOptions.Default)
            .Match(Right: fit => fit, Left: error => throw new Xunit.Sdk.XunitException($"{dataSet} {kind} K={components}: {error.Message}"));
}
