namespace EmFunctional.Cli.Plots;

/// <summary>
/// Which columns a picture of a fit shows: the ones named with <c>--axes</c> (one or two), or else the
/// first two Gaussian columns (one when there is only one). The ellipses and densities drawn are the
/// Gaussian marginals of those columns, so every plotted column must be modelled as Gaussian.
/// </summary>
internal static class PlotColumns
{
    /// <summary>The 0-based indices of the columns to plot (one or two); a <see cref="UserInputException"/> when they cannot be drawn.</summary>
    public static int[] Choose(CsvData data, IReadOnlyList<ColumnFamily> families, IReadOnlyList<string>? axes)
    {
        if (axes is null)
        {
            var gaussian = Enumerable.Range(0, families.Count).Where(j => families[j] == ColumnFamily.Gaussian).Take(2).ToArray();
            if (gaussian.Length == 0)
                throw new UserInputException($"--plot: {EchoText.Path(data.SourceName)} has no column modelled as Gaussian ({Describe(data, families)}); pictures of a fit draw Gaussian columns (use --family gaussian or auto with continuous columns)");
            return gaussian;
        }
        var chosen = new List<int>();
        foreach (var name in axes)
        {
            var index = Find(data.Columns, name);
            if (index < 0)
                throw new UserInputException($"--axes: {EchoText.Path(data.SourceName)} has no column named \"{EchoText.Of(name)}\"; its columns are {EchoText.List(data.Columns)}");
            if (chosen.Contains(index))
                throw new UserInputException($"--axes: column \"{EchoText.Of(name)}\" is named twice; give two different columns");
            if (families[index] != ColumnFamily.Gaussian)
                throw new UserInputException($"--axes: column \"{EchoText.Of(data.Columns[index])}\" is modelled as {CliSpellings.Word(families[index])}; pictures of a fit draw Gaussian columns only");
            chosen.Add(index);
        }
        return [.. chosen];
    }

    /// <summary>The exact name first; else the one column that matches ignoring case.</summary>
    private static int Find(IReadOnlyList<string> columns, string name)
    {
        for (var j = 0; j < columns.Count; j++)
            if (string.Equals(columns[j], name, StringComparison.Ordinal)) return j;
        var matches = Enumerable.Range(0, columns.Count).Where(j => string.Equals(columns[j], name, StringComparison.OrdinalIgnoreCase)).ToArray();
        return matches.Length == 1 ? matches[0] : -1;
    }

    private static string Describe(CsvData data, IReadOnlyList<ColumnFamily> families) =>
        string.Join(", ", Enumerable.Range(0, families.Count).Select(j => $"{EchoText.Of(data.Columns[j])}: {CliSpellings.Word(families[j])}"));
}
