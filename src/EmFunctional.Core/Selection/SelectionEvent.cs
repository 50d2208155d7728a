namespace EmFunctional.Core.Selection;

/// <summary>
/// One thing that happened while <see cref="SelectionGrid.Events{TComponent,TStatistics}"/> filled a grid:
/// a cell starting, each event of its fit, and last the table. Values, as <see cref="FitEvent{TComponent}"/>:
/// progress displays consume them; the grid prints nothing.
/// </summary>
public abstract record SelectionEvent<TComponent>
{
    private SelectionEvent() { }

    /// <summary>Cell <paramref name="Index"/> (0-based, of <paramref name="Cells"/>, K-major) starts fitting.</summary>
    /// <param name="Index">The cell's place in the grid.</param>
    /// <param name="Cells">The number of cells in the grid.</param>
    /// <param name="Components">The cell's K.</param>
    /// <param name="Label">The cell's family label.</param>
    public sealed record CellStarted(int Index, int Cells, int Components, string Label) : SelectionEvent<TComponent>;

    /// <summary>An event of cell <paramref name="Index"/>'s fit.</summary>
    /// <param name="Index">The cell's place in the grid.</param>
    /// <param name="Cells">The number of cells in the grid.</param>
    /// <param name="Event">What happened in its fit.</param>
    public sealed record CellFitting(int Index, int Cells, FitEvent<TComponent> Event) : SelectionEvent<TComponent>;

    /// <summary>The grid is filled: always the last event, exactly once.</summary>
    /// <param name="Result">What <see cref="SelectionGrid.Run{TComponent,TStatistics}"/> returns.</param>
    public sealed record Completed(SelectionResult<TComponent> Result) : SelectionEvent<TComponent>;
}
