using System.Globalization;
using System.Text;

namespace EmFunctional.Cli.Plots;

/// <summary>
/// A standalone SVG 1.1 document built element by element: the one place that writes SVG markup, so
/// that escaping, number formatting and the "no NaN, ever" rule are enforced once. Coordinates are in
/// pixels, y downwards, as SVG has them; <see cref="Chart"/> maps data to pixels.
/// </summary>
internal sealed class SvgDocument
{
    private readonly StringBuilder _body = new();
    private readonly StringBuilder _definitions = new();
    private int _depth = 1;

    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="title">The document's &lt;title&gt;, shown by viewers as a tooltip and read by screen readers.</param>
    public SvgDocument(double width, double height, string title)
    {
        Width = width;
        Height = height;
        Title = title;
    }

    public double Width { get; }

    public double Height { get; }

    public string Title { get; }

    /// <summary>Opens a group (&lt;g&gt;) with optional class and attributes; close it with <see cref="EndGroup"/>.</summary>
    public void BeginGroup(string? cssClass = null, string? clipPathId = null)
    {
        var attributes = new StringBuilder();
        if (cssClass is not null) attributes.Append($" class=\"{Escape(cssClass)}\"");
        if (clipPathId is not null) attributes.Append($" clip-path=\"url(#{Escape(clipPathId)})\"");
        Line($"<g{attributes}>");
        _depth++;
    }

    public void EndGroup()
    {
        _depth--;
        Line("</g>");
    }

    /// <summary>Declares a rectangular clip path that <see cref="BeginGroup"/> can refer to.</summary>
    public void DefineClipRectangle(string id, double x, double y, double width, double height) =>
        _definitions.Append($"    <clipPath id=\"{Escape(id)}\"><rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\"/></clipPath>\n");

    public void Rectangle(double x, double y, double width, double height, Style style) =>
        Line($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\"{style}/>");

    public void Segment(double x1, double y1, double x2, double y2, Style style) =>
        Line($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\"{style}/>");

    public void Polyline(IEnumerable<(double X, double Y)> points, Style style) =>
        Line($"<polyline points=\"{string.Join(" ", points.Select(p => $"{N(p.X)},{N(p.Y)}"))}\"{style}/>");

    public void Circle(double cx, double cy, double radius, Style style) =>
        Line($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(radius)}\"{style}/>");

    /// <summary>An ellipse centred at (cx, cy) with semi-axes rx (along the rotated x axis) and ry, turned by <paramref name="degrees"/> clockwise.</summary>
    public void Ellipse(double cx, double cy, double rx, double ry, double degrees, Style style) =>
        Line($"<ellipse cx=\"{N(cx)}\" cy=\"{N(cy)}\" rx=\"{N(rx)}\" ry=\"{N(ry)}\" transform=\"rotate({N(degrees)} {N(cx)} {N(cy)})\"{style}/>");

    /// <summary>A marker "×" of half-size <paramref name="size"/>: one path of two strokes, so a test or a stylesheet finds one element per marker.</summary>
    public void Cross(double cx, double cy, double size, Style style) =>
        Line($"<path d=\"M{N(cx - size)},{N(cy - size)} L{N(cx + size)},{N(cy + size)} M{N(cx - size)},{N(cy + size)} L{N(cx + size)},{N(cy - size)}\"{style}/>");

    /// <summary>Text at (x, y) (the baseline), anchored start, middle or end, optionally rotated about its anchor.</summary>
    public void Text(double x, double y, string text, double size, string anchor = "start", double rotation = 0, bool bold = false, string fill = "#222", string? cssClass = null)
    {
        var rotate = rotation == 0 ? "" : $" transform=\"rotate({N(rotation)} {N(x)} {N(y)})\"";
        var weight = bold ? " font-weight=\"bold\"" : "";
        var cls = cssClass is null ? "" : $" class=\"{Escape(cssClass)}\"";
        Line($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" text-anchor=\"{anchor}\" fill=\"{fill}\"{weight}{rotate}{cls}>{Escape(text)}</text>");
    }

    /// <summary>The whole document, with XML declaration, ready to write to a file.</summary>
    public override string ToString()
    {
        var document = new StringBuilder();
        document.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        document.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{N(Width)}\" height=\"{N(Height)}\" viewBox=\"0 0 {N(Width)} {N(Height)}\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        document.Append($"  <title>{Escape(Title)}</title>\n");
        if (_definitions.Length > 0) document.Append("  <defs>\n").Append(_definitions).Append("  </defs>\n");
        document.Append($"  <rect x=\"0\" y=\"0\" width=\"{N(Width)}\" height=\"{N(Height)}\" fill=\"white\"/>\n");
        document.Append(_body);
        document.Append("</svg>\n");
        return document.ToString();
    }

    /// <summary>
    /// A coordinate with at most two decimals (a hundredth of a pixel is invisible), invariant culture. A
    /// non-finite value is a bug in the caller, never something to write: an SVG with "NaN" in it silently
    /// loses the element in most viewers.
    /// </summary>
    public static string N(double value)
    {
        if (!double.IsFinite(value)) throw new InvalidOperationException($"a plot coordinate is {value}; only finite numbers can be drawn");
        return (Math.Round(value, 2) + 0.0).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Text and attribute values with the five XML special characters escaped.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&apos;", StringComparison.Ordinal);

    private void Line(string element) => _body.Append(' ', 2 * _depth).Append(element).Append('\n');
}

/// <summary>Presentation attributes of an element: fill, stroke, line width, dashes, opacity and a class for tests and CSS.</summary>
internal sealed record Style(
    string Fill = "none",
    string? Stroke = null,
    double StrokeWidth = 1,
    string? Dash = null,
    double Opacity = 1,
    string? CssClass = null)
{
    public override string ToString()
    {
        var text = new StringBuilder($" fill=\"{Fill}\"");
        if (Stroke is not null) text.Append($" stroke=\"{Stroke}\" stroke-width=\"{SvgDocument.N(StrokeWidth)}\"");
        if (Dash is not null) text.Append($" stroke-dasharray=\"{Dash}\"");
        if (Opacity < 1) text.Append($" opacity=\"{SvgDocument.N(Opacity)}\"");
        if (CssClass is not null) text.Append($" class=\"{SvgDocument.Escape(CssClass)}\"");
        return text.ToString();
    }
}
