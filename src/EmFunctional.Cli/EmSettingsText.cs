namespace EmFunctional.Cli;

/// <summary>How the facade's <see cref="EmSettings"/> read on the command line: the settings lines of every report.</summary>
internal static class EmSettingsText
{
    extension(EmSettings settings)
    {
        /// <summary>"--init search --restarts 1 --seed 0": the first half of a report's settings line, auto resolved to what ran.</summary>
        public string StartOptions =>
            $"--init {CliSpellings.Word(settings.EffectiveInitialization)} --restarts {settings.Restarts} --seed {NumberFormatting.Format(settings.Seed)}";

        /// <summary>"--tolerance 0.001 --max-iterations 100 --regularization 1e-06": the second half.</summary>
        public string StopOptions =>
            $"--tolerance {NumberFormatting.Format(settings.Tolerance)} --max-iterations {settings.MaxIterations} --regularization {NumberFormatting.Format(settings.Regularization)}";

        /// <summary>The time budget in seconds (<c>--max-seconds</c>), or null.</summary>
        public double? MaxSeconds => settings.TimeBudget?.TotalSeconds;
    }
}
