using System.CommandLine;
using System.Globalization;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace EmFunctional.Cli;

/// <summary>
/// <c>--help</c>: System.CommandLine's generated help, followed by the command's examples, what its
/// output shows and the meaning of the exit codes, which the generated help has no section for but
/// scripts need.
/// </summary>
internal sealed class HelpWithExamplesAction(HelpAction generatedHelp) : SynchronousCommandLineAction
{
    /// <summary>After the help of <c>em fit</c> and of <c>em</c> itself.</summary>
    public const string FitEpilogue = """
        Examples:
          em fit                                   fit 2 components to the bundled Old Faithful data
          em fit data.csv --components 3 --covariance diag --restarts 5
          em fit data.csv -k 4 --seed 42 --format json > report.json
          em fit data.csv -k 3 --output model.json     also save the model for 'em predict' and 'em sample'
          em fit survey.csv --family bernoulli -k 3 --priors     latent classes of 0/1 answers
          em fit mixed.csv --family auto --labels --format json  a family per column, labels per row
          em fit data.tsv --delimiter tab --columns y,x         two columns, by header name, in this order
          grep -v '^9999' data.csv | em fit -                   read the CSV from stdin
          em fit -k 3 --plot fit.svg --axes eruptions,waiting    points, means, 1- and 2-sigma ellipses

        Output:
          text   tables of weights, means and covariances (column names from the CSV header), each
                 family's parameters, log-likelihood, BIC, AIC, iterations and stop reason
          json   one JSON object: the same, plus every restart and all the settings of the run

        Exit codes:
          0   success
          1   internal error (a bug in em; please report it)
          2   bad input (command line, CSV file or data) or a failed fit; one line on stderr says
              which file, line and column, or which option, is at fault
        """;

    /// <summary>After the help of <c>em select</c>.</summary>
    public const string SelectEpilogue = """
        Examples:
          em select                                K = 1..9 x all four covariances on the bundled data
          em select iris.csv --components 1..6 --covariance full,tied --criterion icl
          em select data.csv --restarts 5 --seed 42 --format json > grid.json
          em select values.txt --delimiter ';' --no-header --columns 2,3   columns 2 and 3 of a file without header
          em select --plot bic.svg                 BIC against K, one line per covariance type

        Output:
          text   the criterion's table (rows K, columns covariance types, the best cell marked *), the
                 three best cells, why cells failed, notes (not converged, near-singular) and a last
                 line naming the best cell
          json   one JSON object: every cell in grid order (K, covariance, log-likelihood, BIC, AIC,
                 ICL, status, message) and the best cell with the criterion that chose it

        Exit codes:
          0   success, even if some cells failed (the report lists them)
          1   internal error (a bug in em; please report it)
          2   bad input (command line, CSV file or data) or every cell of the grid failed; one line on
              stderr says which file, line and column, or which option, is at fault
        """;

    /// <summary>After the help of <c>em trace</c>.</summary>
    public const string TraceEpilogue = """
        Examples:
          em trace                                 watch EM fit 2 components to the bundled data
          em trace data.csv -k 3 --restarts 5 --plot trace.svg   every restart, and a picture of them
          em trace data.csv --format json | jq .meanLogLikelihood

        Output (one line per iteration, written as it happens, up to where 'em fit' stops):
          text   iteration, mean log-likelihood of the parameters entering it, its change, and the
                 weights it produced; a heading per restart and a line saying why it stopped
          json   one object per line: restart (0-based), iteration, meanLogLikelihood, change,
                 weights, stopReason (set on each restart's last line)

        Exit codes:
          0   success, even if some restarts failed (the trace says so)
          1   internal error (a bug in em; please report it)
          2   bad input (command line, CSV file or data) or every restart failed; one line on stderr
        """;

