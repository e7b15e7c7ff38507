using System.Text.RegularExpressions;

namespace OmiTrans.Cli.Commands;

/// <summary>Ids that a spreadsheet has turned into dates (MARCH1 into 1-Mar, SEPT2 into 2-Sep, ...), for hints.</summary>
internal static partial class SpreadsheetIds
{
    /// <summary>The ids that look like dates.</summary>
    public static IReadOnlyList<string> DateLike(IEnumerable<string> ids) => ids.Where(id => Date().IsMatch(id)).ToArray();

    /// <summary>A hint naming date-like ids among the given ones, or an empty string.</summary>
    public static string Hint(IEnumerable<string> ids)
    {
        var dates = DateLike(ids);
        return dates.Count == 0
            ? string.Empty
            : $" {dates.Count} ids look like dates ({Preview.Of(dates, 3)}): a spreadsheet may have converted gene names such as MARCH1 or SEPT2; re-export the table without letting the spreadsheet convert ids.";
    }

    [GeneratedRegex(@"^(\d{1,2}-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(-\d{2,4})?|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{1,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Date();
}
