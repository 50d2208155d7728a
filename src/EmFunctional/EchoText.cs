using System.Globalization;
using System.Text;

namespace EmFunctional;

/// <summary>
/// How an error message shows text it did not write itself (a cell, a column name, an option value, a
/// string from a model file, a path): bounded, so that a 10 MB cell does not become a 10 MB message, and
/// with every control character escaped, so that no message can move the cursor, ring the bell, end its
/// own line or hide text.
/// </summary>
/// <remarks>
/// <para>
/// Escapes: <c>\0</c> (NUL), <c>\t</c>, <c>\r</c>, <c>\n</c>; <c>\xHH</c> for the other C0 controls,
/// DEL and the C1 controls (U+0080–U+009F); <c>\u{HHHH}</c> for the line and paragraph separators
/// (U+2028, U+2029), the bidirectional-text controls (U+061C, U+200E, U+200F, U+202A–U+202E,
/// U+2066–U+2069), the byte order mark U+FEFF, and a lone UTF-16 surrogate.
/// </para>
/// <para>
/// A backslash is shown as it is, not doubled: paths such as <c>C:\data</c> stay readable, and escaping
/// text that is already escaped changes nothing (the safety net of the <c>em</c> tool escapes its whole
/// message line again). So <c>\t</c> in a message is a tab or the two characters; a message is for reading,
/// not for parsing back.
/// </para>
/// <para>
/// Length is counted in characters as shown (Unicode code points, an escape counting as the characters it
/// is written with). Text longer than the limit is cut to at most that many and "…" is appended; a cut never
/// splits an escape or a surrogate pair.
/// </para>
/// </remarks>
public static class EchoText
{
    /// <summary>How many characters of a cell, name or option value a message shows: 60.</summary>
    public const int MaxLength = 60;

    /// <summary>How many characters of a file's path a message shows: 200 (paths are cut only when absurdly long).</summary>
    public const int MaxPathLength = 200;

    /// <summary>How many names <see cref="List"/> shows before "… (N in all)": 20.</summary>
    public const int MaxListedNames = 20;

    /// <summary>What a cut text ends with.</summary>
    public const string Ellipsis = "…";

    /// <summary><paramref name="text"/> escaped and cut to <see cref="MaxLength"/> characters ("" for null).</summary>
    public static string Of(string? text) => Of(text, MaxLength);

    /// <summary>A file's path escaped and cut to <see cref="MaxPathLength"/> characters.</summary>
    public static string Path(string? path) => Of(path, MaxPathLength);

    /// <summary><paramref name="text"/> escaped and cut to <paramref name="maxLength"/> characters ("" for null).</summary>
    public static string Of(string? text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (string.IsNullOrEmpty(text)) return "";
        if (text.Length <= maxLength && IsPlain(text)) return text;
        var shown = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        var width = 0;
        for (var i = 0; i < text.Length;)
        {
            string? escape;
            int units;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                (escape, units) = (null, 2);
            }
            else
            {
                (escape, units) = (Escape(text[i]), 1);
            }
            var pieceWidth = escape?.Length ?? 1;
            if (width + pieceWidth > maxLength) return shown.Append(Ellipsis).ToString();
            if (escape is null) shown.Append(text, i, units);
            else shown.Append(escape);
            width += pieceWidth;
            i += units;
        }
        return shown.ToString();
    }

    /// <summary>
    /// "eruptions, waiting": names for a message, each as <see cref="Of(string?)"/> shows it (an empty one as
    /// <c>""</c>), the first <see cref="MaxListedNames"/> only, then "… (N in all)".
    /// </summary>
    public static string List(IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var list = string.Join(", ", names.Take(MaxListedNames).Select(name => name.Length == 0 ? "\"\"" : Of(name)));
        return names.Count <= MaxListedNames ? list : $"{list}, … ({names.Count} in all)";
    }

    /// <summary>True when <paramref name="text"/> has nothing to escape.</summary>
    private static bool IsPlain(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (Escape(c) is not null) return false;
        }
        return true;
    }

    /// <summary>How <paramref name="c"/> (not half of a surrogate pair) is shown, or null when as it is.</summary>
    private static string? Escape(char c) => c switch
    {
        '\0' => "\\0",
        '\t' => "\\t",
        '\r' => "\\r",
        '\n' => "\\n",
        < ' ' or '\u007F' or (>= '\u0080' and <= '\u009F') => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
        '\u061C' or '\u200E' or '\u200F' or '\u2028' or '\u2029' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uFEFF'
            => string.Create(CultureInfo.InvariantCulture, $"\\u{{{(int)c:X4}}}"),
        _ when char.IsSurrogate(c) => string.Create(CultureInfo.InvariantCulture, $"\\u{{{(int)c:X4}}}"),
        _ => null,
    };
}
