using System.Runtime.CompilerServices;

// The CSV loading tests (tests/EmFunctional.Tests/Cli/CsvLoading*.cs) check the loader and its number
// parser directly: bit-identical values on tricky numbers cannot be seen through the command's output.
[assembly: InternalsVisibleTo("EmFunctional.Tests")]
