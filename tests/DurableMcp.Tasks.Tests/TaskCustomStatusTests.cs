using System.Text.Json;
using DurableMcp.Tasks.Durable;

namespace DurableMcp.Tasks.Tests;

/// <summary>The custom status is persisted by Durable Functions: its JSON shape is a compatibility contract.</summary>
public sealed class TaskCustomStatusTests
{
    [Fact]
    public void Serialize_WritesMessageAndInputRequests_OmitsNulls()
    {
        var request = JsonDocument.Parse("""{"method":"elicitation/create","params":{"mode":"form","message":"Sure?"}}""").RootElement;
        var status = new TaskCustomStatus { Message = "2 / 3 steps", InputRequests = new Dictionary<string, JsonElement> { ["q-1"] = request } };

        var json = JsonSerializer.Serialize(status, DurableJsonContext.Default.TaskCustomStatus);

        Assert.Equal("""{"message":"2 / 3 steps","inputRequests":{"q-1":{"method":"elicitation/create","params":{"mode":"form","message":"Sure?"}}}}""", json);
        Assert.Equal("{}", JsonSerializer.Serialize(new TaskCustomStatus(), DurableJsonContext.Default.TaskCustomStatus));
    }

    [Fact]
    public void Deserialize_RoundTrips()
    {
        const string json = """{"message":"working","inputRequests":{"q-2":{"method":"elicitation/create"}}}""";

        var status = JsonSerializer.Deserialize(json, DurableJsonContext.Default.TaskCustomStatus)!;

        Assert.Equal("working", status.Message);
        Assert.Equal("elicitation/create", status.InputRequests!["q-2"].GetProperty("method").GetString());
        Assert.Equal(json, JsonSerializer.Serialize(status, DurableJsonContext.Default.TaskCustomStatus));
    }
}
