using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 13: <see cref="Dataset.Create"/> validates everything at once with messages that say where the
/// problem is: non-finite values by row and column, weights of the wrong length, negative or
/// non-finite weights by row, and all-zero weights.
/// </summary>
public class DatasetValidationTests
{
    private static Seq<Error> Errors(Validation<Error, Dataset> validation) =>
        validation.Match(Succ: _ => throw new Xunit.Sdk.XunitException("the dataset was accepted"), Fail: errors => errors);

    private static string Describe(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Infinity" : "-Infinity";

    [SeededProperty(200)]
    public Property NonFiniteValuesAreNamedByRowAndColumn()
    {
        var gen =
            from rows in Gen.Choose(1, 30)
            from columns in Gen.Choose(1, 5)
            from position in Gen.Choose(0, rows * columns - 1)
            from bad in Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity)
            select (rows, columns, position, bad);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (rows, columns, position, bad) = testCase;
            var values = Enumerable.Range(0, rows * columns).Select(i => (double)i).ToArray();
            values[position] = bad;
            var errors = Errors(Dataset.Create(values, rows, columns));
            var error = Assert.Single(errors);
            Assert.Equal(ErrorCodes.InvalidInput, error.Code);
            Assert.Contains($"row {position / columns}, column {position % columns}", error.Message);
            Assert.Contains(Describe(bad), error.Message);
        });
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var values = new[] { 1.0, double.NaN, 3.0, 4.0, 5.0, double.PositiveInfinity };
        var errors = Errors(Dataset.Create(values, 3, 2, [1.0, -2.0, double.NaN]));
        Assert.Equal(4, errors.Count);
        Assert.All(errors, e => Assert.Equal(e.Message.StartsWith("sample weight", StringComparison.Ordinal) ? ErrorCodes.InvalidWeights : ErrorCodes.InvalidInput, e.Code));
        Assert.All(errors, e => Assert.Equal(ErrorCodes.InvalidInput, ErrorCodes.KindOf(e.Code)));
        var messages = string.Join("\n", errors.Map(e => e.Message));
        Assert.Contains("row 0, column 1: NaN is not a finite number", messages);
        Assert.Contains("row 2, column 1: +Infinity is not a finite number", messages);
        Assert.Contains("sample weight of row 1 is -2", messages);
        Assert.Contains("sample weight of row 2 is NaN", messages);
    }

    [SeededProperty(100)]
    public Property WeightsOfTheWrongLengthAreRejected()
    {
        var gen =
            from rows in Gen.Choose(1, 20)
            from length in Gen.Choose(1, 25).Where(n => n != rows)
            select (rows, length);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (rows, length) = testCase;
            var error = Assert.Single(Errors(Dataset.Create(new double[rows], rows, 1, Enumerable.Repeat(1.0, length).ToArray())));
            Assert.Equal(ErrorCodes.InvalidWeights, error.Code);
            Assert.Contains($"sample weights have {length} entries but the data has {rows} rows", error.Message);
        });
    }

    [SeededProperty(100)]
    public Property NegativeWeightsAreNamedByRow()
    {
        var gen =
            from rows in Gen.Choose(1, 20)
            from row in Gen.Choose(0, rows - 1)
            from weight in Gen.Elements(-1e-300, -0.5, -3.0, double.NegativeInfinity)
            select (rows, row, weight);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (rows, row, weight) = testCase;
            var weights = Enumerable.Repeat(1.0, rows).ToArray();
            weights[row] = weight;
            var error = Assert.Single(Errors(Dataset.Create(new double[rows], rows, 1, weights)));
            Assert.Equal(ErrorCodes.InvalidWeights, error.Code);
            Assert.Contains($"sample weight of row {row} is", error.Message);
            Assert.Contains("non-negative", error.Message);
        });
    }

    [SeededProperty(20)]
    public Property AllZeroWeightsAreRejected()
    {
        var gen = Gen.Choose(1, 20);
        // One positive weight among zeros is enough.
        Assert.True(Dataset.Create([1.0, 2.0], 2, 1, [0.0, 1e-300]).IsSuccess);
        return Prop.ForAll(Arb.From(gen), rows =>
        {
            var error = Assert.Single(Errors(Dataset.Create(new double[rows], rows, 1, new double[rows])));
            Assert.Equal(ErrorCodes.InvalidWeights, error.Code);
            Assert.Contains("all sample weights are zero", error.Message);
        });
    }

    [Fact]
    public void ShapeProblemsAreRejected()
    {
        Assert.Contains("0 rows", Assert.Single(Errors(Dataset.Create([], 0, 2))).Message);
        Assert.Contains("0 columns", Assert.Single(Errors(Dataset.Create([], 2, 0))).Message);
        Assert.Contains("5 values", Assert.Single(Errors(Dataset.Create(new double[5], 2, 3))).Message);
        Assert.Contains("row 1 has 1 columns", Assert.Single(Errors(Dataset.FromRows([[1.0, 2.0], [3.0]]))).Message);
        Assert.True(Dataset.FromRows(Array.Empty<double[]>()).IsFail);
    }

    [SeededProperty(50)]
    public Property AValidDatasetIsAnImmutableCopy()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios()), scenario =>
        {
            var (values, weights) = scenario.CreateArrays();
            var data = Generators.ToDataset(values, scenario.Rows, scenario.Columns, weights);
            Assert.Equal(scenario.Rows, data.Rows);
            Assert.Equal(scenario.Columns, data.Columns);
            Assert.Equal(weights is not null, data.IsWeighted);
            TestSupport.AssertClose(weights?.Sum() ?? scenario.Rows, data.TotalWeight, 1e-15, "total weight");
            var copy = data.Values.ToArray();
            // Changing the caller's arrays afterwards must not leak into the dataset.
            Array.Fill(values, 42.0);
            if (weights is not null) Array.Fill(weights, 0.0);
            Assert.Equal(copy, data.Values.ToArray());
            for (var i = 0; i < data.Rows; i++)
            {
                Assert.Equal(copy.AsSpan(i * data.Columns, data.Columns).ToArray(), data.Row(i).ToArray());
                Assert.True(data.Weight(i) >= 0);
            }
        });
    }

    [Fact]
    public void CountDistinctRowsIgnoresDuplicatesAndZeroWeightRows()
    {
        var data = Dataset.Create([1.0, 1.0, 2.0, 1.0, 3.0, 4.0], 6, 1, [1.0, 2.0, 1.0, 0.5, 0.0, 1.0])
            .Match(Succ: d => d, Fail: _ => throw new InvalidOperationException());
        Assert.Equal(3, data.CountDistinctRows(int.MaxValue)); // 1, 2, 4 (3 has weight 0)
        Assert.Equal(2, data.CountDistinctRows(2));
    }
}
