using System.Globalization;

namespace DurableMcp.Testing;

/// <summary>
/// A few short documents the classifier is far from sure about (well under 99 % each), so that
/// <c>classify_documents</c> with <c>reviewBelow = </c><see cref="ReviewBelow"/> asks the user about every one of them
/// in one form.
/// </summary>
public static class ReviewDocuments
{
    /// <summary>A <c>reviewBelow</c> every one of <see cref="Texts"/> falls under.</summary>
    public const double ReviewBelow = 0.99;

    /// <summary>The documents, uploaded as <c>inbox/doc-N.txt</c> in this order.</summary>
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
        ArgumentNullException.ThrowIfNull(azurite);
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(TaskHubs.NewContainer("review"));
        await container.CreateIfNotExistsAsync();
        for (var i = 0; i < Texts.Count; i++)
        {
            await container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"inbox/doc-{i}.txt")).UploadAsync(BinaryData.FromString(Texts[i]), overwrite: true);
        }

        return container.Name;
    }
}