    /// <summary>After the help of <c>em predict</c>.</summary>
    public const string PredictEpilogue = """
        Examples:
          em fit data.csv -k 3 --output model.json && em predict model.json data.csv
          em predict model.json new-rows.csv --output labelled.csv
          em predict model.json renamed.csv --columns dur,wait   these feed the model's columns, in its order

        Output:
          CSV: every column of FILE in file order, each field copied as read (IDs and text too; a missing
          cell of a model column is written empty), then
          label (the most probable component, 0-based), p_0 ... p_(K-1) (the probability of each
          component given the row) and log_density (log of the mixture density at the row), in
          shortest round-trip form. Only the model's columns must be numbers: they are found in FILE by
          header name, or as --columns lists them; a model saved without names takes FILE's columns by
          position.

        Exit codes:
          0   success
          1   internal error (a bug in em; please report it)
          2   bad input: a missing or damaged model file (the message names the JSON field), a CSV
              problem (file, line and column), a model column missing from or repeated in the header,
              --columns listing another number of columns than the model has or a model column's name
              for another model column, or an output file that cannot be written (an existing one is
              left as it was)
        """;

    /// <summary>After the help of <c>em impute</c>.</summary>
    public const string ImputeEpilogue = """
        Examples:
          em fit survey.csv -k 3 --output model.json && em impute model.json survey.csv --output filled.csv
          em impute model.json survey.csv --draws 5 --seed 1 --output imputations.csv
          em impute model.json sensors.csv --missing-values -999

        Output:
          CSV: FILE's header and rows in file order, each field written as read, except that a missing
          cell of a model column gets its conditional mean given the row's observed cells under the
          model (a categorical column: its most probable code), in shortest round-trip form. With
          --draws M: M completed copies one after another, each missing cell drawn from its conditional
          distribution, and a last column draw (1 ... M). The same model, file, --draws and --seed give
          the same copies.

        Exit codes:
          0   success
          1   internal error (a bug in em; please report it)
          2   bad input: a missing or damaged model file (the message names the JSON field), a CSV
              problem (file, line and column), a row whose model columns are all missing, a model
              column missing from or repeated in the header, or an output file that cannot be written
              or is an input (an existing one is left as it was)
        """;

    /// <summary>After the help of <c>em bootstrap</c>.</summary>
    public const string BootstrapEpilogue = """
        Examples:
          em fit faithful.csv -k 2 --output model.json && em bootstrap model.json faithful.csv
          em bootstrap model.json faithful.csv --replicates 300 --seed 1 --format json
          em bootstrap model.json faithful.csv --type weighted --level 0.9

        Output:
          Standard errors (the standard deviation over the replicates) and percentile intervals of the
          weights, means and variances, in the model's component order: tables, or with --format json
          one object with standardErrors (weights, means, variances) and intervals (lower, upper).
          The same model, file, --replicates, --type and --seed give the same figures.

        Exit codes:
          0   success
          1   internal error (a bug in em; please report it)
          2   bad input: a missing or damaged model file (the message names the JSON field), a CSV
              problem (file, line and column), a model column missing from or repeated in the header,
              a bad option, or fewer than 2 refits that succeeded
        """;

    /// <summary>After the help of <c>em sample</c>.</summary>
    public const string SampleEpilogue = """
        Examples:
          em sample model.json -n 1000 --seed 7 > simulated.csv
          em sample model.json -n 500 --output simulated.csv

        Output:
          CSV: the model's columns (named as in the file it was fitted on) and component, the 0-based
          component each row was drawn from. The same model, -n and --seed give the same rows.

        Exit codes:
          0   success
          1   internal error (a bug in em; please report it)
          2   bad input: a missing or damaged model file (the message names the JSON field), a bad
              option, or an output file that cannot be written (an existing one is left as it was)
        """;

    /// <summary>The epilogue for the help of <paramref name="command"/>: <c>em</c>'s own is <c>em fit</c>'s.</summary>
    public static string EpilogueFor(Command command) => command.Name switch
    {
        "select" => SelectEpilogue,
        "trace" => TraceEpilogue,
        "predict" => PredictEpilogue,
        "impute" => ImputeEpilogue,
        "bootstrap" => BootstrapEpilogue,
        "sample" => SampleEpilogue,
        _ => FitEpilogue,
    };

    /// <summary>Help never fails because of other mistakes on the command line: it is how users find them.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        // Defaults such as 0.001 are printed with the current culture; "0,001" would not parse as an option value.
        var culture = CultureInfo.CurrentCulture;
        int exitCode;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            exitCode = generatedHelp.Invoke(parseResult);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine(EpilogueFor(parseResult.CommandResult.Command));
        output.WriteLine();
        return exitCode;
    }
}
