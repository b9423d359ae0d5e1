using System.Text;

namespace DurableMcp.Bench;

/// <summary>A Markdown table with padded columns (the last column, the long explanation, is not padded).</summary>
internal static class MarkdownTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, header.Count - 1).Select(c => rows.Append([.. header]).Max(r => r[c].Length)).ToArray();
        string Line(IReadOnlyList<string> cells)
        {
            var line = new StringBuilder("| ");
            for (var c = 0; c < widths.Length; c++)
            {
                line.Append(cells[c].PadRight(widths[c])).Append(" | ");
            }

            return line.Append(cells[^1]).Append(" |").ToString();
        }

        output.WriteLine(Line(header));
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|---|");
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }

        output.WriteLine();
    }
}
