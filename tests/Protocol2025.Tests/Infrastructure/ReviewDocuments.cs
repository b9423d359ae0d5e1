using System.Globalization;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>A few short documents the classifier is far from sure about, so classify_documents with reviewBelow 0.99 asks about them in one form.</summary>
internal static class ReviewDocuments
{
    public static readonly IReadOnlyList<string> Texts =
    [
        "When will the new hires receive their laptops and access badges?",
        "I was underpaid on my last payslip; the night shift allowance is missing.",
        "The application freezes whenever I try to open a file stored on the network drive.",
        "How do I generate a new API token? The old one was revoked by mistake.",
    ];

    /// <summary>Uploads the texts to a new container as <c>inbox/doc-N.txt</c>; returns its name.</summary>
    public static async Task<string> UploadAsync(AzuriteFixture azurite)
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient("review-" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateIfNotExistsAsync();
        for (var i = 0; i < Texts.Count; i++)
        {
            await container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"inbox/doc-{i}.txt")).UploadAsync(BinaryData.FromString(Texts[i]), overwrite: true);
        }

        return container.Name;
    }
}
