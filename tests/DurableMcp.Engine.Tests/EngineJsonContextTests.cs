using System.Text.Json;
using DurableMcp.Engine.Serialization;
using DurableMcp.Engine.Worker;

namespace DurableMcp.Engine.Tests;

/// <summary>Persisted shapes are a compatibility contract: each is pinned to its JSON and round-tripped.</summary>
public sealed class EngineJsonContextTests
{
    [Fact]
    public void FailureDetails_WithoutData_SerializesToCamelCaseWithoutNulls_AndRoundTrips()
    {
        var failure = new FailureDetails("PoisonInstance", "It crashed.");

        var json = JsonSerializer.Serialize(failure, EngineJsonContext.Default.FailureDetails);

        Assert.Equal("""{"errorType":"PoisonInstance","message":"It crashed."}""", json);
        Assert.Equal(failure, JsonSerializer.Deserialize(json, EngineJsonContext.Default.FailureDetails));
    }

    [Fact]
    public void FailureDetails_WithData_RoundTrips()
    {
        var failure = new FailureDetails("McpError", "Bad params.", """{"code":-32602}""");

        var json = JsonSerializer.Serialize(failure, EngineJsonContext.Default.FailureDetails);

        Assert.Equal("""{"errorType":"McpError","message":"Bad params.","data":"{\u0022code\u0022:-32602}"}""", json);
        Assert.Equal(failure, JsonSerializer.Deserialize(json, EngineJsonContext.Default.FailureDetails));
    }

    [Fact]
    public void Journal_SerializesToItsPersistedShape_AndRoundTrips()
    {
        var completedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var journal = new List<JournalEntry>
        {
            new(0, "step-0", JsonSerializer.SerializeToElement(new { count = 41 }), null, completedAt),
            new(1, "step-1", null, new FailureDetails("InvalidOperationException", "No."), completedAt.AddSeconds(1)),
            new(2, "event:q-1", JsonSerializer.SerializeToElement(new { action = "accept" }), null, completedAt.AddSeconds(2), EventKey: "q-1"),
            new(3, "timer", null, null, completedAt.AddSeconds(3), TimedOut: true),
        };

        var json = JsonSerializer.Serialize(journal, EngineJsonContext.Default.ListJournalEntry);

        Assert.Equal(
            """[{"seq":0,"name":"step-0","result":{"count":41},"completedAt":"2025-01-02T03:04:05+00:00"},"""
            + """{"seq":1,"name":"step-1","failure":{"errorType":"InvalidOperationException","message":"No."},"completedAt":"2025-01-02T03:04:06+00:00"},"""
            + """{"seq":2,"name":"event:q-1","result":{"action":"accept"},"completedAt":"2025-01-02T03:04:07+00:00","eventKey":"q-1"},"""
            + """{"seq":3,"name":"timer","completedAt":"2025-01-02T03:04:08+00:00","timedOut":true}]""",
            json);
        var back = JsonSerializer.Deserialize(json, EngineJsonContext.Default.ListJournalEntry);
        Assert.NotNull(back);
        Assert.Equal(4, back.Count);
        Assert.Equal([0, 1, 2, 3], back.Select(e => e.Seq));
        Assert.Equal("q-1", back[2].EventKey);
        Assert.True(back[3].TimedOut);
        Assert.False(back[2].TimedOut);
        Assert.Equal("step-0", back[0].Name);
        Assert.Equal(41, back[0].Result?.GetProperty("count").GetInt32());
        Assert.Null(back[0].Failure);
        Assert.Equal(completedAt, back[0].CompletedAt);
        Assert.Equal("step-1", back[1].Name);
        Assert.Null(back[1].Result);
        Assert.Equal(journal[1].Failure, back[1].Failure);
        Assert.Equal(completedAt.AddSeconds(1), back[1].CompletedAt);
    }

    [Fact]
    public void Tags_RoundTrip()
    {
        var tags = new Dictionary<string, string> { ["pollIntervalMs"] = "5000", ["tool"] = "etl" };

        var json = JsonSerializer.Serialize(tags, EngineJsonContext.Default.DictionaryStringString);

        Assert.Equal("""{"pollIntervalMs":"5000","tool":"etl"}""", json);
        Assert.Equal(tags, JsonSerializer.Deserialize(json, EngineJsonContext.Default.DictionaryStringString));
    }
}
