using EmFunctional.Core.Families.Gaussian;

namespace EmFunctional;

/// <summary>The covariance types by mclust's names, and how each keeps its numbers.</summary>
public static class CovarianceTypes
{
    /// <summary>Every type, in mclust's order (<c>mclust.options("emModelNames")</c>): EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EVE, VVE, EEV, VEV, EVV, VVV.</summary>
    public static IReadOnlyList<CovarianceType> All { get; } = [.. CovarianceModels.All.Select(FromModel)];

    /// <summary>mclust's three letters: VVV for <see cref="CovarianceType.Full"/>, VVI, VII, EEE, and the others' own names.</summary>
    public static string MclustName(CovarianceType type) => Conversions.ToModel(type).ToString();

    /// <summary>
    /// mclust's name of <paramref name="type"/> on data of <paramref name="dimensions"/> columns: in one dimension
    /// shape and orientation mean nothing, so the fourteen models are two, E (one variance for all components:
    /// the models whose volume is Equal) and V (a variance per component); in more, the three letters.
    /// </summary>
    public static string MclustName(CovarianceType type, int dimensions)
    {
        var name = MclustName(type);
        return dimensions == 1 ? name[..1] : name;
    }

    /// <summary>
    /// The distinct models of <paramref name="types"/> on data of <paramref name="dimensions"/> columns, in order:
    /// all of them, or in one dimension the first type of each of E and V (<see cref="MclustName(CovarianceType, int)"/>),
    /// since the others fit the same model again.
    /// </summary>
    public static IReadOnlyList<CovarianceType> Distinct(IEnumerable<CovarianceType> types, int dimensions) =>
        [.. types.DistinctBy(type => MclustName(type, dimensions))];

    /// <summary>The type mclust calls <paramref name="name"/> (VVV, EEI, …, any case), or null.</summary>
    public static CovarianceType? FromMclustName(string name) =>
        Enum.TryParse<CovarianceModel>(name, ignoreCase: true, out var model) && Enum.IsDefined(model) && name.Length == 3 ? FromModel(model) : null;

    /// <summary>
    /// True for scikit-learn's four types, Full, Diagonal, Spherical and Tied (mclust's VVV, VVI, VII, EEE):
    /// the ones with their own words on the command line.
    /// </summary>
    public static bool IsHistorical(CovarianceType type) => CovarianceModels.IsKind(Conversions.ToModel(type));

    /// <summary>
    /// True for the ten types that take mclust's conjugate prior (<see cref="FamilyMixtureOptions.UsePriors"/>):
    /// Full, Diagonal, Spherical, Tied, EII, EEI, VEI, EVI, EEV and VEV. mclust has none for VEE, EVE, VVE and EVV.
    /// </summary>
    public static bool HasConjugatePrior(CovarianceType type) => CovarianceModels.HasConjugatePrior(Conversions.ToModel(type));

    /// <summary>True when every component's covariance is diagonal (VVI, VII, EII, EEI, VEI, EVI): the model holds D variances per component, no matrix.</summary>
    public static bool IsDiagonal(CovarianceType type) =>
        Conversions.ToKind(type) is CovarianceKind.Diagonal or CovarianceKind.Spherical;

    /// <summary>True when every component has one variance in all columns (VII, EII).</summary>
    public static bool IsSpherical(CovarianceType type) => Conversions.ToKind(type) is CovarianceKind.Spherical;

    private static CovarianceType FromModel(CovarianceModel model) => model switch
    {
        CovarianceModel.VVV => CovarianceType.Full,
        CovarianceModel.VVI => CovarianceType.Diagonal,
        CovarianceModel.VII => CovarianceType.Spherical,
        CovarianceModel.EEE => CovarianceType.Tied,
        _ => Enum.Parse<CovarianceType>(model.ToString()),
    };
}
