namespace OmiTrans.Reporting;

/// <summary>Saves plots through the library's atomic writer, so a figure is never seen half-written and never replaces an input.</summary>
internal static class FigureFiles
{
    public const int Width = 800;
    public const int Height = 600;

    public static string Save(ScottPlot.Plot plot, string path, int width = Width, int height = Height)
    {
        var full = Path.GetFullPath(path);
        using var image = plot.GetImage(width, height);
        var bytes = image.GetImageBytes(ScottPlot.ImageFormat.Png, 100);
        AtomicFile.Write(full, stream => stream.Write(bytes));
        return full;
    }
}
