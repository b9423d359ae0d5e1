using System.Globalization;
using System.Text.Json.Nodes;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// Calls of <c>classify_documents</c> that review every one of <see cref="ReviewDocuments"/>, the form the review asks
/// with, and the output blob the tool writes.
/// </summary>
internal static class ReviewCorpus
{
    /// <summary>The arguments of a call that reviews every document of <paramref name="container"/>.</summary>
    public static JsonObject Arguments(string container, int? answerTimeoutSeconds = null, string? outputName = null, double reviewBelow = ReviewDocuments.ReviewBelow)
    {
        var arguments = new JsonObject { ["container"] = container, ["prefix"] = "inbox/", ["batchSize"] = 2, ["reviewBelow"] = reviewBelow };
        if (answerTimeoutSeconds is { } timeout)
        {
            arguments["answerTimeoutSeconds"] = timeout;
        }

        if (outputName is not null)
        {
            arguments["outputName"] = outputName;
        }

        return arguments;
    }

    /// <summary>
    /// Asserts the review form lists every document once (an enum of the categories, defaulting to the model's choice)
    /// and returns its first field with a category other than the model's, to correct it to.
    /// </summary>
    public static (string Field, string Document, string ModelCategory, string Correction) FirstField(JsonObject requestParams)
    {
        var fields = InputRequestAssert.Fields(requestParams);
        Assert.Equal(Enumerable.Range(1, ReviewDocuments.Texts.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"doc{i}")), fields.Select(f => f.Key));
        Assert.Equal(
            Enumerable.Range(0, ReviewDocuments.Texts.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"inbox/doc-{i}.txt")).Order(StringComparer.Ordinal),
            fields.Select(f => f.Value!["title"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var (_, field) in fields)
        {
            Assert.Equal("string", field!["type"]?.GetValue<string>());
            var choices = field["enum"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
            Assert.Equal(["billing", "human_resources", "legal", "sales", "technical_support"], choices);
            Assert.Contains(field["default"]!.GetValue<string>(), choices);
        }

        var (name, first) = fields.First();
        var model = first!["default"]!.GetValue<string>();
        var correction = first["enum"]!.AsArray().Select(c => c!.GetValue<string>()).First(c => c != model);
        return (name, first["title"]!.GetValue<string>(), model, correction);
    }

    /// <summary>The per-document entries of an output blob named like the summary's <c>output</c> (<c>classifications/…</c>).</summary>
    public static async Task<JsonArray> ReadOutputAsync(AzuriteFixture azurite, string output)
    {
        var slash = output.IndexOf('/', StringComparison.Ordinal);
        var blob = azurite.CreateBlobServiceClient().GetBlobContainerClient(output[..slash]).GetBlobClient(output[(slash + 1)..]);
        return JsonNode.Parse((await blob.DownloadContentAsync()).Value.Content.ToString())!.AsArray();
    }
}
