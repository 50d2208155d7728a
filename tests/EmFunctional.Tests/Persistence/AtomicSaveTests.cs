namespace EmFunctional.Tests.Persistence;

/// <summary>
/// Saving is atomic: the target holds the old content or the complete new content, never part of it,
/// and a failed save leaves neither a partial target nor a temporary file behind.
/// </summary>
public sealed class AtomicSaveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("em-atomic-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_write_that_fails_half_way_leaves_the_existing_file_intact_and_no_temporary_file()
    {
        var path = Path.Combine(_directory, "model.json");
        File.WriteAllText(path, "the previous model");

        var exception = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("{\"schema\": \"em-fun"u8);
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal("disk full (simulated)", exception.Message);
        Assert.Equal("the previous model", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_all_of_it()
    {
        var path = Path.Combine(_directory, "model.json");
        File.WriteAllText(path, new string('x', 100_000));
        var model = GaussianMixture.Fit(PersistenceData.Faithful, 2);

        FittedModel.Save(model, path);

        Assert.Equal(FittedModel.ToJson(model), File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_directory));
    }

    [Fact]
    public void Saving_into_a_missing_directory_fails_without_creating_anything()
    {
        var path = Path.Combine(_directory, "no such directory", "model.json");
        var model = GaussianMixture.Fit(PersistenceData.Faithful, 2);

        Assert.Throws<DirectoryNotFoundException>(() => FittedModel.Save(model, path));

        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void Saving_into_an_unwritable_directory_fails_without_leaving_a_file()
    {
        using var unwritable = new UnwritableDirectory();
        var before = unwritable.Files();
        var model = GaussianMixture.Fit(PersistenceData.Faithful, 2);

        Assert.Throws<UnauthorizedAccessException>(() => FittedModel.Save(model, Path.Combine(unwritable.Path, "model.json")));

        Assert.Equal(before, unwritable.Files());
    }
}
