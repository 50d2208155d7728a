#!/usr/bin/python3
"""Side-by-side timing of one EM iteration: em-functional vs scikit-learn's GaussianMixture.

Run through compare.sh, which installs the Debian packages and builds our side. Usage:

  compare.py run --ours "dotnet .../EmFunctional.Benchmarks.dll" [--em "dotnet .../em.dll"]
                 [--quick] [--alternations 3] [--cases a,b] [--json-out FILE] [--workdir DIR]
  compare.py markdown RESULTS.json     (a saved --json-out report as the Markdown table of docs/performance.md)
  compare.py sklearn-child DATA.bin START.json ITERATIONS     (one scikit-learn run; prints a JSON line)

For each case the parent generates the data from a fixed seed (numpy), writes it once as DATA.bin
(int64 N, int64 D, then N*D float64, little-endian, row-major) with the start as START.json, and then
runs scikit-learn and ours alternately, each in its own process, --alternations times (median
reported). Both sides run exactly ITERATIONS EM steps from the same start with tolerance 0 and
reg_covar 1e-6.

What is timed, on both sides: each EM iteration (E-step + M-step) separately; seconds/iteration is the
mean of iterations 2..ITERATIONS (the first is a warm-up: JIT for ours, first touch for both). Ours runs
with DOTNET_TieredCompilation=0 so that its code is fully optimized from the first call (--tiered-jit
keeps .NET's default, whose first ~5 iterations run partly unoptimized code). For
scikit-learn the run is the real GaussianMixture(...).fit(X); its bound methods _e_step and _m_step are
wrapped on the instance only to take timestamps, so neither its initialization (init_params=
"random_from_data", whose result is then replaced by weights_init/means_init/precisions_init) nor the
final labelling E-step that fit() always does is timed. Data loading is never timed.

Peak memory, read by each child from its own /proc/self/status (VmHWM): "peak RSS" is the whole
process (data loading included); "fit peak" is VmHWM after resetting the high-water mark
(/proc/self/clear_refs) once the data are loaded, i.e. the peak of the fit alone including the resident
data and the runtime. (ru_maxrss is not used: a child's ru_maxrss also counts the pages it shared with
its parent before exec.) For `em fit`, GNU time's %M gives the peak of the whole em process.

Log-likelihood: scikit-learn's score(X) * N after fit, vs ours: Inference.LogLikelihood of the
returned mixture; "same" means a relative difference <= 1e-6.
"""
import argparse, json, os, shlex, statistics, subprocess, sys, tempfile, time, warnings

import numpy as np

MIB = 1024 * 1024

# name, family, N, D, K, covariance kind, iterations.
CASES = [
    ("gauss-1e5x2-k3-full", "gaussian", 100_000, 2, 3, "full", 20),
    ("gauss-1e5x2-k3-diag", "gaussian", 100_000, 2, 3, "diag", 20),
    ("gauss-1e6x10-k10-full", "gaussian", 1_000_000, 10, 10, "full", 6),
    ("gauss-1e6x10-k10-diag", "gaussian", 1_000_000, 10, 10, "diag", 6),
    ("gauss-1e5x50-k10-full", "gaussian", 100_000, 50, 10, "full", 6),
    ("gauss-1e5x50-k10-diag", "gaussian", 100_000, 50, 10, "diag", 6),
    ("gauss-1e6x50-k3-diag", "gaussian", 1_000_000, 50, 3, "diag", 6),
    ("bernoulli-1e6x50-k10", "bernoulli", 1_000_000, 50, 10, None, 6),
]
THREAD_CASE = "gauss-1e6x10-k10-full"      # also run ours on 1 thread here (target: 2 threads >= 1.7x)
ALLOCATION_PROBE = ("gauss-1e5x10-k10-full", "gaussian", 100_000, 10, 10, "full", 6)  # ours only: allocations vs N
EM_FIT_CASE = ("em-fit-csv-1e6x10-k10", 1_000_000, 10, 10)
# Ours only (scikit-learn has no missing cells): the rows and start of the complete case it names, with
# this share of the cells missing at random (NaN in DATA.bin); target: <= 2.5x the complete case's s/it.
MISSING_CASES = {"gauss-1e6x10-k10-full-10%missing": ("gauss-1e6x10-k10-full", 0.10)}


