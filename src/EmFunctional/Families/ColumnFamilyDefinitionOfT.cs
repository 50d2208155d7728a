using System.Text.Json.Serialization.Metadata;
using EmFunctional.Core.Families.Product;

namespace EmFunctional;

/// <summary>
/// A <see cref="ColumnFamilyDefinition"/> whose public parameters are <typeparamref name="TGroup"/> and whose
/// components a model file holds as <typeparamref name="TDocument"/> records: the group's form in the file
/// and the casts between the untyped members and the family's own types, written once for every family.
/// </summary>
internal abstract class ColumnFamilyDefinition<TGroup, TDocument>(ColumnFamily family, FamilyChoice choice, string name, IJsonTypeInfoResolver groupDocumentContract)
    : ColumnFamilyDefinition(family, choice, name, groupDocumentContract)
    where TGroup : ColumnGroupParameters
{
    public sealed override Type GroupDocumentType => typeof(GroupDocument<TDocument>);

    public sealed override GroupDocument Save(int[] columns, IReadOnlyList<ColumnGroupParameters> components) =>
        new GroupDocument<TDocument> { Columns = columns, Parameters = [.. components.Cast<TGroup>().Select(Save)] };

    public sealed override (IPartFamily Family, object[] Components) Load(GroupDocument group, ModelFileField parameters, int components, CovarianceType covariance) =>
        Load(parameters.Items(((GroupDocument<TDocument>)group).Parameters, components, "components"), parameters, group.Columns, covariance);

    /// <summary>One component's parameters as the model file holds them.</summary>
    protected abstract TDocument Save(TGroup group);

    /// <summary>
    /// The part family and one core component per saved component (as many as the model has), every number
    /// checked against <paramref name="parameters"/>' paths; <paramref name="covariance"/> is the model's covariance type.
    /// </summary>
    protected abstract (IPartFamily Family, object[] Components) Load(TDocument[] saved, ModelFileField parameters, int[] columns, CovarianceType covariance);
}
