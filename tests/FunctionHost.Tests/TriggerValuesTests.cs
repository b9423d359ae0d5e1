using System.Text.Json;
using DurableMcp.FunctionApp.Functions;

namespace DurableMcp.FunctionHost.Tests;

/// <summary>Trigger values as the host sends them: documented (plain) or as its code writes them (serialized first).</summary>
public sealed class TriggerValuesTests
{
    [Theory]
    [InlineData("\"abc\"", "abc")]
    [InlineData("\"\\\"abc\\\"\"", "abc")]
    [InlineData("\"\\\"unterminated\"", "\"unterminated")]
    [InlineData("42", "42")]
    [InlineData("null", null)]
    public void AsString_ReadsPlainAndSerializedStrings(string json, string? expected) =>
        Assert.Equal(expected, TriggerValues.AsString(JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData("3", 3L)]
    [InlineData("\"3\"", 3L)]
    [InlineData("\"three\"", null)]
    public void AsInt64_ReadsNumbersAndNumbersAsText(string json, long? expected) =>
        Assert.Equal(expected, TriggerValues.AsInt64(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void AsDateTimeOffset_ReadsTheHostsTimestamps() =>
        Assert.Equal(
            new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero),
            TriggerValues.AsDateTimeOffset(JsonDocument.Parse("\"2026-11-24T10:00:00+00:00\"").RootElement));
}
