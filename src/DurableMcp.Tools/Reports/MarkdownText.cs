using System.Text;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// Text from a source task made literal in Markdown (CommonMark and GitHub tables): ASCII punctuation that could start
/// emphasis, a link, code, inline HTML, an entity or a cell boundary is backslash-escaped, and line breaks become spaces
/// so a value never ends a table row or a heading.
/// </summary>
internal static class MarkdownText
{
    private const string Special = "\\`*_[]<>|&#!~";

    /// <summary><paramref name="text"/> as literal inline Markdown on one line (safe in a table cell or a heading).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.AsSpan().IndexOfAny(Special) < 0 && !text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue; // \r\n is one break
            }

            if (char.IsControl(c))
            {
                escaped.Append(' ');
            }
            else
            {
                if (Special.Contains(c, StringComparison.Ordinal))
                {
                    escaped.Append('\\');
                }

                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
