namespace OmiTrans.Reporting;

/// <summary>Saves plots atomically (temporary file, then rename), so a figure is never seen half-written.</summary>
internal static class FigureFiles
{
    public const int Width = 800;
    public const int Height = 600;

    public static string Save(ScottPlot.Plot plot, string path, int width = Width, int height = Height)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(full)}.{Guid.NewGuid():N}.png");
        try
        {
            plot.SavePng(temp, width, height);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return full;
    }
}
