using System.Globalization;

namespace OmiTrans.Locations;

/// <summary>
/// Genomic locations of features (CpG probes, genes), read from a table with a feature id, a chromosome and a
/// start position per row.
/// </summary>
/// <remarks>
/// The first line is a header, unless it names no known column and already holds a feature (its third field is a
/// whole number or its second a chromosome name): then the table has no header and the first three columns are
/// feature, chromosome and start. Columns are found by name, case-insensitively: the id is the first column (or one
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

    /// <summary>
    /// Reads a location table (tab- or comma-separated by file name, optionally gzip-compressed), with the table
    /// grammar of the omics readers (quoting, line breaks, encoding and gzip checks; docs/data-formats.md).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="OmicsFormatException">The file is empty or has no rows, a row is short, a position is not a whole number, or a feature is listed twice.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static LocationTable Read(string path)
    {
        Guard.NotNullOrWhiteSpace(path);
        char delimiter = Delimiters.For(path, null);
        using var input = TableInput.Open(path, "location table");
        using var stream = input.OpenPass();
        var reader = new LineBlockReader(stream, path, input.BufferSizeFor(1 << 20));
        var lines = new List<LineRef>();
        var map = new Dictionary<string, GenomicLocation>(StringComparer.Ordinal);
        var unannotated = new HashSet<string>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        int idColumn = 0;
        int chromosomeColumn = 1;
        int positionColumn = 2;
        int needed = 3;
        long headerLine = 0;
        bool started = false;
        while (reader.Next(lines))
        {
            foreach (var line in lines)
            {
                var text = reader.Buffer.AsSpan(line.Offset, line.Length);
                if (TableLayout.IsBlank(text, delimiter))
                {
                    continue;
                }

                var fields = ReadFields(text, line.LineNumber, path, delimiter);
                if (!started)
                {
                    started = true;
                    var names = fields.Select(c => c.Trim().ToLowerInvariant()).ToArray();
                    int? id = FindColumn(names, IdNames);
                    int? chromosome = FindColumn(names, ChromosomeNames);
                    int? position = FindColumn(names, PositionNames);
                    if (id is null && chromosome is null && position is null && LooksLikeData(fields))
                    {
                        // No header: the first line is already a feature (feature, chromosome, position).
                        ReadRow(fields, line.LineNumber);
                        continue;
                    }

                    headerLine = line.LineNumber;
                    idColumn = id ?? 0;
                    chromosomeColumn = chromosome ?? 1;
                    positionColumn = position ?? 2;
                    needed = Math.Max(idColumn, Math.Max(chromosomeColumn, positionColumn)) + 1;
                    if (fields.Count < needed)
                    {
                        throw new OmicsFormatException(
                            path, line.LineNumber, 0, $"a location table needs a feature id, a chromosome and a start column; the header has {fields.Count} field(s). Is the delimiter right? This file is read with {Delimiters.Describe(delimiter)}.");
                    }

                    continue;
                }

                ReadRow(fields, line.LineNumber);
            }
        }

        if (!started)
        {
            throw new OmicsFormatException(path, 0, 0, "the location table is empty.");
        }

        if (firstLine.Count == 0)
        {
            throw new OmicsFormatException(path, headerLine, 0, "the location table has a header line but no rows.");
        }

        input.CheckUnchanged();
        return new LocationTable(map, unannotated, path);

        void ReadRow(List<string> fields, long lineNumber)
        {
            if (fields.Count < needed)
            {
                throw new OmicsFormatException(path, lineNumber, 0, $"expected at least {needed} fields but found {fields.Count}.");
            }

            var id = fields[idColumn];
            if (id.Length == 0)
            {
                throw new OmicsFormatException(path, lineNumber, idColumn + 1, "the feature id is empty.");
            }

            if (!firstLine.TryAdd(id, lineNumber))
            {
                throw new OmicsFormatException(path, lineNumber, idColumn + 1, $"feature '{Printable.Text(id)}' is listed twice (also on line {firstLine[id]}).");
            }

            var chromosome = fields[chromosomeColumn].Trim();
            var position = fields[positionColumn].Trim();
            if (IsMissing(chromosome) || IsMissing(position))
            {
                unannotated.Add(id);
                return;
            }

            if (!TryParsePosition(position, out long start))
            {
                throw new OmicsFormatException(
                    path, lineNumber, positionColumn + 1, $"the position '{Printable.Text(position)}' of feature '{Printable.Text(id)}' is not a whole number.");
            }

            map[id] = new GenomicLocation(Chromosomes.Normalize(chromosome), start);
        }
    }

    /// <summary>Every feature id the table lists, with or without a usable location.</summary>
    internal IEnumerable<string> Ids => _locations.Keys.Concat(_unannotated);

    /// <summary>How many feature ids the table lists.</summary>
    internal int IdCount => _locations.Count + _unannotated.Count;

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

    /// <summary>
    /// Whether a first line without column names is a feature rather than a header: its position is a whole number or
    /// its chromosome a chromosome name.
    /// </summary>
    private static bool LooksLikeData(List<string> fields)
        => fields.Count >= 3 && (TryParsePosition(fields[2].Trim(), out _) || Chromosomes.Rank(fields[1]) is not null || Chromosomes.Normalize(fields[1]) == "MT");

    private static List<string> ReadFields(ReadOnlySpan<byte> line, long lineNumber, string path, char delimiter)
    {
        var result = new List<string>();
        var cursor = new FieldCursor(line, delimiter);
        while (cursor.MoveNext())
        {
            if (!cursor.TryGetText(out var text, out var problem))
            {
                throw new OmicsFormatException(path, lineNumber, cursor.Index + 1, $"the field {problem}.");
            }

            result.Add(text);
        }

        if (cursor.Error != FieldError.None)
        {
            throw new OmicsFormatException(path, lineNumber, cursor.Index + 1, FieldCursor.Describe(cursor.Error));
        }

        return result;
    }
}