# ----------------------------------------------------------------------------------------- data
def generate(family, n, d, k, seed):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, k, size=n)
    if family == "gaussian":
        means = 3.0 * rng.standard_normal((k, d))
        scales = 0.5 + rng.random((k, d))
        x = means[labels] + scales[labels] * rng.standard_normal((n, d))
    else:
        probabilities = 0.05 + 0.9 * rng.random((k, d))
        x = (rng.random((n, d)) < probabilities[labels]).astype(np.float64)
    return np.ascontiguousarray(x, dtype="<f8")


def punch(x, share, seed):
    """x with each cell missing (NaN) with probability `share`, independently (missing completely at
    random), except that every row keeps at least one observed cell."""
    rng = np.random.default_rng(seed)
    holes = rng.random(x.shape) < share
    holes[holes.all(axis=1), 0] = False
    y = x.copy()
    y[holes] = np.nan
    return y


def start(family, x, k, kind, seed):
    """The shared start: K distinct data rows as means, identity covariances, uniform weights
    (Bernoulli: probabilities uniform in [0.25, 0.75])."""
    rng = np.random.default_rng(seed + 1)
    n, d = x.shape
    weights = [1.0 / k] * k
    if family == "bernoulli":
        return {"family": "bernoulli", "weights": weights, "probabilities": (0.25 + 0.5 * rng.random((k, d))).tolist()}
    rows = np.sort(rng.choice(n, size=k, replace=False))
    covariances = np.tile(np.eye(d), (k, 1, 1)) if kind == "full" else np.ones((k, d))
    return {"family": "gaussian", "kind": kind, "weights": weights, "means": x[rows].tolist(),
            "covariances": covariances.tolist()}


def write_case(directory, name, x, start_parameters):
    data_path = os.path.join(directory, name + ".bin")
    with open(data_path, "wb") as f:
        f.write(np.array(x.shape, dtype="<i8").tobytes())
        x.tofile(f)
    start_path = os.path.join(directory, name + ".start.json")
    with open(start_path, "w") as f:
        json.dump(start_parameters, f)
    return data_path, start_path


def load(path):
    with open(path, "rb") as f:
        n, d = np.fromfile(f, dtype="<i8", count=2)
        return np.fromfile(f, dtype="<f8", count=n * d).reshape(n, d)


# ------------------------------------------------------------------------------ memory helpers
def status_field(name):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(name + ":"):
                return int(line.split()[1]) * 1024
    return 0


def vm_hwm():
    return status_field("VmHWM")


