using System.Globalization;

namespace OmiTrans.Cli.Output;

/// <summary>Tells the user when a fit handed back ridge instead of its trained network (TrainingOptions.RidgeFallback).</summary>
internal static class RidgeFallbackNote
{
    /// <summary>Writes a note when the fit details show the ridge fallback.</summary>
    public static void WriteIfUsed(string method, IReadOnlyDictionary<string, double> details)
    {
        if (!details.ContainsKey("ridgeFallback"))
        {
            return;
        }

        string ridge = details.TryGetValue("ridgeValidation", out var r) ? r.ToString("F4", CultureInfo.InvariantCulture) : "?";
        string network = details.TryGetValue("networkValidation", out var n) ? n.ToString("F4", CultureInfo.InvariantCulture) : "?";
        Terminal.Note($"{method}: ridge validated better than the trained network ({ridge} vs {network} on the selection metric), so the model is the ridge map; --no-ridge-fallback keeps the network.");
    }
}
