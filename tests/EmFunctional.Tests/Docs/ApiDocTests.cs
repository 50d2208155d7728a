using System.Globalization;
using System.Reflection;

namespace EmFunctional.Tests.Docs;

/// <summary>
/// Keeps docs/api.md and the README's C# from rotting: every csharp block they show is the text of a
/// <c>#region</c> in <see cref="ApiExamples"/> (so it compiles, with the test project), every example runs
/// here, and what it prints is what the document shows under it.
/// </summary>
public sealed class ApiDocTests
{
    /// <summary>The Markdown files whose csharp blocks must all be examples.</summary>
    public static readonly string[] Documents = ["docs/api.md", "README.md"];

    public static TheoryData<string> DocumentNames() => [.. Documents];

    public static TheoryData<string> ExampleMethodNames() =>
        [.. ExampleMethods().Select(method => method.Name)];

    public static TheoryData<string, string> DocumentedExamples()
    {
        var data = new TheoryData<string, string>();
        foreach (var block in Documents.SelectMany(ApiDocument.CodeBlocks).Where(block => block.Example is not null))
            data.Add(block.File, block.Example!);
        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentNames))]
    public void Every_csharp_block_is_an_example(string document)
    {
        var regions = ApiDocument.ExampleRegions();
        var problems = ApiDocument.CodeBlocks(document)
            .Where(block => block.Language is "csharp" or "cs" or "c#")
            .Select(block => block.Example is null
                ? $"{document}, line {block.Line}: a csharp block without an <!-- example: name --> comment before it"
                : regions.ContainsKey(block.Example) ? null
                : $"{document}, line {block.Line}: example '{block.Example}' has no #region in {ApiDocument.ExamplesDirectory}")
            .OfType<string>()
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(DocumentedExamples))]
    public void The_documented_code_is_the_example_region(string document, string example)
    {
        var blocks = ApiDocument.CodeBlocks(document).Where(block => block.Example == example).ToList();
        var block = Assert.Single(blocks);
        Assert.Equal("csharp", block.Language);
        var region = ApiDocument.ExampleRegions()[example];
        if (block.Text != region) Assert.Fail($"{document}, line {block.Line}: example '{example}' differs from its #region.\n{FirstDifference(region, block.Text)}");
    }

    [Fact]
    public void Every_region_is_shown_in_a_document()
    {
        var shown = Documents.SelectMany(ApiDocument.CodeBlocks).Select(block => block.Example).OfType<string>().ToHashSet();
        var hidden = ApiDocument.ExampleRegions().Keys.Where(name => !shown.Contains(name)).Order(StringComparer.Ordinal).ToList();
        Assert.True(hidden.Count == 0, $"regions no document shows: {string.Join(", ", hidden)}");
    }

    [Fact]
    public void Every_region_has_a_method_and_every_method_a_region()
    {
        var regions = ApiDocument.ExampleRegions();
        var methods = ExampleMethods().Select(method => method.Name).ToHashSet();
        // A region of using directives or of type declarations has nothing to run of its own: the
        // compiler checks it, and the examples that use its types run it.
        var withoutMethod = regions
            .Where(region => !methods.Contains(ApiDocument.MethodName(region.Key)) && !ApiDocument.IsDeclarations(region.Value))
            .Select(region => region.Key)
            .ToList();
        var withoutRegion = methods.Where(method => !regions.Keys.Any(name => ApiDocument.MethodName(name) == method)).Order(StringComparer.Ordinal).ToList();
        Assert.True(withoutMethod.Count == 0, $"regions with no example method of their name (kebab-case → PascalCase) to run them: {string.Join(", ", withoutMethod)}");
        Assert.True(withoutRegion.Count == 0, $"example methods with no #region of their name, so no document shows them: {string.Join(", ", withoutRegion)}");
    }

    [Theory]
    [MemberData(nameof(ExampleMethodNames))]
    public void The_example_runs_and_prints_what_the_document_shows(string methodName)
    {
        var output = Run(methodName);
        var shown = Documents.SelectMany(ApiDocument.CodeBlocks)
            .Where(block => block.Example is { } name && ApiDocument.MethodName(name) == methodName && block.Output is not null)
            .ToList();
        foreach (var block in shown)
        {
            if (block.Output != output)
                Assert.Fail($"{block.File}, line {block.Line}: example '{block.Example}' printed\n{output}\n\nbut the document shows\n{block.Output}\n\n{FirstDifference(output, block.Output!)}");
        }
    }

    /// <summary>The output of an example, normalized like a Markdown block, in the invariant culture.</summary>
    public static string Run(string methodName)
    {
        var method = typeof(ApiExamples).GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"no example method {methodName}");
        var writer = new StringWriter { NewLine = "\n" };
        var culture = CultureInfo.CurrentCulture;
        // The examples format numbers with the current culture, as a reader's program would; the
        // document shows the invariant one (a dot as decimal separator).
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            method.Invoke(new ApiExamples(writer), null);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        return ApiDocument.Normalize(writer.ToString().Split('\n'));
    }

    private static IEnumerable<MethodInfo> ExampleMethods() =>
        typeof(ApiExamples).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(method => method.ReturnType == typeof(void) && method.GetParameters().Length == 0 && !method.IsSpecialName)
            .OrderBy(method => method.Name, StringComparer.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var left = expected.Split('\n');
        var right = actual.Split('\n');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var a = i < left.Length ? left[i] : "(end)";
            var b = i < right.Length ? right[i] : "(end)";
            if (a != b) return $"first difference at line {i + 1}:\n  example:  {a}\n  document: {b}";
        }
        return "no difference";
    }
}
