using System.Diagnostics;
using Xunit.Sdk;

namespace DurableMcp.Engine.Tests.Infrastructure;

/// <summary>Polls until a condition holds or a deadline passes: the only way these tests wait for other processes.</summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(75);

    /// <summary>Polls <paramref name="condition"/> until it returns true; fails the test after <paramref name="timeout"/>.</summary>
    public static Task Async(Func<Task<bool>> condition, TimeSpan timeout, string waitingFor) =>
        Async(condition, static done => done, timeout, waitingFor);

    /// <summary>
    /// Polls <paramref name="probe"/> until <paramref name="until"/> accepts its value, and returns that value; fails the
    /// test after <paramref name="timeout"/>, showing the last value seen.
    /// </summary>
    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan timeout, string waitingFor, TimeSpan? pollInterval = null)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (until(value))
            {
                return value;
            }

            if (elapsed.Elapsed > timeout)
            {
                throw new XunitException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {waitingFor}. Last seen: {Describe(value)}");
            }

            await Task.Delay(pollInterval ?? DefaultPollInterval);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        OrchestrationInstance instance => $"{instance.Status} ('{instance.StatusMessage}', failure: {instance.Failure})",
        System.Collections.ICollection collection => $"{collection.Count} items",
        _ => value.ToString() ?? "",
    };
}
