namespace EmFunctional;

/// <summary>
/// Where a value of a deserialized model file was in the document (<c>$.groups[1].parameters[0].rates</c>),
/// so that every check of the validation pass names the field it rejects. The checks that recur (a
/// length, a lower bound, an enum word) are here, with their messages.
/// </summary>
internal readonly struct ModelFileField(string source, string path)
{
    public string Path => path;

    /// <summary>The property <paramref name="name"/> of this object.</summary>
    public ModelFileField this[string name] => new(source, $"{path}.{name}");

    /// <summary>The item <paramref name="index"/> of this array.</summary>
    public ModelFileField this[int index] => new(source, $"{path}[{index}]");

    /// <summary>A <see cref="ModelFileException"/> about this field.</summary>
    public ModelFileException Error(string problem) => new(source, path, problem);

    /// <summary><paramref name="items"/> (this array) when it has <paramref name="length"/> items, or any number when that is null.</summary>
    public T[] Items<T>(T[] items, int? length = null, string? what = null)
    {
        var count = items.Length;
        if (length is { } expected && count != expected)
            throw Error($"has {count} entr{(count == 1 ? "y" : "ies")} but {(what is null ? $"{expected} are expected" : $"the model has {expected} {what}")}");
        return items;
    }

    /// <summary><paramref name="value"/> (this field) when it is at least <paramref name="minimum"/>.</summary>
    public int AtLeast(int value, int minimum) =>
        value >= minimum ? value : throw Error($"{value} is too small; it must be at least {minimum}");

    /// <summary><paramref name="value"/> (this field) when it is at least 0.</summary>
    public double NonNegative(double value) =>
        value >= 0 ? value : throw Error($"is {Format(value)}; it must be at least 0");

    /// <summary>The member spelled <paramref name="word"/> (this field).</summary>
    public TEnum Enum<TEnum>(string word) where TEnum : struct, Enum =>
        ModelFileSpellings.Parse<TEnum>(word) ?? throw Error($"unknown value \"{EchoText.Of(word)}\"; expected {ModelFileSpellings.Choices<TEnum>()}");

    public static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
