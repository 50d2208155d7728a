namespace EmFunctional.Cli;

/// <summary>
/// The files a command writes, checked against the files it reads and against each other before any work,
/// and written all or nothing: each output is staged beside its target (<see cref="AtomicFile.Stage"/>) and
/// the targets are replaced only once every output is complete, so a failure (a full disk on the second
/// file, say) leaves every target as it was.
/// </summary>
internal static class OutputTargets
{
    /// <summary>
    /// Throws a <see cref="UserInputException"/> when an output names an input (which writing would destroy)
    /// or two outputs name the same file (the second would overwrite the first): compared by real path and,
    /// where the file exists, by device and inode. Null paths (stdout, the bundled data, stdin) take no part.
    /// </summary>
    public static void RequireDistinct(IReadOnlyList<(string Option, string? Path)> outputs, IReadOnlyList<(string What, string? Path)> inputs)
    {
        var written = outputs.Where(output => !string.IsNullOrWhiteSpace(output.Path)).Select(output => (output.Option, Path: output.Path!, Identity: FileIdentity.Of(output.Path!))).ToArray();
        var read = inputs.Where(input => input.Path is { } path && path != CsvDataLoader.StandardInputArgument && File.Exists(path))
            .Select(input => (input.What, Path: input.Path!, Identity: FileIdentity.Of(input.Path!))).ToArray();
        for (var i = 0; i < written.Length; i++)
        {
            foreach (var input in read)
                if (written[i].Identity.SameFileAs(input.Identity))
                    throw new UserInputException($"{written[i].Option} {EchoText.Path(written[i].Path)}: is the {input.What} {EchoText.Path(input.Path)}; writing there would destroy it, so choose another file name");
            for (var j = 0; j < i; j++)
                if (written[i].Identity.SameFileAs(written[j].Identity))
                    throw new UserInputException($"{written[j].Option} {EchoText.Path(written[j].Path)} and {written[i].Option} {EchoText.Path(written[i].Path)} are the same file; the second would overwrite the first, so give each its own name");
        }
    }

    /// <summary>Replaces every staged target, in order, after all of them were staged; a null entry is an output not asked for.</summary>
    public static void Commit(params StagedFile?[] staged)
    {
        foreach (var file in staged)
        {
            if (file is null) continue;
            try
            {
                file.Commit();
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"{EchoText.Path(file.Path)}: cannot be written: {exception.Message}");
            }
        }
    }
}
