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

    /// <summary>Below this many bytes of rows a file is read by one thread: starting more costs more than it saves.</summary>
    internal const long ParallelThreshold = 8L << 20;

    /// <summary>Where the next parsed row goes: row <paramref name="index"/> of a range's rows (0, 1, …).</summary>
    private delegate Span<double> RowTarget(int index);

    /// <summary>Reads up to <c>buffer.Length</c> bytes at file offset <paramref name="position"/>; 0 at the end.</summary>
    private delegate int ReadAt(long position, Span<byte> buffer);

    /// <summary>
    /// Reads the rows from byte <paramref name="offset"/> of <paramref name="stream"/>, where a data row
    /// starts on line <paramref name="firstLine"/>, to the end, appending them to <paramref name="values"/>
    /// and their lines to <paramref name="lines"/>. False when the rows are not all plain rows of
    /// <paramref name="columns"/> finite numbers (the width of <paramref name="values"/>); what was appended
    /// is then to be thrown away.
    /// </summary>
    /// <remarks>
    /// A large file is cut into one range of whole lines per processor and the ranges are parsed at once
    /// (parsing numbers, not the disk, is what limits the speed: the file has just been read once by
    /// <see cref="CsvRowBound"/> and sits in the page cache). Each range writes its rows straight into the
    /// matrix from the row its first line could at most be (the line breaks before it); blank lines leave
    /// gaps that one move per range closes at the end.
    /// </remarks>
    public static bool TryReadRows(Stream stream, long offset, long firstLine, int columns, CsvMatrixBuilder values, CsvLineNumbers lines)
    {
        if (stream is FileStream file && Environment.ProcessorCount > 1 && file.Length - offset >= ParallelThreshold
            && TryCutIntoRanges(file, offset, Math.Min(Environment.ProcessorCount, 8)) is { } boundaries)
            return TryReadRanges(file, boundaries, firstLine, values, lines);

        ReadAt read = (position, buffer) =>
        {
            stream.Position = position;
            return stream.Read(buffer);
        };
        return TryReadRange(read, offset, long.MaxValue, firstLine, _ => values.AddRow(), lines, out _);
    }

    /// <summary>
    /// Range starts: <paramref name="offset"/>, then the byte after the first LF at or after each equal
    /// share of the rest, and the end of the file last. Null when the file has no LF to cut at (CR-only
    /// line ends), or too few lines for every range to get one.
    /// </summary>
    private static long[]? TryCutIntoRanges(FileStream file, long offset, int ranges)
    {
        var length = file.Length;
        var boundaries = new List<long> { offset };
        Span<byte> probe = stackalloc byte[4096];
        for (var r = 1; r < ranges; r++)
        {
            var position = Math.Max(offset + (length - offset) * r / ranges, boundaries[^1]);
            while (true)
            {
                var read = RandomAccess.Read(file.SafeFileHandle, probe, position);
                if (read == 0) return null;
                var lineFeed = probe[..read].IndexOf((byte)'\n');
                if (lineFeed >= 0)
                {
                    position += lineFeed + 1;
                    break;
                }
                position += read;
            }
            if (position >= length) return null;
            if (position > boundaries[^1]) boundaries.Add(position);
        }
        boundaries.Add(length);
        return boundaries.Count > 2 ? [.. boundaries] : null;
    }

    /// <summary>The parallel read of <see cref="TryReadRows"/>: count line breaks per range, then parse every range.</summary>
    private static bool TryReadRanges(FileStream file, long[] boundaries, long firstLine, CsvMatrixBuilder values, CsvLineNumbers lines)
    {
        var ranges = boundaries.Length - 1;
        var handle = file.SafeFileHandle;
        ReadAt read = (position, buffer) => RandomAccess.Read(handle, buffer, position);

        // Each range's first line (so its first row's line number and its highest possible row index) is
        // the line breaks before it; the boundaries are right after an LF, so no CR LF pair is split.
        var breaks = new long[ranges];
        Parallel.For(0, ranges, range => breaks[range] = CountLineBreaks(read, boundaries[range], boundaries[range + 1]));
        var startRows = new long[ranges];
        for (var range = 1; range < ranges; range++) startRows[range] = startRows[range - 1] + breaks[range - 1];
        // The last range may end with a row and no line break.
        Span<byte> lastByte = stackalloc byte[1];
        var unterminated = RandomAccess.Read(handle, lastByte, boundaries[^1] - 1) == 1 && lastByte[0] is not ((byte)'\n' or (byte)'\r');
        if (startRows[^1] + breaks[^1] + (unterminated ? 1 : 0) > values.Capacity) return false;

        var rangeLines = new CsvLineNumbers[ranges];
        var rangeRows = new int[ranges];
        var succeeded = new bool[ranges];
        Parallel.For(0, ranges, range =>
        {
            var first = (int)startRows[range];
            rangeLines[range] = new CsvLineNumbers();
            succeeded[range] = TryReadRange(read, boundaries[range], boundaries[range + 1], firstLine + startRows[range],
                index => values.RowAt(first + index), rangeLines[range], out rangeRows[range]);
        });
        if (!succeeded.All(ok => ok)) return false;

        values.Compact(Enumerable.Range(0, ranges).Select(range => ((int)startRows[range], rangeRows[range])));
        foreach (var range in rangeLines) lines.Append(range);
        return true;
    }

    /// <summary>CR, LF and CR LF in [begin, end), each counted once, as <see cref="TryReadRange"/> counts lines.</summary>
    private static long CountLineBreaks(ReadAt read, long begin, long end)
    {
        var buffer = new byte[BlockSize];
        long count = 0;
        var previous = (byte)0;
        for (var position = begin; position < end;)
        {
            var length = read(position, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - position)));
            if (length == 0) break;
            var span = buffer.AsSpan(0, length);
            count += span.Count((byte)'\n');
            var returns = span.Count((byte)'\r');
            if (returns > 0) count += returns - span.Count("\r\n"u8);
            if (previous == '\r' && span[0] == '\n') count--;
            previous = span[^1];
            position += length;
        }
        return count;
    }

    /// <summary>
    /// The rows of the whole lines in bytes [<paramref name="begin"/>, <paramref name="end"/>), the first on
    /// line <paramref name="firstLine"/>: row i is parsed into <paramref name="target"/>(i) and its line added
    /// to <paramref name="lines"/>. False at the first line that is not a plain row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryReadRange(ReadAt read, long begin, long end, long firstLine, RowTarget target, CsvLineNumbers lines, out int rows)
    {
        rows = 0;
        var buffer = new byte[BlockSize];
        var filled = 0;
        var line = firstLine;
        var position = begin;
        var atEnd = false;
        while (!atEnd)
        {
            if (filled == buffer.Length)
            {
                // A line longer than the buffer (tens of thousands of columns): make room for it.
                Array.Resize(ref buffer, buffer.Length * 2);
            }
            var wanted = (int)Math.Min(buffer.Length - filled, end - position);
            var got = wanted == 0 ? 0 : read(position, buffer.AsSpan(filled, wanted));
            atEnd = got == 0;
            filled += got;
            position += got;

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
                    if (!atEnd) break;
                    lineLength = rest.Length;
                    breakLength = 0;
                }
                else if (rest[lineLength] == (byte)'\n')
                    breakLength = 1;
                else if (lineLength + 1 < rest.Length)
                    breakLength = rest[lineLength + 1] == (byte)'\n' ? 2 : 1;
                else if (atEnd)
                    breakLength = 1;
                else
                    // A CR at the end of the block: CR LF or a lone CR, the next block tells.
                    break;

                if (lineLength > 0)
                {
                    if (rows == int.MaxValue || !TryParseRow(rest[..lineLength], target(rows))) return false;
                    rows++;
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
