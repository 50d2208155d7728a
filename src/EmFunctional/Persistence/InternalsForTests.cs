using System.Runtime.CompilerServices;

// The persistence tests (tests/EmFunctional.Tests/Persistence) make AtomicFile's write fail half-way, which
// no real model can make happen, to check that the target survives.
[assembly: InternalsVisibleTo("EmFunctional.Tests")]

// The CLI writes every output file (predictions, samples, pictures) with the same atomic writer as Save.
[assembly: InternalsVisibleTo("em")]
