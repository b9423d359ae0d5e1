namespace DurableMcp.Testing;

/// <summary>
/// The environment a <see cref="ServerProcess"/> starts with, as a dictionary a test changes before starting the server
/// (keys use <c>__</c> for <c>:</c>, as environment variables do).
/// </summary>
public static class ServerSettings
{
    /// <summary>
    /// The settings every test server gets: this run's Azurite (an explicit connection string, so no LocalAzurite), the
    /// given task hub, anonymous callers (Development), no sample seeding, quick queue polling, short partition leases
    /// and message visibility (so a successor takes over a killed worker's work quickly), a one-hour default TTL and a
    /// 200 ms poll interval.
    /// </summary>
    /// <param name="azurite">This run's storage emulator.</param>
    /// <param name="taskHub">The task hub (see <see cref="TaskHubs.New"/>); servers on the same hub share their tasks.</param>
    /// <param name="workerEnabled">False for a server that only answers requests and runs no orchestrations or activities.</param>
    public static Dictionary<string, string> Anonymous(AzuriteFixture azurite, string taskHub, bool workerEnabled = true)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Identity__Mode"] = "Anonymous",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["DurableTask__HubName"] = taskHub,
            ["DurableTask__WorkerEnabled"] = workerEnabled ? "true" : "false",
            ["DurableTask__MaxQueuePollingInterval"] = "00:00:00.250",
            ["DurableTask__PartitionLeaseInterval"] = "00:00:06",
            ["DurableTask__MessageVisibilityTimeout"] = "00:00:10",
            ["McpTasks__DefaultTtl"] = "01:00:00",
            ["McpTasks__PollInterval"] = "00:00:00.200",
            ["Samples__Seed"] = "false",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__ModelContextProtocol"] = "Warning",
        };
    }

    /// <summary>
    /// Makes <paramref name="settings"/> identify callers by development tokens (<c>Identity:Mode=DevToken</c>, still
    /// Development): each token of <paramref name="callersByToken"/> names its caller, so tasks are bound to their
    /// creator. Returns <paramref name="settings"/>.
    /// </summary>
    public static Dictionary<string, string> WithDevTokens(this Dictionary<string, string> settings, IReadOnlyDictionary<string, string> callersByToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(callersByToken);
        settings["Identity__Mode"] = "DevToken";
        foreach (var (token, caller) in callersByToken)
        {
            settings[$"Identity__DevTokens__{token}"] = caller;
        }

        return settings;
    }
}
