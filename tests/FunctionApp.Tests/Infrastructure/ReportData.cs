using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Models;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// Source tasks for <c>generate_report</c> tests, run through MCP as a client would, and reading its results: the
/// progress in sections, a report read whole or page by page, the parts left in storage.
/// </summary>
internal static class ReportData
{
    /// <summary>The markup-laden note of every generated row: 600 × <c>&lt;&amp;&gt;</c>, which escaping makes several times longer in HTML.</summary>
    public static readonly string HostileNote = string.Concat(Enumerable.Repeat("<&>", 600));

    /// <summary>
    /// A new container with one CSV file of <paramref name="rows"/> rows under <c>big/</c>, every one rejected by
    /// <see cref="EtlData.Mapping"/> (its amount is not a number) and carrying <see cref="HostileNote"/>.
    /// </summary>
    public static async Task<string> UploadRejectedRowsAsync(AzuriteFixture azurite, int rows)
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(TaskHubs.NewContainer("reportsrc"));
        await container.CreateIfNotExistsAsync();
        var text = new StringBuilder("order_id,region,amount,quantity,note\n");
        for (var i = 1; i <= rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"R{i},r{i % 7},not-a-number,{(i % 9) + 1},{HostileNote}\n");
        }

        await container.GetBlobClient("big/orders.csv").UploadAsync(BinaryData.FromString(text.ToString()), overwrite: true);
        return container.Name;
    }

    /// <summary>Calls <paramref name="tool"/> as a task and waits until it completes; its task id.</summary>
    public static async Task<string> CompletedTaskAsync(McpHttpClient client, string tool, JsonObject arguments, TimeSpan timeout)
    {
        var taskId = TaskAssert.IsCreateTaskResult(await client.CallToolAsync(tool, arguments, withTasks: true), DateTimeOffset.UtcNow);
        var done = await client.WaitForTerminalAsync(taskId, timeout);
        Assert.True(TaskAssert.Status(done) == "completed" && done["result"]!["isError"]?.GetValue<bool>() != true, $"The {tool} source task did not complete: {done}");
        return taskId;
    }

    /// <summary>The arguments of <c>generate_report</c> over <paramref name="taskIds"/>.</summary>
    public static JsonObject Arguments(IEnumerable<string> taskIds, string title = "Weekly report", int parallelism = 4) => new()
    {
        ["sources"] = new JsonArray([.. taskIds.Select(id => (JsonNode)new JsonObject { ["taskId"] = id })]),
        ["title"] = title,
        ["parallelism"] = parallelism,
    };

    /// <summary>The sections done so far, from a status message like <c>"3 / 8 sections rendered"</c>; -1 for other messages.</summary>
    public static int SectionsDone(JsonObject task)
    {
        var message = TaskAssert.StatusMessage(task) ?? "";
        var slash = message.IndexOf(" / ", StringComparison.Ordinal);
        return slash > 0 && message.Contains(" sections rendered", StringComparison.Ordinal) &&
               int.TryParse(message[..slash], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var done)
            ? done
            : -1;
    }

    /// <summary>The result's link to <paramref name="name"/>.</summary>
    public static JsonObject Link(JsonNode result, string name) =>
        result["content"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "resource_link" && c["name"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>The whole text of <paramref name="uri"/>, read through <c>resources/read</c> in pages (each page's <c>_meta</c> names the next).</summary>
    public static async Task<(string Text, int Pages, int LargestAnswer)> ReadPagedAsync(McpHttpClient client, string uri)
    {
        var text = new StringBuilder();
        var pages = 0;
        var largest = 0;
        for (var next = $"{uri}?offset=0"; next is not null; pages++)
        {
            Assert.True(pages < 1000, "The pages never end.");
            var contents = (await EtlData.ReadResourceAsync(client, next)).RequireResult()["contents"]![0]!;
            var page = contents["text"]!.GetValue<string>();
            text.Append(page);
            largest = Math.Max(largest, System.Text.Json.JsonSerializer.Serialize(page, ModelContextProtocol.McpJsonUtilities.DefaultOptions).Length - 2);
            next = contents["_meta"]?["durable-mcp/nextPage"]?.GetValue<string>();
        }

        return (text.ToString(), pages, largest);
    }

    /// <summary>The blobs left under the task's <c>parts/</c> folder of the outputs container.</summary>
    public static async Task<List<string>> PartsAsync(AzuriteFixture azurite, string taskId)
    {
        var names = new List<string>();
        await foreach (var blob in azurite.CreateBlobServiceClient().GetBlobContainerClient("task-outputs").GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{taskId}/parts/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>How many times <paramref name="value"/> occurs in <paramref name="text"/>.</summary>
    public static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
