namespace EmFunctional.Cli;

/// <summary>
/// The values each column family can model, checked before fitting with the facade's rule
/// (<see cref="ColumnFamilyCatalog.Problem"/>) so that a bad cell is reported as the loader reports one: file,
/// line and column name, where the facade can only name a row and column index.
/// </summary>
internal static class FitDataChecks
{
    /// <summary>--priors with one of mclust's models that have no conjugate prior (VEE, EVE, VVE, EVV), refused before reading the data.</summary>
    public static void RequirePriorsAvailable(FitSettings settings)
    {
        if (!settings.Priors || CovarianceTypes.HasConjugatePrior(settings.Covariance)) return;
        var word = CliSpellings.Word(settings.Covariance);
        var covered = string.Join(", ", CovarianceTypes.All.Where(CovarianceTypes.HasConjugatePrior).Select(CliSpellings.Word));
        throw new UserInputException($"--priors: the conjugate priors cover the covariances {covered} (all of mclust's but VEE, EVE, VVE and EVV), not {word}; leave out --priors or use one of those");
    }

    /// <summary>
    /// <c>--noise</c> where the noise component cannot go, refused with the option's name: a column that is not
    /// Gaussian, known labels, a missing cell (by file, line and column); <c>--noise-neighbours</c> without <c>--noise</c>.
    /// </summary>
    public static void RequireNoiseModelable(FitSettings settings, CsvData data, IReadOnlyList<ColumnFamily> families) =>
        RequireNoiseModelable(settings.Noise, settings.NoiseNeighboursGiven, data, families);

    /// <inheritdoc cref="RequireNoiseModelable(FitSettings, CsvData, IReadOnlyList{ColumnFamily})"/>
    public static void RequireNoiseModelable(NoiseOptions? noise, bool neighboursGiven, CsvData data, IReadOnlyList<ColumnFamily> families)
    {
        if (noise is null)
        {
            if (neighboursGiven) throw new UserInputException("--noise-neighbours: it tunes the first guess of --noise; add --noise, or leave it out");
            return;
        }
        var other = families.Select((family, column) => (family, column)).FirstOrDefault(pair => pair.family != ColumnFamily.Gaussian);
        if (other.family != ColumnFamily.Gaussian)
            throw new UserInputException($"--noise: the noise component is a uniform density over the data's box, for Gaussian columns only; {CsvData.DescribeColumn(data.Columns, other.column)} is {CliSpellings.Name(other.family)}");
        if (data.KnownLabels is not null)
            throw new UserInputException("--noise: a fit with a noise component does not take --known-labels yet; give one or the other");
        for (var row = 0; row < data.RowCount; row++)
            for (var column = 0; column < data.ColumnCount; column++)
                if (double.IsNaN(data.Values[row, column]))
                    throw new UserInputException($"{Location(data, row, column)}: missing, and --noise does not take missing cells yet (its uniform density is over whole rows); complete or drop the row");
        if (noise.Neighbours >= data.RowCount)
            throw new UserInputException($"--noise-neighbours: {noise.Neighbours} neighbours need more than {noise.Neighbours} rows; {EchoText.Path(data.SourceName)} has {data.RowCount}");
    }

    /// <summary>The family of each column that <paramref name="family"/> means for <paramref name="data"/>, as the facade decides it.</summary>
    public static IReadOnlyList<ColumnFamily> ColumnFamilies(CsvData data, FamilyChoice family) =>
        FamilyMixture.ColumnFamiliesOf(data.Values, new FamilyMixtureOptions { Family = family });

    /// <summary>
    /// Throws a <see cref="UserInputException"/> for the first cell, in file order, that its column's
    /// family cannot model (<see cref="ColumnFamilyCatalog.Problem"/>: a fraction or negative value in a Poisson or
    /// categorical column, anything but 0 and 1 in a Bernoulli column).
    /// </summary>
    public static void RequireModelable(CsvData data, IReadOnlyList<ColumnFamily> families)
    {
        for (var row = 0; row < data.RowCount; row++)
        {
            var values = data.Row(row);
            for (var column = 0; column < families.Count; column++)
            {
                if (double.IsNaN(values[column])) continue;   // a missing cell
                if (ColumnFamilyCatalog.Problem(families[column], values[column]) is { } problem)
                    throw new UserInputException($"{Location(data, row, column)}: {problem}");
            }
        }
    }

    /// <summary>
    /// The facade's refusal of the data, worded as every other data error is: a bad value
    /// (<see cref="DataValueException"/>, which gives its row and column as numbers) by file, line and column
    /// name; anything else by the file alone.
    /// </summary>
    /// <summary>
    /// Every column to fit has an observed cell: a column that is missing everywhere has parameters no data
    /// can estimate. Named by file and header, as the user wrote it.
    /// </summary>
    public static void RequireObservedColumns(CsvData data)
    {
        for (var column = 0; column < data.ColumnCount; column++)
        {
            var observed = false;
            for (var row = 0; row < data.RowCount && !observed; row++) observed = !double.IsNaN(data.Values[row, column]);
            if (!observed)
                throw new UserInputException($"{EchoText.Path(data.SourceName)}, {CsvData.DescribeColumn(data.Columns, column)}: every cell is missing; a column needs at least one observed value (leave it out with --columns)");
        }
    }

    public static UserInputException Reworded(ArgumentException exception, CsvData data) =>
        exception is DataValueException value && value.Row < data.RowCount && value.Column < data.Columns.Count
            ? new UserInputException($"{Location(data, value.Row, value.Column)}: {value.Problem}")
            : new UserInputException($"{EchoText.Path(data.SourceName)}: {UserInputException.MessageOf(exception)}");

    /// <summary>The row of a fit failure that concerns one (<see cref="EmFitException.Row"/>) as "FILE, line L", else the file.</summary>
    public static string Place(EmFitException exception, CsvData data) =>
        exception.Row is { } row && row < data.RowCount ? $"{EchoText.Path(data.SourceName)}, line {data.LineNumbers[row]}" : EchoText.Path(data.SourceName);

    private static string Location(CsvData data, int row, int column) =>
        $"{EchoText.Path(data.SourceName)}, line {data.LineNumbers[row]}, {CsvData.DescribeColumn(data.Columns, column)}";
}
