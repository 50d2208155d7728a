using System.Text;

namespace EmFunctional.Cli;

/// <summary>Writes UTF-8 text to a <see cref="TextWriter"/> through one reused buffer of chars.</summary>
internal sealed class Utf8TextWriter
{
    private char[] _chars = new char[1024];

    public void Write(TextWriter writer, ReadOnlySpan<byte> utf8)
    {
        var most = Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (most > _chars.Length) _chars = new char[Math.Max(most, 2 * _chars.Length)];
        writer.Write(_chars, 0, Encoding.UTF8.GetChars(utf8, _chars));
    }
}
