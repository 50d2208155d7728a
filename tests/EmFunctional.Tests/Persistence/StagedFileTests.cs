namespace EmFunctional.Tests.Persistence;

/// <summary>
/// <see cref="AtomicFile.Stage"/> and <see cref="StagedFile"/>: several files written all or nothing. A staged
/// file is complete beside its target and changes nothing until committed; disposed uncommitted, it leaves
/// nothing behind.
/// </summary>
public sealed class StagedFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("em-staged-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string In(string name) => Path.Combine(_directory, name);

    [Fact]
    public void A_killed_writers_leftover_is_removed_by_the_next_write_to_that_target()
    {
        var leftover = In($".out.csv.{Guid.NewGuid():N}.tmp");
        var fresh = In($".out.csv.{Guid.NewGuid():N}.tmp");
        var otherTarget = In($".other.csv.{Guid.NewGuid():N}.tmp");
        var notOurs = In(".out.csv.backup.tmp");
        foreach (var file in new[] { leftover, fresh, otherTarget, notOurs }) File.WriteAllText(file, "half written");
        var longAgo = DateTime.UtcNow - TimeSpan.FromHours(2);
        foreach (var file in new[] { leftover, otherTarget, notOurs }) File.SetLastWriteTimeUtc(file, longAgo);

        AtomicFile.Write(In("out.csv"), stream => stream.Write("new"u8));

        Assert.Equal("new", File.ReadAllText(In("out.csv")));
        Assert.False(File.Exists(leftover));
        // Written moments ago: perhaps another process's, staged for its commit.
        Assert.True(File.Exists(fresh));
        Assert.True(File.Exists(otherTarget));
        Assert.True(File.Exists(notOurs));
    }

    [Fact]
    public void A_leftover_another_process_still_writes_is_left_alone()
    {
        var writing = In($".out.csv.{Guid.NewGuid():N}.tmp");
        using (var held = new FileStream(writing, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            File.SetLastWriteTimeUtc(writing, DateTime.UtcNow - TimeSpan.FromHours(2));
            AtomicFile.Write(In("out.csv"), stream => stream.Write("new"u8));
            Assert.True(File.Exists(writing));
        }
        Assert.Equal("new", File.ReadAllText(In("out.csv")));
    }

    [Fact]
    public void Targets_change_only_when_committed()
    {
        File.WriteAllText(In("a.txt"), "old a");
        using var a = AtomicFile.Stage(In("a.txt"), stream => stream.Write("new a"u8));
        using var b = AtomicFile.Stage(In("b.txt"), stream => stream.Write("new b"u8));
        Assert.Equal("old a", File.ReadAllText(In("a.txt")));
        Assert.False(File.Exists(In("b.txt")));
        Assert.Equal(2, Directory.GetFiles(_directory, ".*.tmp").Length);

        a.Commit();
        b.Commit();
        Assert.Equal("new a", File.ReadAllText(In("a.txt")));
        Assert.Equal("new b", File.ReadAllText(In("b.txt")));
        Assert.Empty(Directory.GetFiles(_directory, ".*.tmp"));
        Assert.Throws<ObjectDisposedException>(a.Commit);
    }

    [Fact]
    public void A_failure_while_staging_the_second_file_leaves_the_first_target_as_it_was()
    {
        File.WriteAllText(In("model.json"), "old model");
        var staged = new List<StagedFile>();
        try
        {
            staged.Add(AtomicFile.Stage(In("model.json"), stream => stream.Write("new model"u8)));
            Assert.Throws<IOException>(() => staged.Add(AtomicFile.Stage(In("plot.svg"), _ => throw new IOException("No space left on device"))));
        }
        finally
        {
            foreach (var file in staged) file.Dispose();
        }
        Assert.Equal("old model", File.ReadAllText(In("model.json")));
        Assert.False(File.Exists(In("plot.svg")));
        Assert.Empty(Directory.GetFiles(_directory, ".*.tmp"));
    }

    [Fact]
    public void A_symbolic_link_is_written_through_and_stays_a_link()
    {
        File.WriteAllText(In("real.txt"), "old");
        File.CreateSymbolicLink(In("link.txt"), "real.txt");
        var target = AtomicFile.Locate(In("link.txt"));
        Assert.Equal(In("real.txt"), target.Target);
        Assert.True(target.IsLink);
        Assert.False(target.Direct);
        AtomicFile.Write(In("link.txt"), stream => stream.Write("new"u8));
        Assert.Equal("real.txt", new FileInfo(In("link.txt")).LinkTarget);
        Assert.Equal("new", File.ReadAllText(In("real.txt")));
        Assert.Empty(Directory.GetFiles(_directory, ".*.tmp"));
    }

    [Fact]
    public void A_device_is_written_directly_when_committed_and_not_replaced()
    {
        if (!OperatingSystem.IsLinux()) return;
        var written = false;
        using (var staged = AtomicFile.Stage("/dev/null", stream => { stream.Write("x"u8); written = true; }))
        {
            Assert.True(staged.IsDirect);
            Assert.False(written);
            staged.Commit();
            Assert.True(written);
        }
        Assert.True(AtomicFile.Locate("/dev/null").Direct);
        Assert.True(AtomicFile.Locate("/dev/stdout").Direct);
        Assert.False(AtomicFile.Locate(In("plain.txt")).Direct);
    }
}
