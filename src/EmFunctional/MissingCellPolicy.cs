namespace EmFunctional;

/// <summary>What a NaN in the data of a fit means.</summary>
public enum MissingCellPolicy
{
    /// <summary>
    /// A missing cell, part of the latent data (the default): EM maximizes the likelihood of the observed
    /// cells, missing at random (see docs/missing-data.md). A row with no observed cell is an error.
    /// </summary>
    Model,

    /// <summary>An error naming the row and column, as for any other value that is not a finite number.</summary>
    Refuse,
}
