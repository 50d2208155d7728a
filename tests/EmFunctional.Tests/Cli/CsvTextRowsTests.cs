using System.Text;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <see cref="CsvTextRows"/>, which holds <c>em predict</c>'s rows as CSV text: fields quoted exactly when
/// CSV needs it, and rows intact across its blocks of storage, a row longer than a block included.
/// </summary>
public sealed class CsvTextRowsTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("#7", "\"#7\"")]
    [InlineData("a;b|c\td", "a;b|c\td")]
    [InlineData("ünïcode ☃", "ünïcode ☃")]
    public void A_field_is_quoted_only_when_csv_needs_it(string field, string written)
    {
        Assert.Equal(written, Text(CsvTextRows.Of([field]), 0));
        // A # is a comment only at the start of a line.
        Assert.Equal($"x,{(field.StartsWith('#') ? field : written)}", Text(CsvTextRows.Of(["x", field]), 0));
    }

    [Fact]
    public void Rows_stay_whole_across_blocks_and_a_row_longer_than_a_block_is_kept()
    {
        var rows = new CsvTextRows(capacity: 1);
        var expected = new List<string>();
        for (var i = 0; i < 30_000; i++)
        {
            // About 70 bytes a row: some rows end near a block boundary; row 12,345 is 3 MiB long.
            var note = i == 12_345 ? new string('n', 3 << 20) : new string('x', i % 97);
            rows.AddField(Encoding.UTF8.GetBytes($"r{i}"));
            rows.AddField(Encoding.UTF8.GetBytes(note));
            rows.EndRow();
            expected.Add($"r{i},{note}");
        }

        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], Text(rows, i));
        Assert.Throws<ArgumentOutOfRangeException>(() => Text(rows, expected.Count));
    }

    private static string Text(CsvTextRows rows, int row) => Encoding.UTF8.GetString(rows[row]);
}
