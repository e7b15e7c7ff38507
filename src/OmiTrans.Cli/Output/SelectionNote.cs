namespace OmiTrans.Cli.Output;

/// <summary>Tells the user which model a translator's fit kept (the trained network or its fallback) and why.</summary>
internal static class SelectionNote
{
    /// <summary>Writes the selection's reason; notes how to keep the network when the fallback was kept.</summary>
    public static void Write(string method, ModelSelection? selection)
    {
        if (selection is null)
        {
            return;
        }

        Terminal.Note($"{method}: {selection.Reason}." + (selection.FallbackKept ? " --fallback none keeps the network." : string.Empty));
    }
}
