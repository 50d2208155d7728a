using System.Runtime.CompilerServices;

namespace EmFunctional.Cli;

/// <summary>
/// The data rows of the usual numeric CSV file, read without CsvHelper: UTF-8, unquoted fields separated
/// by commas, padded or not, LF, CRLF or CR line ends, blank lines anywhere. Each line is split and its
/// cells parsed in place (by <see cref="CsvDoubleParser"/>) straight into the matrix, about twice as fast
/// as going through CsvHelper's records, whose code also starts out unoptimized in a process that reads
/// one file and exits.
/// </summary>
/// <remarks>
/// It decides nothing on its own: at the first thing that is not a well-formed row of finite numbers (a
/// quote, a field too many or too few, a cell that is not a number, a line that is only whitespace) it
/// gives up, and <see cref="CsvDataLoader"/> reads the whole file again with CsvHelper, which then accepts
/// it as it always did or reports the problem in the usual words. What it accepts, it reads as CsvHelper
/// would: lines are counted the same way (CR, LF and CR LF each end one line; empty lines are skipped but
/// counted), spaces and tabs around a cell are trimmed, and the cell is parsed as
/// <c>double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)</c> parses it.
/// </remarks>
internal static class CsvFastReader
{
    private const int BlockSize = 1 << 20;

    /// <summary>
    /// Reads the rows from byte <paramref name="offset"/> of <paramref name="stream"/>, where a data row
    /// starts on line <paramref name="firstLine"/>, to the end, appending them to <paramref name="values"/>
    /// and their lines to <paramref name="lines"/>. False when the rows are not all plain rows of
    /// <paramref name="columns"/> finite numbers; what was appended is then to be thrown away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryReadRows(Stream stream, long offset, long firstLine, int columns, CsvMatrixBuilder values, CsvLineNumbers lines)
    {
        stream.Position = offset;
        var buffer = new byte[BlockSize];
        var filled = 0;
        var line = firstLine;
        var end = false;
        while (!end)
        {
            if (filled == buffer.Length)
            {
                // A line longer than the buffer (tens of thousands of columns): make room for it.
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            end = read == 0;
            filled += read;

            var text = buffer.AsSpan(0, filled);
            var start = 0;
            while (start < text.Length)
            {
                var rest = text[start..];
                var lineLength = rest.IndexOfAny((byte)'\n', (byte)'\r');
                int breakLength;
                if (lineLength < 0)
                {
                    // The last line, or a line that continues in the next block.
                    if (!end) break;
                    lineLength = rest.Length;
                    breakLength = 0;
                }
                else if (rest[lineLength] == (byte)'\n')
                    breakLength = 1;
                else if (lineLength + 1 < rest.Length)
                    breakLength = rest[lineLength + 1] == (byte)'\n' ? 2 : 1;
                else if (end)
                    breakLength = 1;
                else
                    // A CR at the end of the block: CR LF or a lone CR, the next block tells.
                    break;

                if (lineLength > 0)
                {
                    if (!TryParseRow(rest[..lineLength], values.AddRow())) return false;
                    lines.Add(line);
                }
                line++;
                start += lineLength + breakLength;
            }
            // Keep the unfinished line for the next block.
            text[start..].CopyTo(buffer);
            filled = text.Length - start;
        }
        return true;
    }

    /// <summary>Parses one line of exactly <c>row.Length</c> fields into <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryParseRow(ReadOnlySpan<byte> line, Span<double> row)
    {
        var last = row.Length - 1;
        for (var column = 0; column <= last; column++)
        {
            // Usually the cell is a number the fast path reads in place, up to the comma (or the line's end).
            var start = SkipPadding(line, 0);
            if (CsvDoubleParser.TryParsePrefix(line[start..], out row[column], out var length))
            {
                var end = SkipPadding(line, start + length);
                if (column < last ? end < line.Length && line[end] == (byte)',' : end == line.Length)
                {
                    if (column < last) line = line[(end + 1)..];
                    continue;
                }
            }
            // Otherwise the cell as CsvHelper delimits it, for the full parser.
            var cellLength = column < last ? line.IndexOf((byte)',') : line.Length;
            if (cellLength < 0) return false;
            var cell = line[..cellLength];
            if ((column == last && cell.Contains((byte)',')) || !TryParseCell(cell, out row[column])) return false;
            if (column < last) line = line[(cellLength + 1)..];
        }
        return true;
    }

    private static int SkipPadding(ReadOnlySpan<byte> line, int start)
    {
        while (start < line.Length && (line[start] == (byte)' ' || line[start] == (byte)'\t')) start++;
        return start;
    }

    private static bool TryParseCell(ReadOnlySpan<byte> cell, out double value) =>
        CsvDoubleParser.TryParse(cell.Trim(Padding), out value) && double.IsFinite(value);

    /// <summary>What CsvHelper trims around a field (its default whitespace characters).</summary>
    private static ReadOnlySpan<byte> Padding => " \t"u8;
}
