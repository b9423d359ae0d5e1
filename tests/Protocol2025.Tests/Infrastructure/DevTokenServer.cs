using System.Globalization;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>
/// The FunctionApp.dll server of these tests: callers identified by development tokens (so tasks are bound and
/// <c>tasks/list</c> is served), small list pages, a 5-minute default and 10-minute maximum TTL, a 250 ms poll interval.
/// </summary>
internal static class DevTokenServer
{
    public const string AliceToken = "alice-token";
    public const string BobToken = "bob-token";

    /// <summary>A caller only one test uses, so it can count every task the caller has.</summary>
    public const string CarolToken = "carol-token";

    public const int ListPageSize = 2;
    public static readonly TimeSpan MaxTtl = TimeSpan.FromMinutes(10);

    /// <summary>The server of a test class, started by the class's first call.</summary>
    public static Task<ServerProcess> GetAsync(ServerProcessFixture fixture, AzuriteFixture azurite) =>
        fixture.GetAsync(azurite, "rev", settings =>
        {
            settings.WithDevTokens(new Dictionary<string, string> { [AliceToken] = "alice", [BobToken] = "bob", [CarolToken] = "carol" });
            settings["McpTasks__DefaultTtl"] = "00:05:00";
            settings["McpTasks__MaxTtl"] = MaxTtl.ToString("c", CultureInfo.InvariantCulture);
            settings["McpTasks__PollInterval"] = "00:00:00.250";
            settings["McpTasks__ListPageSize"] = ListPageSize.ToString(CultureInfo.InvariantCulture);
        });
}
