using System.Runtime.CompilerServices;

// The facade's tests reach its internals (model-file details, conversions) to check them directly. No other
// assembly does: the em tool uses only the public API.
[assembly: InternalsVisibleTo("EmFunctional.Tests")]
