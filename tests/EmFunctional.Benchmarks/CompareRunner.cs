using System.Diagnostics;
using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmFunctional.Core;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Gaussian;
using LanguageExt;

namespace EmFunctional.Benchmarks;

/// <summary>
/// Our side of compare.py: <c>compare DATA.bin START.json ITERATIONS [THREADS]</c>.
/// </summary>
/// <remarks>
/// <para>DATA.bin: int64 N, int64 D, then N·D float64, all little-endian, row-major. START.json:
/// <c>{"family": "gaussian", "kind": "full"|"diagonal", "weights": [K], "means": [K][D],
/// "covariances": [K][D][D] or [K][D]}</c> or <c>{"family": "bernoulli", "weights": [K],
/// "probabilities": [K][D]}</c>.</para>
/// <para>Runs exactly ITERATIONS EM steps from the start and prints one JSON line. What is timed: each
/// step separately (E-step + M-step, as Em.Iterate yields it); seconds_per_iteration is the mean of
/// steps 2..ITERATIONS, the first being the warm-up (JIT, first touch of pages). compare.py times
/// scikit-learn's iterations the same way. Loading the data, building the start and computing the final
/// log-likelihood are not timed.</para>
/// <para>Memory: the data file is memory-mapped and copied once into the Dataset (which always copies
/// its input); the mapping is then released, and the kernel's high-water mark is reset
/// (/proc/self/clear_refs) so that fit_peak_rss_bytes is the peak of the fit alone (data + runtime +
/// whatever the fit allocates), and rss_before_fit_bytes the resident size when the fit starts (runtime +
/// data), so that their difference is what the fit itself adds. peak_rss_bytes is the whole process,
/// including the load.</para>
/// </remarks>
public static class CompareRunner
{
    /// <summary>Runs one comparison and prints its JSON line; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length is < 3 or > 4 || !int.TryParse(args[2], out var iterations) || iterations < 2)
        {
            Console.Error.WriteLine("usage: compare DATA.bin START.json ITERATIONS(>=2) [THREADS (-1 = all cores)]");
            return 2;
        }
        var threads = args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : -1;

        var loadClock = Stopwatch.StartNew();
        var data = Load(args[0]);
        var start = JsonNode.Parse(File.ReadAllText(args[1]))!.AsObject();
        var loadSeconds = loadClock.Elapsed.TotalSeconds;

