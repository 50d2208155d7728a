namespace EmFunctional.Cli;

/// <summary>
/// What <c>em predict</c> and <c>em impute</c> share about the rows they give a saved model: the checks of
/// the model's families in file coordinates, and the facade's exceptions reworded by file, line and column.
/// </summary>
internal static class ModelRows
{
    /// <summary>
    /// The values the model's families can take where a cell is observed, checked in file coordinates
    /// (file, line, column name): 0/1 for Bernoulli columns, counts for Poisson, and for categorical columns
    /// codes the model saw when it was fitted (it has no probability for any other).
    /// </summary>
    public static void RequireModelable(MixtureModel model, CsvTextTable table)
    {
        if (model is not FamilyMixtureModel family) return;
        var data = table.Numbers;
        for (var row = 0; row < data.RowCount; row++)
        {
            var values = data.Row(row);
            for (var j = 0; j < values.Length; j++)
            {
                if (double.IsNaN(values[j])) continue;   // a missing cell: the model uses the others
                if (family.ValueProblem(j, values[j]) is { } problem)
                    throw new UserInputException($"{table.Location(row, j)}: {problem}");
            }
        }
    }

    /// <summary>What the model computes from the table, its exceptions reworded for a command-line user.</summary>
    public static T Computed<T>(CsvTextTable table, Func<T> compute)
    {
        var data = table.Numbers;
        try
        {
            return compute();
        }
        catch (EmFitException exception)
        {
            // A row with zero density under every component (a code of probability 0, say).
            throw new UserInputException($"{FitDataChecks.Place(exception, data)}: {exception.Message}");
        }
        catch (DataValueException exception) when (exception.Row < data.RowCount && exception.Column < data.ColumnCount)
        {
            // RequireModelable checks what the facade checks; this is a safety net.
            throw new UserInputException($"{table.Location(exception.Row, exception.Column)}: {exception.Problem}");
        }
        catch (ArgumentException exception)
        {
            throw FitDataChecks.Reworded(exception, data);
        }
    }
}
