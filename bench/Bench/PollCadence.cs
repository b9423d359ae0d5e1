namespace DurableMcp.Bench;

/// <summary>
/// How the bench polls a task for latency, through MCP and through the raw client alike: every 10 ms for the first 15
/// polls, then every 25 ms. That stays inside the server's poll budget at <c>pollIntervalMs</c> 100 (a burst of 20, then
/// one poll per 25 ms), so no poll is refused with HTTP 429, and resolves a latency to about 10 ms.
/// </summary>
internal static class PollCadence
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static TimeSpan Delay(int poll) => TimeSpan.FromMilliseconds(poll < 15 ? 10 : 25);

    /// <summary>Polls until <paramref name="done"/> holds for what <paramref name="read"/> returns; fails after a minute.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, CancellationToken cancellationToken = default)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        for (var poll = 0; ; poll++)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}; last seen: {value}");
            }

            await Task.Delay(Delay(poll), cancellationToken);
        }
    }
}
