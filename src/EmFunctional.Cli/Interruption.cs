namespace EmFunctional.Cli;

/// <summary>
/// What a SIGINT or SIGTERM means to a run of <c>em</c>. While EM runs (<c>em fit</c>), the first signal stops it at
/// the state reached, as the time budget does: the fit is reported and saved with stop reason <c>cancelled</c>,
/// and the exit code is 128 + the signal's number (130, 143). Any other time, and at a second signal, the process
/// ends at once, its temporary files removed (<see cref="AtomicFile.DeletePending"/>).
/// </summary>
internal sealed class Interruption
{
    /// <summary>For runs without signals (tests in-process): never fires.</summary>
    public static readonly Interruption None = new();

    private readonly CancellationTokenSource _source = new();
    private int _signal;
    private volatile bool _stoppable;

    /// <summary>Fires at the first signal while EM can stop at a state.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The number of the signal that stopped EM (2 for SIGINT, 15 for SIGTERM), or null.</summary>
    public int? Signal => _signal == 0 ? null : _signal;

    /// <summary>Runs <paramref name="work"/> as EM that a first signal stops at its state rather than ending the process.</summary>
    public T Stoppable<T>(Func<CancellationToken, T> work)
    {
        _stoppable = true;
        try
        {
            return work(_source.Token);
        }
        finally
        {
            _stoppable = false;
        }
    }

    /// <summary>
    /// A signal arrived: true when it stops EM (the process goes on to report), false when the process should
    /// end now (no EM running, or a signal already came).
    /// </summary>
    public bool TryStop(int signal)
    {
        if (!_stoppable || Interlocked.CompareExchange(ref _signal, signal, 0) != 0) return false;
        _source.Cancel();
        return true;
    }
}
