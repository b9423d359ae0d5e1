using System.Globalization;
using System.Text.Json.Nodes;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// A few short documents the classifier is far from sure about (well under 99 % each), so that
/// <c>classify_documents</c> with <c>reviewBelow = 0.99</c> asks the user about every one of them in one form.
/// </summary>
internal static class ReviewCorpus
{
    public const double ReviewBelow = 0.99;

    public static readonly IReadOnlyList<string> Texts =
    [
        "When will the new hires receive their laptops and access badges?",
        "I was underpaid on my last payslip; the night shift allowance is missing.",
        "The application freezes whenever I try to open a file stored on the network drive.",
        "How do I generate a new API token? The old one was revoked by mistake.",
    ];

    /// <summary>Uploads <see cref="Texts"/> to a new container (as <c>inbox/doc-N.txt</c>) and returns its name.</summary>
    public static async Task<string> UploadAsync(AzuriteFixture azurite)
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(TaskHubs.NewContainer("review"));
        await container.CreateIfNotExistsAsync();
        for (var i = 0; i < Texts.Count; i++)
        {
            await container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"inbox/doc-{i}.txt")).UploadAsync(BinaryData.FromString(Texts[i]), overwrite: true);
        }

        return container.Name;
    }

    /// <summary>The arguments of a call that reviews every document of <paramref name="container"/>.</summary>
    public static JsonObject Arguments(string container, int? answerTimeoutSeconds = null, string? outputName = null, double reviewBelow = ReviewBelow)
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
        Assert.Equal(Enumerable.Range(1, Texts.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"doc{i}")), fields.Select(f => f.Key));
        Assert.Equal(
            Enumerable.Range(0, Texts.Count).Select(i => string.Create(CultureInfo.InvariantCulture, $"inbox/doc-{i}.txt")).Order(StringComparer.Ordinal),
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
