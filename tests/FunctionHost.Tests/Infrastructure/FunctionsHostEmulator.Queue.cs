using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>
/// The queue trigger as the host runs it: receive a batch, invoke the function once per message (concurrently), then
/// delete the message on success; on failure make it visible again after <c>visibilityTimeout</c>, or move it to
/// <c>{queue}-poison</c> once it has been delivered <c>maxDequeueCount</c> times.
/// </summary>
internal sealed partial class FunctionsHostEmulator
{
    // The host receives with a long visibility and renews it while the invocation runs; a long one without renewal does the same here.
    private static readonly TimeSpan ReceiveVisibility = TimeSpan.FromMinutes(10);

    /// <summary>How trigger values are written into <c>Data</c> and <c>Metadata</c>.</summary>
    public PayloadStyle Style { get; set; } = PayloadStyle.HostSerialized;

    /// <summary>Test knob: how long a failed message stays invisible before its retry; host.json's <c>visibilityTimeout</c> when null.</summary>
    public TimeSpan? RetryDelay { get; set; }

    /// <summary>The queue a queue-triggered function listens on, through its connection setting and host.json's message encoding.</summary>
    public QueueClient QueueOf(string function, string suffix = "")
    {
        var trigger = Files.Trigger(function);
        var connection = Settings[trigger["connection"]?.GetValue<string>() ?? "AzureWebJobsStorage"];
        var encoding = Files.Queues?["messageEncoding"]?.GetValue<string>() == "none" ? QueueMessageEncoding.None : QueueMessageEncoding.Base64;
        return new QueueClient(connection, trigger["queueName"]!.GetValue<string>() + suffix, new QueueClientOptions { MessageEncoding = encoding });
    }

    /// <summary>One poll of every queue-triggered function's queue; returns the invocations it made.</summary>
    public async Task<IReadOnlyList<Invocation>> DeliverQueueMessagesAsync(CancellationToken cancellationToken = default)
    {
        var invocations = new List<Invocation>();
        foreach (var function in Files.FunctionsTriggeredBy("queueTrigger"))
        {
            var queue = QueueOf(function);
            await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            var batch = (await queue.ReceiveMessagesAsync(Files.QueueSetting("batchSize", 16), ReceiveVisibility, cancellationToken)).Value;
            invocations.AddRange(await Task.WhenAll(batch.Select(m => InvokeQueueTriggerAsync(function, queue, m, cancellationToken))));
        }

        return invocations;
    }

    /// <summary>Polls the queues until <paramref name="done"/> holds, failing after <paramref name="timeout"/>; returns every invocation made.</summary>
    public async Task<List<Invocation>> PumpQueuesUntilAsync(Func<Task<bool>> done, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var all = new List<Invocation>();
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"Not done after {timeout.TotalSeconds:0} s and {all.Count} queue invocations ({string.Join("; ", all.TakeLast(5).SelectMany(i => i.Logs))}). " +
                    $"Handler output:{Environment.NewLine}{RecentOutput}");
            }

            var round = await DeliverQueueMessagesAsync(cancellationToken);
            all.AddRange(round);
            if (round.Count == 0)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        return all;
    }

    private async Task<Invocation> InvokeQueueTriggerAsync(string function, QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        var text = message.Body.ToString();
        var body = new JsonObject
        {
            ["Data"] = new JsonObject { [Files.Trigger(function)["name"]!.GetValue<string>()] = Value(text) },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = Value(message.DequeueCount),
                ["ExpirationTime"] = Time(message.ExpiresOn),
                ["Id"] = Value(message.MessageId),
                ["InsertionTime"] = Time(message.InsertedOn),
                ["NextVisibleTime"] = Time(message.NextVisibleOn),
                ["PopReceipt"] = Value(message.PopReceipt),
                ["sys"] = SystemMetadata(function),
            },
        };
        var (status, answer) = await InvokeAsync(function, body, cancellationToken);
        HostAction action;
        if ((int)status is >= 200 and < 300)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            action = HostAction.Deleted;
        }
        else if (message.DequeueCount >= Files.QueueSetting("maxDequeueCount", 5))
        {
            var poison = QueueOf(function, "-poison");
            await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await poison.SendMessageAsync(text, cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            action = HostAction.MovedToPoison;
        }
        else
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryDelay ?? Files.QueueSetting("visibilityTimeout", TimeSpan.Zero), cancellationToken: cancellationToken);
            action = HostAction.RetryLater;
        }

        return new Invocation(function, status, answer, text, message.DequeueCount, action);
    }

    /// <summary>POSTs an invocation to <c>/{function}</c>; a failed request counts as a failed invocation (status 0).</summary>
    private async Task<(HttpStatusCode Status, JsonObject? Body)> InvokeAsync(string function, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, HandlerUri("/" + function))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        AddInvocationHeaders(request);
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonObject? answer;
            try
            {
                answer = JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                answer = null;
            }

            return (response.StatusCode, answer);
        }
        catch (HttpRequestException)
        {
            return (0, null);
        }
    }

    private JsonObject SystemMetadata(string function) => new()
    {
        ["MethodName"] = function,
        ["UtcNow"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    // The host turns a value it cannot make a JSON object into a string with Newtonsoft first: a string gets quoted, a number becomes text.
    private JsonNode Value(string text) => Style == PayloadStyle.HostSerialized ? JsonSerializer.Serialize(text) : text;

    private JsonNode Value(long number) => Style == PayloadStyle.HostSerialized ? number.ToString(CultureInfo.InvariantCulture) : number;

    private static JsonNode? Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
}

/// <summary>How the emulated host writes trigger values.</summary>
internal enum PayloadStyle
{
    /// <summary>As the host's code does: a string value JSON-encoded into a string (<c>"\"abc\""</c>), numbers as text.</summary>
    HostSerialized,

    /// <summary>As the custom-handler documentation shows it: plain strings and numbers.</summary>
    Documented,
}
