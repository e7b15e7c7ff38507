using System.Globalization;

namespace OmiTrans.Locations;

/// <summary>
/// Genomic locations of features (CpG probes, genes), read from a table with a feature id, a chromosome and a
/// start position per row.
/// </summary>
/// <remarks>
/// The first line is a header. Columns are found by name, case-insensitively: the id is the first column (or one
/// named feature, id, #id, probe, name or ilmnid), the chromosome a column named chrom, chr, chromosome or seqnames,
/// the position a column named start, chromstart, pos, position or mapinfo; without such names the first three
/// columns are used. This reads the layout <c>feature chrom start</c>, UCSC/Xena probe maps
/// (<c>#id gene chrom chromStart ...</c>) and Illumina manifests (<c>IlmnID ... CHR MAPINFO</c>).
/// Chromosomes may carry a "chr" prefix. An empty or NA chromosome or position leaves the feature unannotated;
/// a position that is not a whole number throws <see cref="OmicsFormatException"/> naming the line and column.
/// </remarks>
public sealed class LocationTable
{
    private static readonly string[] IdNames = ["feature", "id", "#id", "probe", "name", "ilmnid", "gene"];
    private static readonly string[] ChromosomeNames = ["chrom", "chr", "chromosome", "seqnames", "seqname", "chromosome_name"];
    private static readonly string[] PositionNames = ["start", "chromstart", "pos", "position", "mapinfo", "start_position"];

    private readonly Dictionary<string, GenomicLocation> _locations;
    private readonly HashSet<string> _unannotated;

    private LocationTable(Dictionary<string, GenomicLocation> locations, HashSet<string> unannotated, string origin)
    {
        _locations = locations;
        _unannotated = unannotated;
        Origin = origin;
    }

    /// <summary>Where the table came from (a file path or a description).</summary>
    public string Origin { get; }

    /// <summary>The number of features with a location.</summary>
    public int Count => _locations.Count;

    /// <summary>Features listed in the table without a usable chromosome or position.</summary>
    public IReadOnlyCollection<string> UnannotatedFeatures => _unannotated;

    /// <summary>Looks up the location of a feature.</summary>
    /// <param name="featureId">The feature id (exact).</param>
    /// <param name="location">The location when found.</param>
    /// <returns>True when the table gives the feature a chromosome and a position.</returns>
    public bool TryGetLocation(string featureId, out GenomicLocation location)
        => _locations.TryGetValue(featureId, out location);

    /// <summary>Creates a table from locations in memory.</summary>
    /// <param name="locations">Feature id, chromosome (with or without "chr") and start position.</param>
    /// <param name="origin">A description used in messages.</param>
    /// <exception cref="ArgumentException">A feature id appears twice.</exception>
    public static LocationTable Create(IEnumerable<(string FeatureId, string Chromosome, long Start)> locations, string origin = "in-memory locations")
    {
        Guard.NotNull(locations);
        var map = new Dictionary<string, GenomicLocation>(StringComparer.Ordinal);
        foreach (var (id, chromosome, start) in locations)
        {
            if (!map.TryAdd(id, new GenomicLocation(Chromosomes.Normalize(chromosome), start)))
            {
                throw new ArgumentException($"{origin}: feature '{id}' is listed twice.", nameof(locations));
            }
        }

        return new LocationTable(map, [], origin);
    }

    /// <summary>Reads a location table (tab- or comma-separated by file name, optionally gzip-compressed).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="OmicsFormatException">The file is empty, a row is short, a position is not a whole number, or a feature is listed twice.</exception>
    public static LocationTable Read(string path)
    {
        Guard.NotNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The location table '{path}' does not exist.", path);
        }

        char delimiter = TextInput.DelimiterFor(path, null);
        using var stream = TextInput.Open(path);
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        string? header = reader.ReadLine();
        long lineNumber = 1;
        while (header is not null && header.Trim().Length == 0)
        {
            header = reader.ReadLine();
            lineNumber++;
        }

        if (header is null)
        {
            throw new OmicsFormatException(path, 0, 0, "the location table is empty.");
        }

        var columns = SplitFields(header, delimiter).Select(c => c.Trim().ToLowerInvariant()).ToArray();
        int idColumn = FindColumn(columns, IdNames) ?? 0;
        int chromosomeColumn = FindColumn(columns, ChromosomeNames) ?? 1;
        int positionColumn = FindColumn(columns, PositionNames) ?? 2;
        int needed = Math.Max(idColumn, Math.Max(chromosomeColumn, positionColumn)) + 1;
        if (columns.Length < needed)
        {
            throw new OmicsFormatException(
                path, lineNumber, 0, $"a location table needs a feature id, a chromosome and a start column; the header has {columns.Length} field(s). Is the delimiter right?");
        }

        var map = new Dictionary<string, GenomicLocation>(StringComparer.Ordinal);
        var unannotated = new HashSet<string>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = SplitFields(line, delimiter);
            if (fields.Count < needed)
            {
                throw new OmicsFormatException(path, lineNumber, 0, $"expected at least {needed} fields but found {fields.Count}.");
            }

            var id = fields[idColumn].Trim();
            if (id.Length == 0)
            {
                throw new OmicsFormatException(path, lineNumber, idColumn + 1, "the feature id is empty.");
            }

            if (!firstLine.TryAdd(id, lineNumber))
            {
                throw new OmicsFormatException(path, lineNumber, idColumn + 1, $"feature '{id}' is listed twice (also on line {firstLine[id]}).");
            }

            var chromosome = fields[chromosomeColumn].Trim();
            var position = fields[positionColumn].Trim();
            if (IsMissing(chromosome) || IsMissing(position))
            {
                unannotated.Add(id);
                continue;
            }

            if (!TryParsePosition(position, out long start))
            {
                throw new OmicsFormatException(
                    path, lineNumber, positionColumn + 1, $"the position '{position}' of feature '{id}' is not a whole number.");
            }

            map[id] = new GenomicLocation(Chromosomes.Normalize(chromosome), start);
        }

        return new LocationTable(map, unannotated, path);
    }

    /// <summary>Writes the table as <c>feature chrom start</c> (tab-separated), atomically.</summary>
    /// <param name="path">The destination.</param>
    public void Write(string path)
    {
        var lines = new System.Text.StringBuilder("feature\tchrom\tstart\n");
        foreach (var (id, location) in _locations)
        {
            lines.Append(id).Append("\tchr").Append(location.Chromosome).Append('\t')
                .Append(location.Start.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var id in _unannotated)
        {
            lines.Append(id).Append("\tNA\tNA\n");
        }

        AtomicFile.WriteAllText(path, lines.ToString());
    }

    private static bool IsMissing(string value)
        => value.Length == 0 || value is "NA" or "na" or "NaN" or "N/A" or "." or "null" or "NULL";

    private static bool TryParsePosition(string text, out long position)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out position))
        {
            return position >= 0;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d == Math.Floor(d) && d < 1e15)
        {
            position = (long)d;
            return true;
        }

        return false;
    }

    private static int? FindColumn(string[] columns, string[] names)
    {
        for (int i = 0; i < columns.Length; i++)
        {
            if (names.Contains(columns[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static List<string> SplitFields(string line, char delimiter)
    {
        var result = new List<string>();
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        var cursor = new FieldCursor(bytes, delimiter);
        while (cursor.MoveNext())
        {
            result.Add(cursor.CurrentText());
        }

        return result;
    }
}
