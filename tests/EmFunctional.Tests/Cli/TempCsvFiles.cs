using System.Text;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// A fresh temporary directory for CSV files written by a test class, deleted afterwards. Files are
/// written byte for byte (no BOM, no newline translation) so tests control exactly what em reads.
/// </summary>
public sealed class TempCsvFiles : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("em-cli-tests-").FullName;

    /// <summary>Writes <paramref name="content"/> as UTF-8 without BOM and returns the file's full path.</summary>
    public string Write(string name, string content) => WriteBytes(name, new UTF8Encoding(false).GetBytes(content));

    /// <summary>Writes raw bytes (for BOM tests) and returns the file's full path.</summary>
    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>A path in the directory where no file exists.</summary>
    public string Missing(string name) => Path.Combine(_directory, name);

    /// <summary>The directory itself.</summary>
    public string DirectoryPath => _directory;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; failing the run over it is not.
        }
    }
}
