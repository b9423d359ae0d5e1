using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// Text from a source task (file names, rejected records, repository URLs) made safe for HTML element content and
/// attribute values: &lt; &gt; &amp; quotes and control characters encoded, any other Unicode kept as it is (encoding
/// every non-ASCII character would double the size of a report in another script).
/// </summary>
internal static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary><paramref name="text"/>, encoded.</summary>
    public static string Encode(string? text) => string.IsNullOrEmpty(text) ? "" : Encoder.Encode(text);
}
