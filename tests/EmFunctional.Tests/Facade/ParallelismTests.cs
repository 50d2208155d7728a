namespace EmFunctional.Tests.Facade;

/// <summary>The facade's thread bound changes nothing but speed, is validated, and Iterate honours cancellation.</summary>
public sealed class ParallelismTests
{
    private static double[][] Rows()
    {
        var random = new Random(4);
        return [.. Enumerable.Range(0, 30_000).Select(i => new[] { 3.0 * (i % 2) + random.NextDouble(), random.NextDouble() - 2.0 * (i % 2) })];
    }

    [Fact]
    public void One_thread_and_all_cores_give_the_same_model()
    {
        var rows = Rows();
        var sequential = GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { MaxDegreeOfParallelism = 1, Restarts = 2 });
        var parallel = GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { Restarts = 2 });
        Assert.Equal(sequential.LogLikelihood, parallel.LogLikelihood);
        Assert.Equal(sequential.Parameters, parallel.Parameters);
        Assert.Equal(sequential.Iterations, parallel.Iterations);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void A_thread_bound_that_is_neither_minus_one_nor_positive_is_rejected(int threads)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Fit(Rows(), 2, new GaussianMixtureOptions { MaxDegreeOfParallelism = threads }));
        Assert.Contains("MaxDegreeOfParallelism", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => FamilyMixture.Fit(Rows(), 2, new FamilyMixtureOptions { MaxDegreeOfParallelism = threads }));
    }

    [Fact]
    public void Iterate_ends_before_the_next_iteration_once_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var seen = 0;
        foreach (var _ in GaussianMixture.Iterate(Rows(), 2, cancellation: cancellation.Token))
            if (++seen == 2) cancellation.Cancel();
        Assert.Equal(2, seen);
    }
}
