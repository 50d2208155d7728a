namespace EmFunctional.Tests.Facade;

/// <summary>
/// <see cref="ColumnFamilyCatalog"/>, <see cref="FamilyMixtureModel.ValueProblem"/> and
/// <see cref="ColumnGroupParameters.Values"/>: what a tool needs to offer, check and report every family
/// without knowing any (the <c>em</c> tool uses only these).
/// </summary>
public sealed class ColumnFamilyCatalogTests
{
    [Fact]
    public void Every_family_is_registered_once_with_its_own_word_name_and_choice()
    {
        Assert.Equal(Enum.GetValues<ColumnFamily>(), ColumnFamilyCatalog.All);
        Assert.Equal(["gaussian", "bernoulli", "categorical", "poisson"], ColumnFamilyCatalog.All.Select(ColumnFamilyCatalog.Word));
        Assert.Equal(["Gaussian", "Bernoulli", "categorical", "Poisson"], ColumnFamilyCatalog.All.Select(ColumnFamilyCatalog.Name));
        var choices = ColumnFamilyCatalog.All.Select(ColumnFamilyCatalog.Choice).ToArray();
        Assert.Equal(choices.Length, choices.Distinct().Count());
        Assert.Equal(Enum.GetValues<FamilyChoice>().Where(choice => choice != FamilyChoice.Auto), choices);
    }

    [Fact]
    public void A_family_choice_makes_every_column_of_its_family()
    {
        double[][] rows = [[0, 1], [1, 0], [1, 1], [0, 0]];
        foreach (var family in ColumnFamilyCatalog.All)
            Assert.All(FamilyMixture.ColumnFamiliesOf(rows, new FamilyMixtureOptions { Family = ColumnFamilyCatalog.Choice(family) }), f => Assert.Equal(family, f));
    }

    [Theory]
    [InlineData(ColumnFamily.Bernoulli, 2.0, "2 is not 0 or 1; a Bernoulli column holds only 0 and 1")]
    [InlineData(ColumnFamily.Bernoulli, 1.0, null)]
    [InlineData(ColumnFamily.Poisson, -1.0, "-1 is not a count; a Poisson column holds non-negative integers")]
    [InlineData(ColumnFamily.Poisson, 3e9, "3000000000 is too large a count; a Poisson column holds counts up to 2147483647")]
    [InlineData(ColumnFamily.Poisson, 7.0, null)]
    [InlineData(ColumnFamily.Categorical, 0.5, "0.5 is not a category code; a categorical column holds integer codes 0, 1, 2, ...")]
    [InlineData(ColumnFamily.Categorical, 1048576.0, "1048576 is too large a category code; a categorical column holds codes 0 to 1048575")]
    [InlineData(ColumnFamily.Gaussian, -2.5, null)]
    public void The_value_rule_names_the_value_and_the_rule(ColumnFamily family, double value, string? problem) =>
        Assert.Equal(problem, ColumnFamilyCatalog.Problem(family, value));

    [Fact]
    public void The_value_rule_is_the_one_fit_applies()
    {
        double[][] rows = [[0, 1], [1, 0], [0, 3], [1, 1]];
        var error = Assert.Throws<DataValueException>(() => FamilyMixture.Fit(rows, 1, new FamilyMixtureOptions { Family = FamilyChoice.Bernoulli }));
        Assert.Equal((2, 1), (error.Row, error.Column));
        Assert.Equal(ColumnFamilyCatalog.Problem(ColumnFamily.Bernoulli, 3), error.Problem);
        Assert.Equal($"row 2, column 1: {error.Problem} (Parameter 'data')", error.Message);
    }

    [Fact]
    public void A_model_refuses_a_category_code_it_never_saw_as_its_inference_does()
    {
        double[][] rows = [[0, 2], [1, 0], [2, 1], [0, 1], [1, 2], [2, 0]];
        var model = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { Family = FamilyChoice.Categorical, UsePriors = true });
        Assert.Null(model.ValueProblem(1, 2));
        Assert.Equal("3 is a category code the model never saw; it was fitted on codes 0 to 2 in this column", model.ValueProblem(1, 3));
        var error = Assert.Throws<DataValueException>(() => model.Predict([[0, 3]]));
        Assert.Equal(model.ValueProblem(1, 3), error.Problem);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ValueProblem(2, 0));
    }

    [Fact]
    public void A_group_gives_its_parameters_by_name_with_one_entry_per_column()
    {
        double[][] rows = [.. Enumerable.Range(0, 40).Select(i => new double[] { i % 2 * 4 + i % 7 * 0.1, i % 2, i % 5 + i % 2 * 3, i % 3 })];
        var model = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions
        {
            ColumnFamilies = [ColumnFamily.Gaussian, ColumnFamily.Bernoulli, ColumnFamily.Poisson, ColumnFamily.Categorical],
            UsePriors = true,
        });
        foreach (var groups in model.Groups)
        {
            var gaussian = (GaussianGroupParameters)groups[0];
            Assert.Equal(["mean", "covariance"], gaussian.Values.Select(v => v.Name));
            Assert.Equal(gaussian.Mean, ((ColumnValues)gaussian.Values[0]).Values);
            Assert.Equal(gaussian.Covariance, ((ColumnVectors)gaussian.Values[1]).Values);
            var bernoulli = Assert.IsType<ColumnValues>(Assert.Single(groups[1].Values));
            Assert.Equal(("probabilities", ((BernoulliGroupParameters)groups[1]).Probabilities), (bernoulli.Name, bernoulli.Values));
            var poisson = Assert.IsType<ColumnValues>(Assert.Single(groups[2].Values));
            Assert.Equal(("rates", "expected counts", ((PoissonGroupParameters)groups[2]).Rates), (poisson.Name, poisson.Note, poisson.Values));
            var categorical = Assert.IsType<ColumnVectors>(Assert.Single(groups[3].Values));
            Assert.Equal(("probabilities", "Code", 3), (categorical.Name, categorical.EntryLabel, categorical.Values[0].Length));
            Assert.Equal(((CategoricalGroupParameters)groups[3]).Probabilities, categorical.Values);
        }
    }
}