def reset_hwm():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def busy_seconds():
    """CPU seconds spent busy (all cores, all processes) since boot, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    idle = fields[3] + fields[4]          # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit_seconds, threshold_cores=0.5):
    """Waits (at most limit_seconds) until the other processes on the machine use less than
    threshold_cores over one second; returns the last reading. The machine may be shared (builds and
    tests of other sessions): timings taken while it is busy are not comparable."""
    deadline = time.monotonic() + limit_seconds
    while True:
        before = busy_seconds()
        time.sleep(1.0)
        cores = busy_seconds() - before
        if cores < threshold_cores or time.monotonic() >= deadline:
            return cores
        time.sleep(4.0)


def run_child(command, env=None, quiet_wait=0):
    """Runs a child that prints one JSON line; returns that line parsed, plus 'other_load_cores': the
    CPU the rest of the machine used during the run (busy CPU time minus the child's own, over its wall
    time), which says whether the timing was disturbed."""
    if quiet_wait:
        wait_for_quiet(quiet_wait)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        busy_before, began = busy_seconds(), time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - began
        other = max(0.0, (busy_seconds() - busy_before - usage.ru_utime - usage.ru_stime) / wall)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if status != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({status}):\n{stderr[-4000:]}")
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{' '.join(command)} printed no JSON line:\n{stdout[-4000:]}")
    result = json.loads(lines[-1])
    result["other_load_cores"] = round(other, 3)
    result["child_cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 3)
    result["wall_seconds"] = round(wall, 3)
    return result


# ------------------------------------------------------------------------- scikit-learn child
def sklearn_child(data_path, start_path, iterations):
    import resource
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture
    warnings.simplefilter("ignore", ConvergenceWarning)
    try:
        from threadpoolctl import threadpool_info
        blas = [{key: info.get(key) for key in ("internal_api", "version", "architecture", "threading_layer", "num_threads")}
                for info in threadpool_info()]
    except ImportError:
        blas = "threadpoolctl not installed"

    began = time.perf_counter()
    x = load(data_path)
    with open(start_path) as f:
        s = json.load(f)
    load_seconds = time.perf_counter() - began
    kind = s["kind"]
    covariances = np.array(s["covariances"])
    precisions = np.linalg.inv(covariances) if kind == "full" else 1.0 / covariances
    model = GaussianMixture(len(s["weights"]), covariance_type=kind, weights_init=np.array(s["weights"]),
                            means_init=np.array(s["means"]), precisions_init=precisions, tol=0,
                            max_iter=iterations, reg_covar=1e-6, init_params="random_from_data", random_state=0)

    marks = []
    e_step, m_step = model._e_step, model._m_step

    def timed_e_step(data):
        if not marks:
            marks.append(time.perf_counter())
        return e_step(data)

    def timed_m_step(data, log_resp):
        m_step(data, log_resp)
        marks.append(time.perf_counter())

    model._e_step, model._m_step = timed_e_step, timed_m_step
    load_peak = vm_hwm()
    reset_worked = reset_hwm()
    resident_before_fit = status_field("VmRSS")
    model.fit(x)
    # VmHWM, not ru_maxrss: a child's ru_maxrss also counts the pages it shared with its parent before
    # exec (the orchestrating python process), VmHWM belongs to the child's own address space.
    fit_peak = vm_hwm()
    ru_maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    steps = np.diff(marks).tolist()
    if len(steps) != iterations or model.n_iter_ != iterations:
        raise RuntimeError(f"scikit-learn ran {len(steps)} M-steps (n_iter_ {model.n_iter_}), not {iterations}")
    log_likelihood = float(model.score(x) * x.shape[0])
    print(json.dumps({
        "side": "sklearn", "iterations": iterations,
        "seconds_per_iteration": float(np.mean(steps[1:])), "median_seconds_per_iteration": float(np.median(steps[1:])),
        "first_step_seconds": steps[0], "step_seconds": [round(t, 6) for t in steps],
        "log_likelihood": log_likelihood, "data_bytes": x.nbytes,
        "peak_rss_bytes": max(load_peak, fit_peak),
        "fit_peak_rss_bytes": fit_peak if reset_worked else -1, "ru_maxrss_bytes": ru_maxrss,
        "rss_before_fit_bytes": resident_before_fit, "load_seconds": load_seconds, "blas": blas,
        "sklearn": __import__("sklearn").__version__, "numpy": np.__version__,
    }))


def ours_env(tiered):
    """Our runs: with tiered compilation off (unless --tiered-jit), every method is compiled fully
    optimized on its first call, so one warm-up iteration suffices, as for scikit-learn. With the default
    tiering, methods start as quick unoptimized code and are recompiled after ~30 calls, which costs the
    first ~5 iterations (see docs/performance.md): that measures JIT warm-up, not an EM iteration."""
    env = dict(os.environ)
    if not tiered:
        env["DOTNET_TieredCompilation"] = "0"
    return env


def sklearn_env():
    """OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE pin an old kernel on this machine and slow numpy down: unset
    both for scikit-learn's runs only (see the performance doc)."""
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    return env


# ------------------------------------------------------------------------------------- parent
def median_of(runs, key):
    values = [run[key] for run in runs if run.get(key) is not None and run[key] >= 0]
    return statistics.median(values) if values else float("nan")


