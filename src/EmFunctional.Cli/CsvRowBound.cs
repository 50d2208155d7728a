using System.Buffers;

namespace EmFunctional.Cli;

/// <summary>
/// How many data rows a CSV file can hold at most, from one fast pass over its bytes (counting line
/// breaks is vectorized and the file is then in the page cache for the real read). For a file without
/// blank lines or line breaks inside quotes the bound is exact, so <see cref="CsvMatrixBuilder"/> can
/// allocate the matrix once, at its final size.
/// </summary>
/// <param name="LineBreaks">CR, LF and CR LF, each counted once (as the reader counts lines).</param>
/// <param name="EndsWithLineBreak">Whether the last byte is a line break (no record after it then).</param>
/// <param name="Bytes">The length of the file.</param>
internal readonly record struct CsvRowBound(long LineBreaks, bool EndsWithLineBreak, long Bytes)
{
    /// <summary>
    /// The most data rows of <paramref name="columns"/> fields: every record but the header takes a line
    /// of its own, and a row of D non-empty fields takes at least 2D bytes with its separators and line break.
    /// </summary>
    public int DataRows(int columns)
    {
        var records = LineBreaks + (EndsWithLineBreak || Bytes == 0 ? 0 : 1);
        var rows = Math.Min(records - 1, (Bytes + 1) / (2L * Math.Max(columns, 1)));
        return (int)Math.Clamp(rows, 0, int.MaxValue);
    }

    /// <summary>
    /// Counts the line breaks from the stream's position to its end and puts the position back. Meant
    /// for seekable streams only (files): a pipe could not be read twice.
    /// </summary>
    public static CsvRowBound Of(Stream stream)
    {
        var start = stream.Position;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long lineFeeds = 0, carriageReturns = 0, pairs = 0, bytes = 0;
            var previous = (byte)0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var span = buffer.AsSpan(0, read);
                lineFeeds += span.Count((byte)'\n');
                var returns = span.Count((byte)'\r');
                if (returns > 0)
                {
                    carriageReturns += returns;
                    pairs += span.Count("\r\n"u8);
                }
                if (previous == '\r' && span[0] == '\n') pairs++;
                previous = span[^1];
                bytes += read;
            }
            return new CsvRowBound(lineFeeds + carriageReturns - pairs, previous is (byte)'\n' or (byte)'\r', bytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            stream.Position = start;
        }
    }
}
