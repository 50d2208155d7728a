using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EmFunctional;

/// <summary>
/// Deserializes a model file through its source-generated contract and turns every way that can fail
/// into a <see cref="ModelFileException"/> naming the JSON path of the field at fault, in the words the
/// validation pass uses: "expected a whole number, found the string "two"", "the field "means" is
/// missing", "unknown field", "1e999 is not a finite double", "line 3: not valid JSON: …".
/// </summary>
/// <remarks>
/// System.Text.Json says where it failed (<see cref="JsonException.Path"/>) but not in those words, so
/// the path is followed through the document and the contract together, and the value found there is
/// described against the one the contract wants. Only a failure parses the document a second time.
/// </remarks>
internal static class ModelFileContract
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = ModelFileJsonContext.Default.Options.MaxDepth };

    /// <summary>The document as a <typeparamref name="T"/>, or the first problem with it.</summary>
    public static T Deserialize<T>(ReadOnlyMemory<byte> json, JsonTypeInfo<T> contract, string source) where T : class
    {
        RequireUtf8(json.Span, source);
        RequireUniqueFields(json, source);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json.Span, contract);
        }
        catch (JsonException exception)
        {
            throw Explain(json, contract, exception, source);
        }
        catch (NotSupportedException exception)
        {
            // The only one without a path: an object of a polymorphic type (a column group) without its type tag.
            throw Explain(json, contract, exception, source);
        }
        if (value is null) throw new ModelFileException(source, "$", "a model file holds one JSON object; found null");
        // The contract lets an array hold null; the schema never does.
        RequireItems(value, contract, "$", source);
        return value;
    }

    /// <summary>
    /// Refuses bytes that are not UTF-8 at the line they are on. The serializer would accept them inside a
    /// string and then fail with "could not be converted to System.String", which names our type, not the file's fault.
    /// </summary>
    private static void RequireUtf8(ReadOnlySpan<byte> json, string source)
    {
        if (System.Text.Unicode.Utf8.IsValid(json)) return;
        var (offset, line) = (0, 1);
        while (System.Text.Rune.DecodeFromUtf8(json[offset..], out _, out var length) == System.Buffers.OperationStatus.Done)
        {
            if (json[offset] == (byte)'\n') line++;
            offset += length;
        }
        throw new ModelFileException(source, "$",
            $"line {line}: not valid JSON: byte 0x{json[offset]:X2} at byte offset {offset} is not UTF-8 text; a model file is UTF-8 (save it again in that encoding)");
    }

    /// <summary>
    /// Refuses a document that names a field twice in one object, anywhere in it, at the path of the
    /// second occurrence: the serializer would let the last one win silently. Names compare ordinally.
    /// A document that is not JSON is left to the serializer to report.
    /// </summary>
    private static void RequireUniqueFields(ReadOnlyMemory<byte> json, string source)
    {
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = DocumentOptions.MaxDepth });
        // One frame per open object or array: the path to it, the names seen (objects), the next index (arrays).
        var frames = new Stack<(string Path, HashSet<string>? Names, int Index)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var (path, names, _) = frames.Peek();
                        property = reader.GetString()!;
                        if (!names!.Add(property))
                            throw new ModelFileException(source, Child(path, property),
                                $"the field \"{EchoText.Of(property)}\" appears twice; a model file names each field once");
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        var at = Here(frames, property);
                        property = null;
                        frames.Push((at, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null, 0));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.Pop();
                        Advance(frames);
                        break;
                    default:
                        property = null;
                        Advance(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the serializer says where, in its words.
        }
    }

    private static string Child(string path, string name) => $"{path}{(IsPlain(name) ? $".{EchoText.Of(name)}" : $"['{EchoText.Of(name)}']")}";

    private static string Here(Stack<(string Path, HashSet<string>? Names, int Index)> frames, string? property)
    {
        if (frames.Count == 0) return "$";
        var (path, names, index) = frames.Peek();
        return names is null ? $"{path}[{index}]" : Child(path, property!);
    }

    /// <summary>A value inside an array has ended: the next one has the next index.</summary>
    private static void Advance(Stack<(string Path, HashSet<string>? Names, int Index)> frames)
    {
        if (frames.Count > 0 && frames.Peek() is (var path, null, var index))
        {
            frames.Pop();
            frames.Push((path, null, index + 1));
        }
    }

    private static ModelFileException Explain(ReadOnlyMemory<byte> json, JsonTypeInfo contract, Exception exception, string source)
    {
        if (exception.InnerException is JsonException syntax) return NotJson(syntax, source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException invalid)
        {
            // Broken further on than where the serializer stopped: a file that is not JSON is reported as such.
            return NotJson(invalid, source);
        }
        using (document)
        {
            var path = (exception as JsonException)?.Path ?? Untagged(document.RootElement, contract, "$");
            return path is null
                ? new ModelFileException(source, "$", Plain(exception), exception)
                : Follow(document.RootElement, contract, path, exception, source);
        }
    }

    private static ModelFileException NotJson(JsonException exception, string source)
    {
        var line = exception.LineNumber is { } number ? $"line {number + 1}: " : "";
        return new ModelFileException(source, "$", $"{line}not valid JSON: {Plain(exception)}", exception);
    }

    /// <summary>The message without System.Text.Json's " Path: … | LineNumber: …" suffix.</summary>
    private static string Plain(Exception exception) =>
        exception.Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd('.', ' ');

    /// <summary>Follows <paramref name="path"/> from the root and says what is wrong with the value it leads to.</summary>
    private static ModelFileException Follow(JsonElement element, JsonTypeInfo contract, string path, Exception exception, string source)
    {
        var here = "$";
        string? tag = null;
        foreach (var segment in Segments(path))
        {
            if (!Matches(element, contract)) break;
            if (contract.PolymorphismOptions is not null)
            {
                if (Derived(element, contract) is not { } derived) break;
                (tag, contract) = (contract.PolymorphismOptions.TypeDiscriminatorPropertyName, derived);
            }
            if (segment is string name && element.ValueKind == JsonValueKind.Object)
            {
                var property = contract.Properties.FirstOrDefault(p => p.Name == name);
                var next = Child(here, name);
                if (property is null)
                    return new ModelFileException(source, next,
                        $"unknown field; a {FittedModel.SchemaName} version {FittedModel.SchemaVersion} object here has only {string.Join(", ", Names(contract, tag))}", exception);
                if (!element.TryGetProperty(name, out var value)) break;
                (element, contract, here, tag) = (value, contract.Options.GetTypeInfo(property.PropertyType), next, null);
            }
            else if (segment is int index && element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength())
            {
                (element, contract, here, tag) = (element[index], contract.Options.GetTypeInfo(contract.ElementType!), $"{here}[{index}]", null);
            }
            else
            {
                break;
            }
        }
        var (at, problem) = Problem(element, contract, here, exception);
        return new ModelFileException(source, at, problem, exception);
    }

    /// <summary>What is wrong with <paramref name="element"/> as a <paramref name="contract"/>, and where: here, or at its type tag.</summary>
    private static (string At, string Problem) Problem(JsonElement element, JsonTypeInfo contract, string here, Exception exception)
    {
        if (!Matches(element, contract))
            return (here, here == "$" && contract.Kind == JsonTypeInfoKind.Object
                ? $"a model file holds one JSON object; found {element.ValueKind.ToString().ToLowerInvariant()}"
                : $"expected {Expected(contract)}, found {Describe(element)}");
        if (contract.PolymorphismOptions is { } polymorphism)
        {
            var tag = polymorphism.TypeDiscriminatorPropertyName;
            if (!element.TryGetProperty(tag, out var value)) return (here, $"the field \"{tag}\" is missing");
            if (value.ValueKind != JsonValueKind.String) return ($"{here}.{tag}", $"expected a string, found {Describe(value)}");
            if (Derived(element, contract) is not { } derived)
                return ($"{here}.{tag}", $"unknown value \"{EchoText.Of(value.GetString())}\"; expected {ModelFileSpellings.Choices([.. polymorphism.DerivedTypes.Select(d => $"{d.TypeDiscriminator}")])}");
            contract = derived;
        }
        if (element.ValueKind == JsonValueKind.Object && contract.Properties.FirstOrDefault(p => p.IsRequired && !element.TryGetProperty(p.Name, out _)) is { } missing)
            return (here, $"the field \"{missing.Name}\" is missing");
        if (element.ValueKind == JsonValueKind.Number)
        {
            var raw = element.GetRawText();
            var type = Nullable.GetUnderlyingType(contract.Type) ?? contract.Type;
            var range = type == typeof(int) ? "a 32-bit integer" : type == typeof(long) ? "a 64-bit integer" : type == typeof(ulong) ? "an unsigned 64-bit integer" : null;
            if (range is not null) return (here, $"{EchoText.Of(raw)} is not a whole number in the range of {range}");
            if (type == typeof(double)) return (here, $"{EchoText.Of(raw)} is not a finite double");
        }
        return (here, Plain(exception));
    }

    /// <summary>The path of the first object of a polymorphic type, along the contract, that has no type tag; null when there is none.</summary>
    private static string? Untagged(JsonElement element, JsonTypeInfo contract, string here)
    {
        if (!Matches(element, contract)) return null;
        if (contract.PolymorphismOptions is not null)
        {
            if (Derived(element, contract) is not { } derived) return here;
            contract = derived;
        }
        if (contract.Kind == JsonTypeInfoKind.Enumerable)
        {
            var item = contract.Options.GetTypeInfo(contract.ElementType!);
            var i = 0;
            foreach (var value in element.EnumerateArray())
                if (Untagged(value, item, $"{here}[{i++}]") is { } found) return found;
        }
        else if (contract.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in contract.Properties)
                if (element.TryGetProperty(property.Name, out var value) && Untagged(value, contract.Options.GetTypeInfo(property.PropertyType), $"{here}.{property.Name}") is { } found)
                    return found;
        }
        return null;
    }

    /// <summary>
    /// Rejects a null item of an array anywhere in <paramref name="value"/> (the contract checks the
    /// nullability of properties only), walking the deserialized value along its contract.
    /// </summary>
    private static void RequireItems(object value, JsonTypeInfo contract, string here, string source, bool itemsMayBeNull = false)
    {
        if (contract.Kind == JsonTypeInfoKind.Object)
        {
            if (contract.PolymorphismOptions is not null) contract = contract.Options.GetTypeInfo(value.GetType());
            foreach (var property in contract.Properties)
                if (property.Get!(value) is { } child)
                    RequireItems(child, contract.Options.GetTypeInfo(property.PropertyType), $"{here}.{property.Name}", source, ElementsAreNullable(property));
        }
        else if (contract.Kind == JsonTypeInfoKind.Enumerable && !contract.ElementType!.IsValueType)
        {
            var item = contract.Options.GetTypeInfo(contract.ElementType);
            var i = 0;
            foreach (var child in (IEnumerable)value)
            {
                var at = $"{here}[{i++}]";
                if (child is null)
                {
                    if (itemsMayBeNull) continue;
                    throw new ModelFileException(source, at, $"expected {Expected(item)}, found null");
                }
                RequireItems(child, item, at, source);
            }
        }
    }

    /// <summary>True when the property is an array whose items the record declares nullable (<c>string?[]</c>): null is then a value, not a gap.</summary>
    private static bool ElementsAreNullable(JsonPropertyInfo property) =>
        property.AttributeProvider is System.Reflection.PropertyInfo info
        && new System.Reflection.NullabilityInfoContext().Create(info).ElementType?.ReadState == System.Reflection.NullabilityState.Nullable;

    /// <summary>The derived contract that <paramref name="element"/>'s type tag names, or null.</summary>
    private static JsonTypeInfo? Derived(JsonElement element, JsonTypeInfo contract)
    {
        var polymorphism = contract.PolymorphismOptions!;
        if (!element.TryGetProperty(polymorphism.TypeDiscriminatorPropertyName, out var tag) || tag.ValueKind != JsonValueKind.String) return null;
        var derived = polymorphism.DerivedTypes.FirstOrDefault(d => d.TypeDiscriminator is string word && word == tag.GetString());
        return derived.DerivedType is { } type ? contract.Options.GetTypeInfo(type) : null;
    }

    private static IEnumerable<string> Names(JsonTypeInfo contract, string? tag) =>
        tag is null ? contract.Properties.Select(p => p.Name) : [tag, .. contract.Properties.Select(p => p.Name)];

    /// <summary>The segments of a System.Text.Json path: names (<c>.name</c>, <c>['odd name']</c>) and indices (<c>[3]</c>).</summary>
    private static IEnumerable<object> Segments(string path)
    {
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (end < 0) end = path.Length;
                yield return path[(i + 1)..end];
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) yield break;
                yield return path[(i + 2)..end].Replace("\\'", "'");
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index)) yield break;
                yield return index;
                i = end + 1;
            }
            else
            {
                yield break;
            }
        }
    }

    private static bool IsPlain(string name) => name.Length > 0 && name.All(char.IsAsciiLetterOrDigit);

    /// <summary>Whether the JSON type of <paramref name="element"/> is the one <paramref name="contract"/> reads (null where it allows null).</summary>
    private static bool Matches(JsonElement element, JsonTypeInfo contract)
    {
        var type = Nullable.GetUnderlyingType(contract.Type);
        if (element.ValueKind == JsonValueKind.Null) return type is not null;
        return (type ?? contract.Type, contract.Kind, element.ValueKind) switch
        {
            (_, JsonTypeInfoKind.Enumerable, var kind) => kind == JsonValueKind.Array,
            (_, JsonTypeInfoKind.Object, var kind) => kind == JsonValueKind.Object,
            (var t, _, var kind) when t == typeof(string) => kind == JsonValueKind.String,
            (var t, _, var kind) when t == typeof(bool) => kind is JsonValueKind.True or JsonValueKind.False,
            (_, _, var kind) => kind == JsonValueKind.Number,
        };
    }

    private static string Expected(JsonTypeInfo contract)
    {
        var type = Nullable.GetUnderlyingType(contract.Type) ?? contract.Type;
        return contract.Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object => "an object",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(double) => "a number",
            _ => "a whole number",
        };
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{EchoText.Of(element.GetString())}\"",
        JsonValueKind.Number => $"the number {EchoText.Of(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => "null",
    };
}
