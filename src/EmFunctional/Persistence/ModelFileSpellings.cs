using System.Text.Json;

namespace EmFunctional;

/// <summary>
/// How enum values are spelled in a model file: the member name in camelCase ("full", "kMeansPlusPlus",
/// "logLikelihoodConverged"). Spelled by name, not number, so that a file stays readable and reordering
/// an enum can never change what an old file means.
/// </summary>
internal static class ModelFileSpellings
{
    public static string Word<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? JsonNamingPolicy.CamelCase.ConvertName(value.ToString())
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{value} is not a {typeof(TEnum).Name}");

    /// <summary>The member spelled <paramref name="word"/>, or null when there is none.</summary>
    public static TEnum? Parse<TEnum>(string word) where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
            if (string.Equals(Word(value), word, StringComparison.Ordinal)) return value;
        return null;
    }

    /// <summary>"full, diagonal, spherical or tied": the spellings a field accepts, for messages.</summary>
    public static string Choices<TEnum>() where TEnum : struct, Enum => Choices([.. Enum.GetValues<TEnum>().Select(value => Word(value))]);

    /// <summary>"a, b or c".</summary>
    public static string Choices(IReadOnlyList<string> words) =>
        words.Count == 1 ? words[0] : $"{string.Join(", ", words.Take(words.Count - 1))} or {words[^1]}";
}
