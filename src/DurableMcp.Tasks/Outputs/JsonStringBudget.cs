using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace DurableMcp.Tasks.Outputs;

/// <summary>
/// How much UTF-8 text fits in a JSON string of a given size. The MCP SDK writes a text resource as one JSON string with
/// its encoder, which escapes markup characters (<c>&lt;</c>, <c>&amp;</c>, quotes), control characters and everything
/// outside ASCII as <c>\uXXXX</c>: six bytes for one, so a page of HTML can be several times larger on the wire (and in
/// the server's buffers) than in the file.
/// </summary>
internal static class JsonStringBudget
{
    /// <summary>
    /// The length of the longest prefix of <paramref name="utf8"/>, ending between two characters, whose JSON string
    /// under <paramref name="encoder"/> takes at most <paramref name="maxJsonBytes"/> bytes (counting every escape as six
    /// bytes a UTF-16 unit, the longest form). A byte that is not valid UTF-8 counts as the replacement character it
    /// becomes.
    /// </summary>
    public static int Fit(ReadOnlySpan<byte> utf8, int maxJsonBytes, JavaScriptEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        long json = 0;
        var at = 0;
        while (at < utf8.Length)
        {
            // Runs the encoder leaves alone cost their own length: skip them whole.
            var plain = encoder.FindFirstCharacterToEncodeUtf8(utf8[at..]);
            var run = plain < 0 ? utf8.Length - at : plain;
            if (json + run > maxJsonBytes)
            {
                // An encoder that lets non-ASCII through leaves whole characters in a run: end before the one cut.
                var end = at + (int)(maxJsonBytes - json);
                while (end > at && (utf8[end] & 0xC0) == 0x80)
                {
                    end--;
                }

                return end;
            }

            json += run;
            at += run;
            if (at == utf8.Length)
            {
                break;
            }

            var status = Rune.DecodeFromUtf8(utf8[at..], out var rune, out var consumed);
            var cost = 6 * (status == OperationStatus.Done ? rune.Utf16SequenceLength : 1);
            if (json + cost > maxJsonBytes)
            {
                return at;
            }

            json += cost;
            at += consumed;
        }

        return utf8.Length;
    }
}
