using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OmiTrans.Cli.Commands;

/// <summary>
/// Range checks for numeric options, reported as argument errors before anything runs: no negative, empty, NaN or
/// infinite value is accepted silently, and thread counts are bounded by this machine's cores.
/// </summary>
internal static class OptionRanges
{
    /// <summary>Accepts whole numbers from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int> Between(this Option<int> option, int min, int max = int.MaxValue)
    {
        option.Validators.Add(r =>
        {
            if (TryValue<int>(r, out var value))
            {
                Check(r, option.Name, value, min, max);
            }
        });
        return option;
    }

    /// <summary>Accepts, when given, whole numbers from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> Between(this Option<int?> option, int min, int max = int.MaxValue)
    {
        option.Validators.Add(r =>
        {
            if (TryValue<int?>(r, out var given) && given is { } value)
            {
                Check(r, option.Name, value, min, max);
            }
        });
        return option;
    }

    /// <summary>Accepts finite numbers in the interval (bounds included unless excluded).</summary>
    public static Option<double> Between(this Option<double> option, double min, double max = double.MaxValue, bool excludeMin = false, bool excludeMax = false)
    {
        option.Validators.Add(r =>
        {
            if (TryValue<double>(r, out var value))
            {
                Check(r, option.Name, value, min, max, excludeMin, excludeMax);
            }
        });
        return option;
    }

    /// <summary>Accepts, when given, finite numbers in the interval.</summary>
    public static Option<double?> Between(this Option<double?> option, double min, double max = double.MaxValue, bool excludeMin = false, bool excludeMax = false)
    {
        option.Validators.Add(r =>
        {
            if (TryValue<double?>(r, out var given) && given is { } value)
            {
                Check(r, option.Name, value, min, max, excludeMin, excludeMax);
            }
        });
        return option;
    }

    /// <summary>A thread count: 0 (one per core) up to the number of cores of this machine.</summary>
    public static Option<int> ThreadCount(this Option<int> option)
    {
        int cores = Environment.ProcessorCount;
        option.Validators.Add(r =>
        {
            if (TryValue<int>(r, out int value) && (value < 0 || value > cores))
            {
                r.AddError($"{option.Name} must be between 0 (one thread per core) and {cores} (the cores of this machine), but was {value}.");
            }
        });
        return option;
    }

    /// <summary>The option's value, or false when it could not be converted (that error is reported by the parser itself).</summary>
    private static bool TryValue<T>(OptionResult result, out T value)
    {
        value = default!;
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void Check(OptionResult result, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            result.AddError($"{name} must be a whole number {Describe(min, max, false, false)}, but was {value}.");
        }
    }

    private static void Check(OptionResult result, string name, double value, double min, double max, bool excludeMin, bool excludeMax)
    {
        bool below = excludeMin ? value <= min : value < min;
        bool above = excludeMax ? value >= max : value > max;
        if (!double.IsFinite(value) || below || above)
        {
            result.AddError($"{name} must be a finite number {Describe(min, max, excludeMin, excludeMax)}, but was {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static string Describe(double min, double max, bool excludeMin, bool excludeMax)
    {
        string low = min.ToString(CultureInfo.InvariantCulture);
        string high = max.ToString(CultureInfo.InvariantCulture);
        bool unbounded = max >= int.MaxValue;
        return unbounded
            ? (excludeMin ? $"greater than {low}" : $"of at least {low}")
            : $"from {low}{(excludeMin ? " (excluded)" : string.Empty)} to {high}{(excludeMax ? " (excluded)" : string.Empty)}";
    }
}
