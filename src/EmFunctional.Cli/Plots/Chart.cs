namespace EmFunctional.Cli.Plots;

/// <summary>How a legend entry shows its series.</summary>
internal enum LegendMark
{
    Line,
    DashedLine,
    Point,
    Ellipse,
    DashedEllipse,
    Bar,
    Cross,
}

/// <summary>One line of a legend: a mark in the series' colour and its label.</summary>
internal sealed record LegendEntry(string Label, string Colour, LegendMark Mark);

/// <summary>
/// The frame every plot shares: a title and subtitle, a plot area with grid lines, both axes with nice
/// ticks and tick labels, the axis titles (column names, or what the axis measures) and a legend to the
/// right of the plot area, where it never hides data. Maps data coordinates to pixels.
/// </summary>
internal sealed class Chart
{
    private const double Width = 760;
    private const double Height = 520;
    private const double LeftMargin = 78;
    private const double RightMargin = 190;
    private const double TopMargin = 62;
    private const double BottomMargin = 58;
    private const string ClipId = "plot-area";

    /// <param name="title">Bold, at the top.</param>
    /// <param name="subtitle">Below the title in grey: the data and settings the picture is of.</param>
    /// <param name="xTitle">What the horizontal axis measures.</param>
    /// <param name="yTitle">What the vertical axis measures.</param>
    /// <param name="x">Horizontal scale.</param>
    /// <param name="y">Vertical scale.</param>
    public Chart(string title, string subtitle, string xTitle, string yTitle, NiceScale x, NiceScale y)
    {
        XScale = x;
        YScale = y;
        Document = new SvgDocument(Width, Height, title);
        Document.DefineClipRectangle(ClipId, Left, Top, Right - Left, Bottom - Top);
        DrawFrame(title, subtitle, xTitle, yTitle);
    }

    public SvgDocument Document { get; }

    public NiceScale XScale { get; }

    public NiceScale YScale { get; }

    public static double Left => LeftMargin;

    public static double Right => Width - RightMargin;

    public static double Top => TopMargin;

    public static double Bottom => Height - BottomMargin;

    /// <summary>Pixels per data unit, horizontally.</summary>
    public double XUnit => (Right - Left) / (XScale.Maximum - XScale.Minimum);

    /// <summary>Pixels per data unit, vertically (positive: up in data is up on the page).</summary>
    public double YUnit => (Bottom - Top) / (YScale.Maximum - YScale.Minimum);

    /// <summary>The pixel column of data value <paramref name="value"/>.</summary>
    public double X(double value) => Left + (value - XScale.Minimum) * XUnit;

    /// <summary>The pixel row of data value <paramref name="value"/>.</summary>
    public double Y(double value) => Bottom - (value - YScale.Minimum) * YUnit;

    /// <summary>Starts drawing data: everything until <see cref="EndData"/> is clipped to the plot area.</summary>
    public void BeginData(string cssClass) => Document.BeginGroup(cssClass, ClipId);

    public void EndData() => Document.EndGroup();

    /// <summary>A remark about the data, in grey in the plot area's bottom right corner.</summary>
    public void Note(string text) => Document.Text(Right - 8, Bottom - 8, text, 11, "end", fill: "#666666", cssClass: "note");

    /// <summary>The legend, top to bottom, to the right of the plot area; <paramref name="heading"/> in bold above it.</summary>
    public void Legend(string heading, IReadOnlyList<LegendEntry> entries)
    {
        var x = Right + 18;
        var y = Top + 6;
        Document.BeginGroup("legend");
        Document.Text(x, y, heading, 12, bold: true, fill: Palette.Ink);
        foreach (var entry in entries)
        {
            y += 20;
            var middle = y - 4;
            switch (entry.Mark)
            {
                case LegendMark.Line:
                    Document.Segment(x, middle, x + 24, middle, new Style(Stroke: entry.Colour, StrokeWidth: 2.5));
                    break;
                case LegendMark.DashedLine:
                    Document.Segment(x, middle, x + 24, middle, new Style(Stroke: entry.Colour, StrokeWidth: 2, Dash: "5 3"));
                    break;
                case LegendMark.Point:
                    Document.Circle(x + 12, middle, 4, new Style(Fill: entry.Colour, Opacity: 0.85));
                    break;
                case LegendMark.Ellipse:
                    Document.Ellipse(x + 12, middle, 11, 6, 0, new Style(Stroke: entry.Colour, StrokeWidth: 2));
                    break;
                case LegendMark.DashedEllipse:
                    Document.Ellipse(x + 12, middle, 11, 6, 0, new Style(Stroke: entry.Colour, StrokeWidth: 1.5, Dash: "4 3"));
                    break;
                case LegendMark.Cross:
                    Document.Cross(x + 12, middle, 5, new Style(Stroke: entry.Colour, StrokeWidth: 2.5));
                    break;
                case LegendMark.Bar:
                    Document.Rectangle(x + 3, middle - 6, 18, 12, new Style(Fill: entry.Colour, Stroke: "#999999", Opacity: 0.9));
                    break;
            }
            Document.Text(x + 32, y, Shorten(entry.Label, 24), 12, fill: Palette.Ink);
        }
        Document.EndGroup();
    }

    private void DrawFrame(string title, string subtitle, string xTitle, string yTitle)
    {
        var document = Document;
        document.Text(Left, 26, Shorten(title, 90), 17, bold: true, fill: Palette.Ink, cssClass: "title");
        document.Text(Left, 45, Shorten(subtitle, 110), 12, fill: "#666666", cssClass: "subtitle");

        document.BeginGroup("grid");
        foreach (var tick in XScale.Ticks) document.Segment(X(tick), Top, X(tick), Bottom, new Style(Stroke: Palette.Grid));
        foreach (var tick in YScale.Ticks) document.Segment(Left, Y(tick), Right, Y(tick), new Style(Stroke: Palette.Grid));
        document.EndGroup();

        document.BeginGroup("axes");
        document.Rectangle(Left, Top, Right - Left, Bottom - Top, new Style(Stroke: Palette.Ink));
        foreach (var tick in XScale.Ticks)
        {
            document.Segment(X(tick), Bottom, X(tick), Bottom + 5, new Style(Stroke: Palette.Ink));
            document.Text(X(tick), Bottom + 19, XScale.Label(tick), 12, "middle", fill: Palette.Ink, cssClass: "tick-label");
        }
        foreach (var tick in YScale.Ticks)
        {
            document.Segment(Left - 5, Y(tick), Left, Y(tick), new Style(Stroke: Palette.Ink));
            document.Text(Left - 8, Y(tick) + 4, YScale.Label(tick), 12, "end", fill: Palette.Ink, cssClass: "tick-label");
        }
        document.Text((Left + Right) / 2, Height - 14, Shorten(xTitle, 70), 14, "middle", fill: Palette.Ink, cssClass: "axis-title");
        document.Text(20, (Top + Bottom) / 2, Shorten(yTitle, 50), 14, "middle", rotation: -90, fill: Palette.Ink, cssClass: "axis-title");
        document.EndGroup();
    }

    /// <summary>A label cut to <paramref name="length"/> characters with an ellipsis, so it cannot run off the page.</summary>
    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
