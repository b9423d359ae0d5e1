using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Runtime.InteropServices;

namespace DurableMcp.Tools.Classification;

/// <summary>
/// Multinomial naive Bayes over <see cref="Tokenizer"/> tokens with add-one (Laplace) smoothing.
/// Immutable once trained, so a single instance can serve concurrent callers.
/// </summary>
/// <remarks>
/// Determinism: categories are kept in ordinal order, which is also the tie-break order; per-document scores
/// are summed in token order; no hash-order or culture-dependent step influences a result.
/// </remarks>
internal sealed class NaiveBayesClassifier
{
    /// <summary>Most key terms a classification reports.</summary>
    public const int MaxKeyTerms = 5;

    // Category counts are tiny (five in practice); scores live on the stack up to this many.
    private const int StackScoreLimit = 32;

    private readonly string[] _categories;
    private readonly double[] _logPriors;
    private readonly FrozenDictionary<string, int> _termRows;
    private readonly string[] _terms;

    // Row-major [term row, category] table of log P(term | category).
    private readonly double[] _logLikelihoods;

    // What an evidence-free document (empty, stop words only, or only unknown words) gets: the prior's choice.
    private readonly DocumentClassification _priorClassification;

    private NaiveBayesClassifier(string[] categories, int[] documentCounts, string[] terms, double[] logLikelihoods)
    {
        _categories = categories;
        _terms = terms;
        _logLikelihoods = logLikelihoods;
        _termRows = terms.Select((term, row) => KeyValuePair.Create(term, row)).ToFrozenDictionary(StringComparer.Ordinal);
        Categories = new ReadOnlyCollection<string>(categories);

        var totalDocuments = documentCounts.Sum();
        _logPriors = new double[categories.Length];
        var mostLikely = 0;
        for (var c = 0; c < categories.Length; c++)
        {
            _logPriors[c] = Math.Log((double)documentCounts[c] / totalDocuments);
            if (documentCounts[c] > documentCounts[mostLikely])
            {
                mostLikely = c;
            }
        }

        _priorClassification = new DocumentClassification(
            categories[mostLikely], (double)documentCounts[mostLikely] / totalDocuments, []);
    }

    /// <summary>The categories seen in training, in ordinal order.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Number of distinct tokens seen in training.</summary>
    public int VocabularySize => _terms.Length;

    /// <summary>Trains a classifier; the result does not depend on the order of <paramref name="documents"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="documents"/> is null.</exception>
    /// <exception cref="ArgumentException">There are no documents, or one is null or has a blank category.</exception>
    public static NaiveBayesClassifier Train(IEnumerable<LabelledDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);

        var corpus = documents.ToList();
        if (corpus.Count == 0)
        {
            throw new ArgumentException("At least one labelled document is required.", nameof(documents));
        }

        foreach (var document in corpus)
        {
            if (document is null || string.IsNullOrWhiteSpace(document.Category) || document.Text is null)
            {
                throw new ArgumentException("Every document needs a category and a text.", nameof(documents));
            }
        }

        var categories = corpus.Select(d => d.Category).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var categoryIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < categories.Length; c++)
        {
            categoryIndex.Add(categories[c], c);
        }

        var documentCounts = new int[categories.Length];
        var tokenTotals = new long[categories.Length];
        var termCounts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var document in corpus)
        {
            var c = categoryIndex[document.Category];
            documentCounts[c]++;
            foreach (var token in Tokenizer.Tokenize(document.Text))
            {
                ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(termCounts, token, out _);
                counts ??= new int[categories.Length];
                counts[c]++;
                tokenTotals[c]++;
            }
        }

        // Laplace smoothing: every vocabulary term gets one pseudo-occurrence per category, so a term never seen
        // with a category lowers that category's score instead of vetoing it outright.
        var terms = termCounts.Keys.Order(StringComparer.Ordinal).ToArray();
        var logLikelihoods = new double[terms.Length * categories.Length];
        for (var row = 0; row < terms.Length; row++)
        {
            var counts = termCounts[terms[row]];
            for (var c = 0; c < categories.Length; c++)
            {
                logLikelihoods[(row * categories.Length) + c] =
                    Math.Log((counts[c] + 1.0) / (tokenTotals[c] + terms.Length));
            }
        }

        return new NaiveBayesClassifier(categories, documentCounts, terms, logLikelihoods);
    }

    /// <summary>Picks the most probable category for <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public DocumentClassification Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var categoryCount = _categories.Length;
        Span<double> scores = categoryCount <= StackScoreLimit ? stackalloc double[categoryCount] : new double[categoryCount];
        _logPriors.CopyTo(scores);

        // Term row -> occurrences, kept for choosing key terms. Tokens never seen in training are skipped: they
        // carry no evidence, and smoothing them would only favour whichever category had the least text.
        Dictionary<int, int>? occurrences = null;
        foreach (var token in Tokenizer.Tokenize(text))
        {
            if (!_termRows.TryGetValue(token, out var row))
            {
                continue;
            }

            var likelihoods = _logLikelihoods.AsSpan(row * categoryCount, categoryCount);
            for (var c = 0; c < categoryCount; c++)
            {
                scores[c] += likelihoods[c];
            }

            occurrences ??= [];
            CollectionsMarshal.GetValueRefOrAddDefault(occurrences, row, out _)++;
        }

        if (occurrences is null)
        {
            return _priorClassification;
        }

        var best = IndexOfMax(scores);
        return new DocumentClassification(_categories[best], Posterior(scores, best), SelectKeyTerms(occurrences, best));
    }

    // First maximum wins; categories are in ordinal order, so ties go to the ordinally smallest name.
    private static int IndexOfMax(ReadOnlySpan<double> scores)
    {
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    // Softmax of log scores, shifted by the maximum so exp() cannot overflow; the best term contributes exp(0) = 1,
    // so the sum is at least 1 and the result stays within (0, 1].
    private static double Posterior(ReadOnlySpan<double> scores, int best)
    {
        var sum = 0.0;
        foreach (var score in scores)
        {
            sum += Math.Exp(score - scores[best]);
        }

        return 1.0 / sum;
    }

    // A term's contribution is its occurrences times log P(term | chosen) - max over rivals of log P(term | rival):
    // how much it widened the winner's lead over the strongest competitor for that term. Only positive
    // contributors qualify; order is contribution descending, then ordinal term.
    private string[] SelectKeyTerms(Dictionary<int, int> occurrences, int best)
    {
        var categoryCount = _categories.Length;
        if (categoryCount < 2)
        {
            return [];
        }

        var candidates = new List<(string Term, double Contribution)>(occurrences.Count);
        foreach (var (row, count) in occurrences)
        {
            var likelihoods = _logLikelihoods.AsSpan(row * categoryCount, categoryCount);
            var rival = double.NegativeInfinity;
            for (var c = 0; c < categoryCount; c++)
            {
                if (c != best && likelihoods[c] > rival)
                {
                    rival = likelihoods[c];
                }
            }

            var contribution = count * (likelihoods[best] - rival);
            if (contribution > 0)
            {
                candidates.Add((_terms[row], contribution));
            }
        }

        candidates.Sort(static (x, y) =>
        {
            var byContribution = y.Contribution.CompareTo(x.Contribution);
            return byContribution != 0 ? byContribution : string.CompareOrdinal(x.Term, y.Term);
        });

        var keyTerms = new string[Math.Min(MaxKeyTerms, candidates.Count)];
        for (var i = 0; i < keyTerms.Length; i++)
        {
            keyTerms[i] = candidates[i].Term;
        }

        return keyTerms;
    }
}
