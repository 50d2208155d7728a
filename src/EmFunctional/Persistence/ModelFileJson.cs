using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EmFunctional;

/// <summary>
/// The model file's contracts: <see cref="ModelFileJsonContext"/> for the document, and each registered
/// column family's own contract for its groups (<see cref="ColumnFamilyDefinition.GroupDocumentContract"/>),
/// with a column group's "family" tag naming the family by its word. The families live in their own
/// folders, so the group types are joined here, from <see cref="ColumnFamilyRegistry"/>, rather than
/// listed as attributes of <see cref="GroupDocument"/>.
/// </summary>
internal static class ModelFileJson
{
    private static readonly JsonSerializerOptions Options = new(ModelFileJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(
                [ModelFileJsonContext.Default, .. ColumnFamilyRegistry.All.Select(definition => definition.GroupDocumentContract)])
            .WithAddedModifier(TagGroups),
    };

    /// <summary>The contract of <typeparamref name="T"/>.</summary>
    public static JsonTypeInfo<T> Contract<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static void TagGroups(JsonTypeInfo contract)
    {
        if (contract.Type != typeof(GroupDocument)) return;
        contract.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "family",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var definition in ColumnFamilyRegistry.All)
            contract.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(definition.GroupDocumentType, definition.Word));
    }
}
