namespace EmFunctional.Cli;

/// <summary>
/// The text of a CSV file as Sep is to see it: the quotes of comment lines (a <c>#</c> where a record
/// starts, not inside a quoted field) are replaced by spaces. Sep knows no comments and would take such a
/// quote as opening a field that runs on over the following lines; the loader skips the comment line
/// anyway, so what it held does not matter.
/// </summary>
/// <remarks>
/// One vectorized search for <c>#</c> and <c>"</c> per block, which finds nothing in a plain numeric
/// file; every quote found toggles whether the text is inside a quoted field, as it does for Sep.
/// </remarks>
internal sealed class CsvCommentFilter(TextReader text) : TextReader
{
    private bool _inQuotes;
    private bool _atLineStart = true;
    private bool _inComment;

    public override int Read(Span<char> buffer)
    {
        var read = text.Read(buffer);
        Filter(buffer[..read]);
        return read;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Peek() => throw new NotSupportedException("the CSV reader reads blocks only");

    public override int Read() => throw new NotSupportedException("the CSV reader reads blocks only");

    protected override void Dispose(bool disposing)
    {
        if (disposing) text.Dispose();
        base.Dispose(disposing);
    }

    private void Filter(Span<char> block)
    {
        if (block.IsEmpty) return;
        var position = 0;
        while (position < block.Length)
        {
            if (_inComment)
            {
                var rest = block[position..];
                var end = rest.IndexOfAny('\r', '\n');
                var comment = end < 0 ? rest : rest[..end];
                comment.Replace('"', ' ');
                if (end < 0) break;
                _inComment = false;
                position += end;
                continue;
            }
            var found = block[position..].IndexOfAny('#', '"');
            if (found < 0) break;
            var at = position + found;
            if (block[at] == '"')
                _inQuotes = !_inQuotes;
            else if (!_inQuotes && (at == 0 ? _atLineStart : block[at - 1] is '\r' or '\n'))
                _inComment = true;
            position = at + 1;
        }
        _atLineStart = block[^1] is '\r' or '\n';
    }
}