def summarize(runs):
    return {
        "seconds_per_iteration": median_of(runs, "seconds_per_iteration"),
        "peak_rss_bytes": median_of(runs, "peak_rss_bytes"),
        "fit_peak_rss_bytes": median_of(runs, "fit_peak_rss_bytes"),
        "fit_increment_bytes": statistics.median(run["fit_peak_rss_bytes"] - run["rss_before_fit_bytes"] for run in runs)
        if all("rss_before_fit_bytes" in run and run["fit_peak_rss_bytes"] >= 0 for run in runs) else float("nan"),
        "log_likelihood": runs[0]["log_likelihood"],
        "log_likelihoods": [run["log_likelihood"] for run in runs],
        "allocated_bytes_per_iteration": median_of(runs, "allocated_bytes_per_iteration") if "allocated_bytes_per_iteration" in runs[0] else None,
        "per_run_seconds_per_iteration": [run["seconds_per_iteration"] for run in runs],
        "other_load_cores": max(run.get("other_load_cores", 0) for run in runs),
    }


def mib(value):
    return f"{value / MIB:8.0f}" if value == value and value >= 0 else "     n/a"


def run_em_fit(em, directory, alternations, quick, quiet_wait):
    """`em fit` on a 10^6 x 10 CSV: whole-process peak RSS and an upper bound on the CSV reading time
    (wall time with 1 iteration minus one iteration minus the start-up of `em --version`; it still
    includes initialization and output), vs 5 EM iterations ((wall(6) - wall(1)) / 5 per iteration)."""
    name, n, d, k = EM_FIT_CASE
    if quick:
        n //= 50
    x = generate("gaussian", n, d, k, seed=101)
    path = os.path.join(directory, name + ".csv")
    np.savetxt(path, x, delimiter=",", header=",".join(f"x{j + 1}" for j in range(d)), comments="", fmt="%.17g")
    csv_bytes = os.path.getsize(path)
    del x
    results = {1: [], 6: []}
    for _ in range(alternations):
        for iterations in (1, 6):
            wait_for_quiet(quiet_wait)
            command = em + ["fit", path, "--components", str(k), "--covariance", "full", "--init", "random-from-data",
                            "--max-iterations", str(iterations), "--tolerance", "0", "--format", "json"]
            began = time.perf_counter()
            # GNU time's %M: the peak RSS of em alone (wait4's ru_maxrss from this process would also count
            # the pages the child shared with this python process before exec).
            with tempfile.NamedTemporaryFile("r") as peak, tempfile.TemporaryFile() as errors:
                status = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak.name] + command,
                                        stdout=subprocess.DEVNULL, stderr=errors).returncode
                wall = time.perf_counter() - began
                if status != 0:
                    errors.seek(0)
                    raise RuntimeError(f"{' '.join(command)} failed: {errors.read().decode()[-2000:]}")
                peak_kib = int(peak.read().split()[-1])
            results[iterations].append({"wall": wall, "peak": peak_kib * 1024})
    startup = []
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run(em + ["--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        startup.append(time.perf_counter() - began)
    startup_seconds = statistics.median(startup)
    wall1 = statistics.median(r["wall"] for r in results[1])
    wall6 = statistics.median(r["wall"] for r in results[6])
    per_iteration = (wall6 - wall1) / 5
    return {"case": name, "rows": n, "columns": d, "components": k, "csv_bytes": csv_bytes, "data_bytes": n * d * 8,
            "wall_1_iteration": wall1, "wall_6_iterations": wall6, "seconds_per_iteration": per_iteration,
            "startup_seconds": startup_seconds,
            "read_upper_bound_seconds": wall1 - per_iteration - startup_seconds,
            "peak_rss_bytes": max(r["peak"] for r in results[1] + results[6]), "runs": results}


def main_run(arguments):
    ours = shlex.split(arguments.ours)
    em = shlex.split(arguments.em) if arguments.em else None
    selected = set(arguments.cases.split(",")) if arguments.cases else None
    incomplete = [(name,) + next(case for case in CASES if case[0] == complete)[1:] for name, (complete, _) in MISSING_CASES.items()]
    cases = [case for case in CASES + incomplete + [ALLOCATION_PROBE] if selected is None or case[0] in selected]
    report = {"cases": [], "machine": machine(), "quick": arguments.quick, "alternations": arguments.alternations,
              "ours_tiered_compilation": arguments.tiered_jit}
    directory = arguments.workdir or tempfile.mkdtemp(prefix="em-compare-")
    os.makedirs(directory, exist_ok=True)
    print(f"# data in {directory}; {arguments.alternations} alternations per case; {report['machine']}; "
          f"ours with tiered compilation {'on (default)' if arguments.tiered_jit else 'off'}", flush=True)
    try:
        for name, family, n, d, k, kind, iterations in cases:
            if arguments.quick:
                n = max(n // 50, 2_000)
                iterations = min(iterations, 4)
            complete_name, missing_share = MISSING_CASES.get(name, (name, 0.0))
            x = generate(family, n, d, k, seed=hash_seed(complete_name))
            shared_start = start(family, x, k, kind, seed=hash_seed(complete_name))
            if missing_share > 0:
                x = punch(x, missing_share, seed=hash_seed(name))
            data_path, start_path = write_case(directory, name, x, shared_start)
            del x
            with_sklearn = family == "gaussian" and name != ALLOCATION_PROBE[0] and missing_share == 0
            with_one_thread = name == THREAD_CASE
            sk_runs, our_runs, one_thread_runs = [], [], []
            for _ in range(1 if name == ALLOCATION_PROBE[0] else arguments.alternations):
                if with_sklearn:
                    sk_runs.append(run_child([sys.executable, os.path.abspath(__file__), "sklearn-child", data_path, start_path, str(iterations)],
                                             env=sklearn_env(), quiet_wait=arguments.quiet_wait))
                our_runs.append(run_child(ours + ["compare", data_path, start_path, str(iterations)],
                                          env=ours_env(arguments.tiered_jit), quiet_wait=arguments.quiet_wait))
                if with_one_thread:
                    one_thread_runs.append(run_child(ours + ["compare", data_path, start_path, str(iterations), "1"],
                                                     env=ours_env(arguments.tiered_jit), quiet_wait=arguments.quiet_wait))
            os.remove(data_path)
            entry = {"case": name, "family": family, "rows": n, "columns": d, "components": k, "kind": kind,
                     "iterations": iterations, "data_bytes": n * d * 8, "ours": summarize(our_runs), "ours_raw": our_runs}
            if sk_runs:
                entry["sklearn"] = summarize(sk_runs)
                entry["sklearn_raw"] = sk_runs
                entry["ratio"] = entry["ours"]["seconds_per_iteration"] / entry["sklearn"]["seconds_per_iteration"]
                a, b = entry["ours"]["log_likelihood"], entry["sklearn"]["log_likelihood"]
                entry["log_likelihood_relative_difference"] = abs(a - b) / max(abs(a), abs(b))
            if one_thread_runs:
                entry["ours_one_thread"] = summarize(one_thread_runs)
                entry["thread_speedup"] = entry["ours_one_thread"]["seconds_per_iteration"] / entry["ours"]["seconds_per_iteration"]
            report["cases"].append(entry)
            print_case(entry, header=len(report["cases"]) == 1)
        if em and (selected is None or EM_FIT_CASE[0] in selected):
            report["em_fit"] = run_em_fit(em, directory, arguments.alternations, arguments.quick, arguments.quiet_wait)
        blas = next((run["blas"] for case in report["cases"] for run in case.get("sklearn_raw", [])), None)
        report["sklearn_blas"] = blas
        print_footer(report)
    finally:
        if not arguments.workdir:
            for name in os.listdir(directory):
                os.remove(os.path.join(directory, name))
            os.rmdir(directory)
    if arguments.json_out:
        with open(arguments.json_out, "w") as f:
            json.dump(report, f, indent=1)
    return 0


def hash_seed(name):
    return sum((i + 1) * ord(c) for i, c in enumerate(name)) % 100_000


HEADER = (f"{'case':24} {'iters':>5} {'sklearn s/it':>12} {'ours s/it':>10} {'ours/sk':>8} "
          f"{'sk RSS MiB':>10} {'our RSS MiB':>11} {'sk fit MiB':>10} {'our fit MiB':>11} {'data MiB':>8} "
          f"{'sk fit+':>7} {'our fit+':>8} {'alloc/it':>10} {'other load':>10} {'logL rel diff':>13} same")


def print_case(entry, header):
    if header:
        print(HEADER)
    ours, sk = entry["ours"], entry.get("sklearn")
    na = "n/a"
    alloc = ours["allocated_bytes_per_iteration"]
    sk_time = f"{sk['seconds_per_iteration']:.4f}" if sk else na
    ratio = f"{entry['ratio']:.3f}" if sk else na
    sk_peak = mib(sk["peak_rss_bytes"]) if sk else na
    sk_fit = mib(sk["fit_peak_rss_bytes"]) if sk else na
    sk_increment = mib(sk["fit_increment_bytes"]) if sk else na
    difference = f"{entry['log_likelihood_relative_difference']:.1e}" if sk else na
    other = max(ours["other_load_cores"], sk["other_load_cores"] if sk else 0)
    same = ("yes" if entry["log_likelihood_relative_difference"] <= 1e-6 else "NO") if sk else "n/a (no sklearn Bernoulli)" if entry["family"] == "bernoulli" else na
    print(f"{entry['case']:24} {entry['iterations']:5d} {sk_time:>12} {ours['seconds_per_iteration']:10.4f} {ratio:>8} "
          f"{sk_peak:>10} {mib(ours['peak_rss_bytes']):>11} {sk_fit:>10} {mib(ours['fit_peak_rss_bytes']):>11} "
          f"{entry['data_bytes'] / MIB:8.0f} {sk_increment.strip():>7} {mib(ours['fit_increment_bytes']).strip():>8} {alloc / 1024:9.0f}K {other:10.2f} {difference:>13} {same}", flush=True)
    if "thread_speedup" in entry:
        print(f"{'':24} ours on 1 thread: {entry['ours_one_thread']['seconds_per_iteration']:.4f} s/it; "
              f"all cores are {entry['thread_speedup']:.2f}x faster", flush=True)


def print_footer(report):
    by_name = {case["case"]: case for case in report["cases"]}
    print()
    print(f"scikit-learn BLAS (OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset for its runs): {json.dumps(report['sklearn_blas'])}")
    em_fit = report.get("em_fit")
    if em_fit:
        print(f"em fit on a {em_fit['rows']}x{em_fit['columns']} CSV ({em_fit['csv_bytes'] / MIB:.0f} MiB; data {em_fit['data_bytes'] / MIB:.0f} MiB), K={em_fit['components']} full: "
              f"wall 1 it {em_fit['wall_1_iteration']:.2f} s, 6 it {em_fit['wall_6_iterations']:.2f} s -> {em_fit['seconds_per_iteration']:.3f} s/it; "
              f"start-up (em --version) {em_fit['startup_seconds']:.2f} s; read+init+output <= {em_fit['read_upper_bound_seconds']:.2f} s; peak RSS {em_fit['peak_rss_bytes'] / MIB:.0f} MiB")
    print("fit+: fit peak minus the resident size when the fit started (runtime + data): what the fit itself adds.")
    print("other load: the most CPU (in cores) that other processes used during any one run of the case; "
          "timings with other load well above 0 are not clean.")
    print()
    print("targets:")

    def target(text, ok):
        print(f"  [{'met' if ok else 'NOT MET' if ok is not None else 'not measured'}] {text}")

    def ratio(name):
        return by_name[name]["ratio"] if name in by_name and "ratio" in by_name[name] else None

    r = ratio("gauss-1e6x10-k10-full")
    target(f"time/iteration <= 0.25x sklearn at (1e6, 10, 10, full): {r if r is None else round(r, 3)}", None if r is None else r <= 0.25)
    r = ratio("gauss-1e5x50-k10-full")
    target(f"time/iteration <= 0.7x sklearn at (1e5, 50, 10, full): {r if r is None else round(r, 3)}", None if r is None else r <= 0.7)
    ratios = {name: case["ratio"] for name, case in by_name.items() if "ratio" in case}
    target(f"never slower than sklearn: worst {max(ratios.values()):.3f} ({max(ratios, key=ratios.get)})" if ratios else "never slower than sklearn",
           all(value <= 1 for value in ratios.values()) if ratios else None)
    same = {name: case["log_likelihood_relative_difference"] for name, case in by_name.items() if "ratio" in case}
    target(f"same log-likelihood (1e-6 relative): worst {max(same.values()):.1e}" if same else "same log-likelihood",
           all(value <= 1e-6 for value in same.values()) if same else None)
    case = by_name.get("gauss-1e6x10-k10-full")
    if case:
        fit = case["ours"]["fit_peak_rss_bytes"]
        limit = case["data_bytes"] + 64 * MIB
        target(f"fit peak <= data + 64 MiB at (1e6, 10, 10, full), whole process: {fit / MIB:.0f} MiB vs {limit / MIB:.0f} MiB", fit <= limit)
        increment = case["ours"]["fit_increment_bytes"]
        target(f"... what the fit adds to the resident runtime + data <= 64 MiB: {increment / MIB:.0f} MiB", increment <= 64 * MIB)
        speedup = case.get("thread_speedup")
        target(f"2 threads >= 1.7x one thread at (1e6, 10, 10, full): {speedup if speedup is None else round(speedup, 2)}x",
               None if speedup is None else speedup >= 1.7)
    for name, (complete, share) in MISSING_CASES.items():
        a, b = by_name.get(name), by_name.get(complete)
        if a and b:
            r = a["ours"]["seconds_per_iteration"] / b["ours"]["seconds_per_iteration"]
            target(f"{share:.0%} missing cells <= 2.5x the complete iteration ({complete}): {r:.2f}x", r <= 2.5)
    small, large = by_name.get(ALLOCATION_PROBE[0]), by_name.get("gauss-1e6x10-k10-full")
    if small and large:
        a, b = small["ours"]["allocated_bytes_per_iteration"], large["ours"]["allocated_bytes_per_iteration"]
        target(f"allocations/iteration independent of N (D=10, K=10, full): {a / 1024:.0f} KiB at N={small['rows']}, "
               f"{b / 1024:.0f} KiB at N={large['rows']}", b <= 2 * a + 64 * 1024)
    if em_fit:
        limit = em_fit["data_bytes"] + 200 * MIB
        target(f"em fit peak <= data + 200 MiB: {em_fit['peak_rss_bytes'] / MIB:.0f} MiB vs {limit / MIB:.0f} MiB", em_fit["peak_rss_bytes"] <= limit)
        target(f"reading the CSV < 5 EM iterations: <= {em_fit['read_upper_bound_seconds']:.2f} s vs {5 * em_fit['seconds_per_iteration']:.2f} s",
               em_fit["read_upper_bound_seconds"] < 5 * em_fit["seconds_per_iteration"])


def increment(summary):
    value = summary.get("fit_increment_bytes", float("nan"))
    return f"{value / MIB:.0f}" if value == value else "–"


def markdown(path):
    """A saved --json-out report as the Markdown table docs/performance.md shows."""
    with open(path) as f:
        report = json.load(f)
    print("| case (N, D, K, kind) | iters | sklearn s/it | ours s/it | ours/sklearn | sklearn peak RSS MiB (fit, fit+) | ours peak RSS MiB (fit, fit+) | data MiB | ours alloc/it | logL ours | logL sklearn | rel. diff | other load (cores) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for case in report["cases"]:
        ours, sk = case["ours"], case.get("sklearn")
        kind = case["kind"] or "bernoulli"
        name = f"{case['rows']:.0e}".replace("e+0", "e") + f", {case['columns']}, {case['components']}, {kind}"
        if case["case"] in MISSING_CASES:
            name += f", {MISSING_CASES[case['case']][1]:.0%} missing"
        other = max(ours["other_load_cores"], sk["other_load_cores"] if sk else 0)
        cells = [name, case["iterations"],
                 f"{sk['seconds_per_iteration']:.4f}" if sk else "n/a", f"{ours['seconds_per_iteration']:.4f}",
                 f"**{case['ratio']:.3f}**" if sk else "n/a",
                 f"{sk['peak_rss_bytes'] / MIB:.0f} ({sk['fit_peak_rss_bytes'] / MIB:.0f}, {increment(sk)})" if sk else "n/a",
                 f"{ours['peak_rss_bytes'] / MIB:.0f} ({ours['fit_peak_rss_bytes'] / MIB:.0f}, {increment(ours)})",
                 f"{case['data_bytes'] / MIB:.0f}", f"{ours['allocated_bytes_per_iteration'] / 1024:.0f} KiB",
                 f"{ours['log_likelihood']:.10g}", f"{sk['log_likelihood']:.10g}" if sk else "n/a",
                 f"{case['log_likelihood_relative_difference']:.1e}" if sk else "n/a", f"{other:.2f}"]
        print("| " + " | ".join(str(cell) for cell in cells) + " |")
        if "thread_speedup" in case:
            one = case["ours_one_thread"]
            print(f"| ↳ ours on 1 thread | {case['iterations']} | | {one['seconds_per_iteration']:.4f} | all cores {case['thread_speedup']:.2f}× faster | "
                  f"| {one['peak_rss_bytes'] / MIB:.0f} ({one['fit_peak_rss_bytes'] / MIB:.0f}) | | {one['allocated_bytes_per_iteration'] / 1024:.0f} KiB | | | | {one['other_load_cores']:.2f} |")
    em_fit = report.get("em_fit")
    if em_fit:
        print()
        print(f"`em fit` on a {em_fit['rows']:,} × {em_fit['columns']} CSV ({em_fit['csv_bytes'] / MIB:.0f} MiB on disk, "
              f"{em_fit['data_bytes'] / MIB:.0f} MiB as doubles), K = {em_fit['components']}, full: wall time {em_fit['wall_1_iteration']:.2f} s "
              f"with 1 iteration, {em_fit['wall_6_iterations']:.2f} s with 6 → {em_fit['seconds_per_iteration']:.3f} s per iteration; "
              + (f"start-up (`em --version`) {em_fit['startup_seconds']:.2f} s; reading + initialization + output ≤ "
                 if "startup_seconds" in em_fit else "reading + start-up + initialization + output ≤ ")
              + f"{em_fit['read_upper_bound_seconds']:.2f} s; peak RSS {em_fit['peak_rss_bytes'] / MIB:.0f} MiB.")


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    memory = next((int(line.split()[1]) * 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    return f"nproc {os.cpu_count()}, CPU {model}, memory {memory / 2**30:.1f} GiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--ours", required=True, help="command for our side, e.g. 'dotnet .../EmFunctional.Benchmarks.dll'")
    run.add_argument("--em", help="command for the em CLI (enables the em fit CSV case)")
    run.add_argument("--quick", action="store_true", help="N / 50 and at most 4 iterations: a smoke run")
    run.add_argument("--alternations", type=int, default=3)
    run.add_argument("--cases", help="comma-separated case names (default: all)")
    run.add_argument("--json-out", help="also write every raw figure to this JSON file")
    run.add_argument("--tiered-jit", action="store_true",
                     help="run ours with .NET's default tiered compilation (default: DOTNET_TieredCompilation=0, see ours_env)")
    run.add_argument("--quiet-wait", type=float, default=30,
                     help="before each run, wait up to this many seconds for the rest of the machine to go idle (0: don't)")
    run.add_argument("--workdir", help="keep the generated files here (default: a temporary directory, removed)")
    table = sub.add_parser("markdown", help="print a saved --json-out report as a Markdown table")
    table.add_argument("report")
    child = sub.add_parser("sklearn-child")
    child.add_argument("data")
    child.add_argument("start")
    child.add_argument("iterations", type=int)
    arguments = parser.parse_args()
    if arguments.command == "markdown":
        markdown(arguments.report)
        return 0
    if arguments.command == "sklearn-child":
        sklearn_child(arguments.data, arguments.start, arguments.iterations)
        return 0
    return main_run(arguments)


if __name__ == "__main__":
    sys.exit(main())