        var family = (string)start["family"]!;
        return family switch
        {
            "gaussian" => Measure(new GaussianFamily(ParseKind((string)start["kind"]!)), data, GaussianStart(start), iterations, threads, loadSeconds),
            "bernoulli" => Measure(new BernoulliFamily(), data, BernoulliStart(start), iterations, threads, loadSeconds),
            _ => throw new ArgumentException($"unknown family '{family}'"),
        };
    }

    private static int Measure<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> start, int iterations, int threads, double loadSeconds)
        where TStatistics : IComponentStatistics
    {
        var loadPeak = ProcessMemory.PeakResidentBytes();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var resetWorked = ProcessMemory.ResetPeak();
        var residentBeforeFit = ProcessMemory.ResidentBytes();

        var stepSeconds = new List<double>();
        long allocatedAfterWarmUp = 0;
        var last = start;
        var lastMeanLogLikelihood = double.NaN;
        var clock = Stopwatch.StartNew();
        var previous = clock.Elapsed;
        foreach (var step in Driver.Iterate(family, data, start, threads).Take(iterations))
        {
            var now = clock.Elapsed;
            stepSeconds.Add((now - previous).TotalSeconds);
            if (stepSeconds.Count == 1) allocatedAfterWarmUp = GC.GetTotalAllocatedBytes(precise: true);
            var state = Synthetic.Unwrap(step);
            last = state.Mixture;
            lastMeanLogLikelihood = state.MeanLogLikelihood;
            previous = clock.Elapsed;
        }
        var allocatedPerIteration = (double)(GC.GetTotalAllocatedBytes(precise: true) - allocatedAfterWarmUp) / (iterations - 1);
        var fitPeak = ProcessMemory.PeakResidentBytes();

        // Not timed: the log-likelihood of the returned parameters (scikit-learn's score(X)·N after fit).
        var logLikelihood = Synthetic.Unwrap(Inference.LogLikelihood(family, data, last));
        var timed = stepSeconds.Skip(1).ToArray();

        var result = new JsonObject
        {
            ["side"] = "ours",
            ["iterations"] = iterations,
            ["threads"] = threads,
            ["threads_honoured"] = Driver.HonoursThreads,
            ["processor_count"] = Environment.ProcessorCount,
            ["seconds_per_iteration"] = timed.Average(),
            ["median_seconds_per_iteration"] = Median(timed),
            ["first_step_seconds"] = stepSeconds[0],
            ["step_seconds"] = new JsonArray(stepSeconds.Select(s => (JsonNode)Math.Round(s, 6)).ToArray()),
            ["log_likelihood"] = logLikelihood,
            ["last_step_log_likelihood"] = lastMeanLogLikelihood * data.TotalWeight,
            ["allocated_bytes_per_iteration"] = allocatedPerIteration,
            ["data_bytes"] = (long)data.Rows * data.Columns * sizeof(double),
            ["peak_rss_bytes"] = Math.Max(loadPeak, fitPeak),
            ["fit_peak_rss_bytes"] = resetWorked ? fitPeak : -1,
            ["rss_before_fit_bytes"] = residentBeforeFit,
            ["load_seconds"] = loadSeconds,
            ["runtime"] = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        };
        Console.WriteLine(result.ToJsonString());
        return 0;
    }

    /// <summary>Reads DATA.bin through a memory map, so the only managed copy is the Dataset's own.</summary>
    private static unsafe Dataset Load(string path)
    {
        using var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        try
        {
            pointer += view.PointerOffset;
            var rows = checked((int)*(long*)pointer);
            var columns = checked((int)*(long*)(pointer + 8));
            var values = new ReadOnlySpan<double>(pointer + 16, checked(rows * columns));
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("DATA.bin is little-endian");
            // NaN cells are missing (the incomplete-data case); a complete file takes the complete path unchanged.
            return Dataset.Create(values, rows, columns, allowMissing: true).Match(
                d => d, errors => throw new InvalidDataException(string.Join("; ", errors.Map(e => e.Message))));
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    private static CovarianceKind ParseKind(string kind) => kind switch
    {
        "full" => CovarianceKind.Full,
        "diag" or "diagonal" => CovarianceKind.Diagonal,
        "spherical" => CovarianceKind.Spherical,
        "tied" => CovarianceKind.Tied,
        _ => throw new ArgumentException($"unknown covariance kind '{kind}'"),
    };

    private static Mixture<GaussianComponent> GaussianStart(JsonObject start)
    {
        var kind = ParseKind((string)start["kind"]!);
        var means = start["means"]!.AsArray();
        var covariances = start["covariances"]!.AsArray();
        var components = means.Select((mean, k) => Synthetic.Unwrap(GaussianComponent.Create(
            kind, Flatten(mean!), Flatten(covariances[k]!)))).ToArr();
        return new Mixture<GaussianComponent>(Flatten(start["weights"]!).ToArr(), components);
    }

    private static Mixture<BernoulliComponent> BernoulliStart(JsonObject start) => new(
        Flatten(start["weights"]!).ToArr(),
        start["probabilities"]!.AsArray().Select(p => Synthetic.Unwrap(BernoulliComponent.Create(Flatten(p!)))).ToArr());

    /// <summary>A number or nested arrays of numbers, flattened row-major.</summary>
    private static double[] Flatten(JsonNode node) => node is JsonArray array
        ? array.SelectMany(item => Flatten(item!)).ToArray()
        : [node.GetValue<double>()];

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
    }
}

/// <summary>Peak resident memory of this process, from the Linux kernel.</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM from /proc/self/status, in bytes (0 where there is no /proc).</summary>
    public static long PeakResidentBytes() => StatusField("VmHWM:");

    /// <summary>VmRSS from /proc/self/status, in bytes (0 where there is no /proc).</summary>
    public static long ResidentBytes() => StatusField("VmRSS:");

    private static long StatusField(string name)
    {
        if (!File.Exists("/proc/self/status")) return 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal)) continue;
            var kilobytes = long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return kilobytes * 1024;
        }
        return 0;
    }

    /// <summary>Resets VmHWM to the current RSS (Linux ≥ 4.0: write 5 to /proc/self/clear_refs).</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
