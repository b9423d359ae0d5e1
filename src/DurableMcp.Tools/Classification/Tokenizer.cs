using System.Collections.Frozen;

namespace DurableMcp.Tools.Classification;

/// <summary>
/// Turns free text into the bag-of-words tokens the classifier counts: lower-cased (invariant culture) runs of
/// letters and digits, at least <see cref="MinimumTokenLength"/> characters long, with common English function
/// words removed. Everything is ordinal and culture-free, so the same text always yields the same tokens.
/// </summary>
internal static class Tokenizer
{
    /// <summary>Shorter runs (single letters, stray digits, contraction tails such as "s" or "t") carry no topic signal.</summary>
    public const int MinimumTokenLength = 2;

    // Tokens up to this length are lower-cased on the stack, so stop words are rejected without allocating a string.
    private const int StackBufferLength = 64;

    // Function words only: anything that could hint at a topic (e.g. "account", "please") is deliberately kept.
    private static readonly FrozenSet<string> _stopWords = FrozenSet.ToFrozenSet(
    [
        "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "been", "before", "being", "both", "but", "by",
        "can", "could", "did", "didn", "do", "does", "doesn", "don", "during",
        "each", "either", "even", "every", "for", "from", "further",
        "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
        "if", "in", "into", "is", "isn", "it", "its", "itself", "just",
        "ll", "me", "more", "most", "my", "myself", "no", "nor", "not", "now",
        "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own",
        "re", "same", "she", "should", "so", "some", "such",
        "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those",
        "through", "to", "too", "under", "until", "up", "us",
        "ve", "very", "was", "wasn", "we", "were", "weren", "what", "when", "where", "which", "while", "who",
        "whom", "why", "will", "with", "won", "would", "you", "your", "yours",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopWordsBySpan =
        _stopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Splits <paramref name="text"/> into tokens, in document order, repeats included.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var tokens = new List<string>();
        Span<char> buffer = stackalloc char[StackBufferLength];
        var remaining = text.AsSpan();
        while (!remaining.IsEmpty)
        {
            var start = IndexOfLetterOrDigit(remaining);
            if (start < 0)
            {
                break;
            }

            remaining = remaining[start..];
            var length = IndexOfSeparator(remaining);
            if (length < 0)
            {
                length = remaining.Length;
            }

            var raw = remaining[..length];
            remaining = remaining[length..];
            if (length < MinimumTokenLength)
            {
                continue;
            }

            if (length <= buffer.Length)
            {
                // Invariant lower-casing maps UTF-16 code units one to one, so the lengths match.
                var lower = buffer[..length];
                raw.ToLowerInvariant(lower);
                if (!_stopWordsBySpan.Contains(lower))
                {
                    tokens.Add(new string(lower));
                }
            }
            else
            {
                var lower = raw.ToString().ToLowerInvariant();
                if (!_stopWords.Contains(lower))
                {
                    tokens.Add(lower);
                }
            }
        }

        return tokens;
    }

    /// <summary>True when <paramref name="token"/> (already lower-case) is on the built-in stop-word list.</summary>
    public static bool IsStopWord(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _stopWords.Contains(token);
    }

    private static int IndexOfLetterOrDigit(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsLetterOrDigit(span[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOfSeparator(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (!char.IsLetterOrDigit(span[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
