using Microsoft.DurableTask.Converters;

namespace DurableMcp.Tools.Tests;

/// <summary>Activity inputs and outputs as the orchestration history holds them: Durable Functions' JSON converter.</summary>
internal static class DurableRecords
{
    /// <summary>Serializes <paramref name="record"/>, reads it back as its own type, and expects the same JSON again.</summary>
    public static void AssertRoundTrips(object record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var converter = JsonDataConverter.Default;
        var json = converter.Serialize(record)!;

        var back = converter.Deserialize(json, record.GetType());

        Assert.Equal(json, converter.Serialize(back));
    }
}
