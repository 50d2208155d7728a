using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Missing;

/// <summary>
/// Filling missing cells under a fitted mixture. Single imputation gives each missing cell
/// E[x_m | x_o] = Σ_k r_k(x_o) E[x_m | x_o, θ_k], with r_k(x_o) the responsibilities of the row's observed
/// cells (a coded cell takes the code of highest mixture probability instead); multiple imputation draws
/// a component from r(x_o) and the cells from p(x_m | x_o, θ_k), once per copy. Observed cells are never
/// changed. Pure: the draws come from the seed, one stream per row, so they do not depend on how the
/// rows are grouped.
/// </summary>
public static class Imputation
{
    /// <summary>The data's values (row-major) with every missing cell imputed.</summary>
    public static Either<Error, double[]> Impute<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture)
        where TStatistics : IComponentStatistics =>
        Fill(family, data, mixture, 1, 0, draw: false).Map(copies => copies[0]);

    /// <summary><paramref name="draws"/> completed copies of the data's values, each missing cell drawn from its conditional distribution.</summary>
    public static Either<Error, double[][]> Draw<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture, int draws, ulong seed)
        where TStatistics : IComponentStatistics =>
        draws < 1 ? Errors.InvalidInput($"draws is {draws}; it must be at least 1") : Fill(family, data, mixture, draws, seed, draw: true);

    private static Either<Error, double[][]> Fill<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture, int copies, ulong seed, bool draw)
        where TStatistics : IComponentStatistics
    {
        var results = new double[copies][];
        for (var c = 0; c < copies; c++) results[c] = data.Values.ToArray();
        if (!data.HasMissing) return results;
        if (!family.ModelsMissingCells) return Errors.MissingCellsNotModelled(family.GetType().Name);

        var k = mixture.Count;
        var d = data.Columns;
        var logWeights = MixtureDensity.LogWeights(mixture);
        var joint = new double[RowBlocks.Size * k];
        var logDensity = new double[RowBlocks.Size];
        var reader = new BlockReader(data);
        for (var b = 0; b < BlockReader.Count(data); b++)
        {
            var block = reader.Read(b);
            if (block.Pattern is not { } pattern) continue;
            var rows = block.Rows;
            MixtureDensity.JointLogDensities(family, mixture, logWeights, block.Values, d, rows, pattern, joint);
            MixtureDensity.Normalize(joint, rows, k, logDensity);
            for (var r = 0; r < rows; r++)
                if (!double.IsFinite(logDensity[r])) return Errors.NonFiniteLikelihood(block.DataRow(r));
            var conditionals = mixture.Components.Map(component => family.Condition(component, pattern)).ToArray();
            var observedColumns = pattern.Observed;
            var missingColumns = pattern.Missing;
            var observed = new double[observedColumns.Length];
            var missing = new double[missingColumns.Length];
            var sum = new double[missingColumns.Length];
            for (var r = 0; r < rows; r++)
            {
                var row = block.Values.Slice(r * d, d);
                for (var a = 0; a < observed.Length; a++) observed[a] = row[observedColumns[a]];
                var responsibilities = joint.AsSpan(r * k, k);
                var dataRow = block.DataRow(r);
                if (draw)
                {
                    var random = RandomSource.Create(RandomSource.DeriveSeed(seed, dataRow));
                    for (var copy = 0; copy < copies; copy++)
                    {
                        var component = Choose(responsibilities, random.NextDouble());
                        conditionals[component].Draw(observed, ref random, missing);
                        for (var a = 0; a < missing.Length; a++) results[copy][(long)dataRow * d + missingColumns[a]] = missing[a];
                    }
                    continue;
                }
                Array.Clear(sum);
                for (var c = 0; c < k; c++)
                {
                    if (responsibilities[c] == 0) continue;
                    conditionals[c].Impute(observed, missing);
                    for (var a = 0; a < missing.Length; a++) sum[a] += responsibilities[c] * missing[a];
                }
                for (var a = 0; a < missing.Length; a++)
                {
                    var value = conditionals[0].CodeProbabilities(a) is null ? sum[a] : MostProbableCode(conditionals, responsibilities, a);
                    results[0][(long)dataRow * d + missingColumns[a]] = value;
                }
            }
        }
        return results;
    }

    private static int Choose(ReadOnlySpan<double> responsibilities, double u)
    {
        var cumulative = 0.0;
        for (var c = 0; c < responsibilities.Length; c++)
        {
            cumulative += responsibilities[c];
            if (u < cumulative) return c;
        }
        // Rounding left the total a hair below u: the last component with any responsibility.
        for (var c = responsibilities.Length - 1; c > 0; c--)
            if (responsibilities[c] > 0) return c;
        return 0;
    }

    private static double MostProbableCode(IConditional[] conditionals, ReadOnlySpan<double> responsibilities, int cell)
    {
        double[]? mixed = null;
        for (var c = 0; c < conditionals.Length; c++)
        {
            var probabilities = conditionals[c].CodeProbabilities(cell)!;
            mixed ??= new double[probabilities.Length];
            for (var code = 0; code < probabilities.Length; code++) mixed[code] += responsibilities[c] * probabilities[code];
        }
        var best = 0;
        for (var code = 1; code < mixed!.Length; code++) if (mixed[code] > mixed[best]) best = code;
        return best;
    }
}
