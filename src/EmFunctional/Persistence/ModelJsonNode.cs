using System.Text.Json;

namespace EmFunctional;

/// <summary>
/// A value of a model file with its JSON path (<c>$.groups[1].parameters[0].rates</c>), so that every
/// check can name the field it rejects. Each accessor checks the JSON type and throws
/// <see cref="ModelFileException"/> when it is not the one the schema wants.
/// </summary>
internal readonly struct ModelJsonNode(JsonElement element, string path, string source)
{
    public string Path => path;

    public JsonElement Element => element;

    public bool IsNull => element.ValueKind == JsonValueKind.Null;

    /// <summary>A <see cref="ModelFileException"/> about this field.</summary>
    public ModelFileException Error(string problem) => new(source, path, problem);

    /// <summary>The required property <paramref name="name"/> of this object.</summary>
    public ModelJsonNode Property(string name)
    {
        RequireKind(JsonValueKind.Object, "an object");
        return element.TryGetProperty(name, out var value)
            ? new ModelJsonNode(value, $"{path}.{name}", source)
            : throw Error($"the field \"{name}\" is missing");
    }

    /// <summary>
    /// Rejects properties other than <paramref name="names"/>: a misspelt field would otherwise be ignored
    /// silently, and a field this version does not know means the file is of a version it cannot read.
    /// </summary>
    public void AllowOnly(params string[] names)
    {
        RequireKind(JsonValueKind.Object, "an object");
        foreach (var property in element.EnumerateObject())
            if (Array.IndexOf(names, property.Name) < 0)
                throw new ModelFileException(source, $"{path}.{property.Name}", $"unknown field; a {FittedModel.SchemaName} version {FittedModel.SchemaVersion} object here has only {string.Join(", ", names)}");
    }

    public string String()
    {
        RequireKind(JsonValueKind.String, "a string");
        return element.GetString()!;
    }

    public string? NullableString() => IsNull ? null : String();

    public bool Boolean() => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error($"expected true or false, found {Describe()}"),
    };

    /// <summary>A finite number (JSON has no NaN or infinity; a number too large for a double is rejected too).</summary>
    public double Number()
    {
        RequireKind(JsonValueKind.Number, "a number");
        if (!element.TryGetDouble(out var value) || !double.IsFinite(value)) throw Error($"{element.GetRawText()} is not a finite double");
        return value;
    }

    public double? NullableNumber() => IsNull ? null : Number();

    public int Integer(int minimum = int.MinValue)
    {
        RequireKind(JsonValueKind.Number, "a whole number");
        if (!element.TryGetInt32(out var value)) throw Error($"{element.GetRawText()} is not a whole number in the range of a 32-bit integer");
        if (value < minimum) throw Error($"{value} is too small; it must be at least {minimum}");
        return value;
    }

    public long Int64()
    {
        RequireKind(JsonValueKind.Number, "a whole number");
        return element.TryGetInt64(out var value) ? value : throw Error($"{element.GetRawText()} is not a whole number in the range of a 64-bit integer");
    }

    public ulong UInt64()
    {
        RequireKind(JsonValueKind.Number, "a whole number");
        return element.TryGetUInt64(out var value) ? value : throw Error($"{element.GetRawText()} is not a whole number in the range of an unsigned 64-bit integer");
    }

    public TEnum Enum<TEnum>() where TEnum : struct, Enum
    {
        var word = String();
        return ModelFileSpellings.Parse<TEnum>(word) ?? throw Error($"unknown value \"{word}\"; expected {ModelFileSpellings.Choices<TEnum>()}");
    }

    /// <summary>The items of this array; with <paramref name="length"/>, exactly that many.</summary>
    public ModelJsonNode[] Items(int? length = null, string? what = null)
    {
        RequireKind(JsonValueKind.Array, "an array");
        var count = element.GetArrayLength();
        if (length is { } expected && count != expected)
            throw Error($"has {count} entr{(count == 1 ? "y" : "ies")} but {(what is null ? $"{expected} are expected" : $"the model has {expected} {what}")}");
        var items = new ModelJsonNode[count];
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            items[i] = new ModelJsonNode(item, $"{path}[{i}]", source);
            i++;
        }
        return items;
    }

    /// <summary>An array of finite numbers, optionally of a given length.</summary>
    public double[] Numbers(int? length = null, string? what = null) => [.. Items(length, what).Select(item => item.Number())];

    private void RequireKind(JsonValueKind kind, string description)
    {
        if (element.ValueKind != kind) throw Error($"expected {description}, found {Describe()}");
    }

    private string Describe() => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };
}
