using System.Net;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// The per-caller and per-request limits, on one DevToken server with small limits: unfinished tasks per caller, argument
/// size, request body size, allowed origins and poll throttling. Each test acts as callers of its own, so the per-caller
/// limits of one test never meet another's.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LimitsTests(AzuriteFixture azurite, ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private const int MaxUnfinished = 2;
    private const int MaxArgumentBytes = 512;
    private const int MaxBodyBytes = 4096;
    private const string AllowedOrigin = "http://allowed.example";
    private const int TooManyTasks = -32003;
    private const int InvalidParams = -32602;
    private static readonly string[] CallerNames = ["alice", "bob", "carol", "dave", "erin", "frank", "gina"];

    [Fact]
    public async Task ToolsCall_OverUnfinishedTaskLimit_Refused32003UntilOneIsCancelled()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        using var bob = process.CreateClient("bobtoken");
        var created = new List<(McpHttpClient Client, string TaskId)>();
        try
        {
            for (var i = 0; i < MaxUnfinished; i++)
            {
                created.Add((alice, Callers.TaskId(await alice.CallToolAsync("run_steps", LongRun(), withTasks: true))));
            }

            var refused = await alice.CallToolAsync("run_steps", LongRun(), withTasks: true);

            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(TooManyTasks, refused.RequireErrorCode());
            Assert.Equal(
                $"You have {MaxUnfinished} unfinished tasks, the most one caller may have at once. Wait for some to finish, or cancel them, then call again.",
                refused.ErrorMessage);
            Assert.Equal(TooManyTasks, (await alice.CallToolAsync("run_steps", LongRun(), withTasks: false)).RequireErrorCode());

            // Another caller is not affected.
            created.Add((bob, Callers.TaskId(await bob.CallToolAsync("run_steps", LongRun(), withTasks: true))));

            // Cancelling one makes room at once (cancellation is recorded before the acknowledgement).
            Assert.Equal("complete", (await alice.CancelTaskAsync(created[0].TaskId)).RequireResult()["resultType"]?.GetValue<string>());
            created.Add((alice, Callers.TaskId(await alice.CallToolAsync("run_steps", LongRun(), withTasks: true))));
            Assert.Equal(TooManyTasks, (await alice.CallToolAsync("run_steps", LongRun(), withTasks: true)).RequireErrorCode());
        }
        finally
        {
            foreach (var (client, taskId) in created)
            {
                await client.CancelTaskAsync(taskId);
            }
        }
    }

    [Fact]
    public async Task ToolsCall_ConcurrentBurst_NeverMoreUnfinishedTasksThanTheLimit()
    {
        var process = await ServerAsync();
        using var gina = process.CreateClient("ginatoken");
        var acknowledged = new List<string>();
        try
        {
            var burst = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => gina.CallToolAsync("run_steps", LongRun(), withTasks: true)));
            acknowledged.AddRange(burst.Where(r => r.Result is not null).Select(Callers.TaskId));

            Assert.InRange(acknowledged.Count, 0, MaxUnfinished);
            Assert.All(burst.Where(r => r.Result is null), r => Assert.Equal(TooManyTasks, r.RequireErrorCode()));

            // Runs withdrawn in the burst hold no place: calls one at a time fill up to the limit exactly.
            while (true)
            {
                var next = await gina.CallToolAsync("run_steps", LongRun(), withTasks: true);
                if (next.Result is null)
                {
                    Assert.Equal(TooManyTasks, next.RequireErrorCode());
                    break;
                }

                acknowledged.Add(Callers.TaskId(next));
                Assert.InRange(acknowledged.Count, 1, MaxUnfinished);
            }

            Assert.Equal(MaxUnfinished, acknowledged.Count);
            foreach (var taskId in acknowledged)
            {
                Assert.Equal("working", TaskAssert.Status((await gina.GetTaskAsync(taskId)).RequireResult()));
            }
        }
        finally
        {
            foreach (var taskId in acknowledged)
            {
                await gina.CancelTaskAsync(taskId);
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ToolsCall_ArgumentsOverLimit_InvalidParamsNamingTheSize(bool withTasks)
    {
        var process = await ServerAsync();
        using var dave = process.CreateClient("davetoken");
        var arguments = new JsonObject { ["container"] = "docs", ["prefix"] = new string('p', 600) };
        var size = arguments.ToJsonString().Length;

        var response = await dave.CallToolAsync("classify_documents", arguments, withTasks);

        Assert.Equal(InvalidParams, response.RequireErrorCode());
        Assert.Equal(
            $"The arguments of 'classify_documents' are {size:N0} bytes; the limit is {MaxArgumentBytes:N0}. Pass large inputs by reference (for example a blob name).",
            response.ErrorMessage);

        // Arguments within the limit are accepted as usual.
        var small = await dave.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: false);
        Assert.Equal("Completed 1 steps.", TaskAssert.Text(small.RequireResult()));
    }

    [Fact]
    public async Task Post_BodyOverMaxRequestBodyBytes_Http413AndServerKeepsServing()
    {
        var process = await ServerAsync();
        using var erin = process.CreateClient("erintoken");
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "tools/call",
            ["params"] = new JsonObject { ["name"] = "run_steps", ["arguments"] = new JsonObject { ["steps"] = 1, ["padding"] = new string('x', MaxBodyBytes) } },
        }.ToJsonString();
        var headers = new Dictionary<string, string> { ["MCP-Protocol-Version"] = McpHttpClient.ProtocolVersion, ["Mcp-Method"] = "tools/call", ["Mcp-Name"] = "run_steps" };

        var response = await erin.SendRawAsync(HttpMethod.Post, body, headers);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(response.Result);
        Assert.Equal(-32600, response.RequireErrorCode());
        Assert.Equal(
            $"Request body too large. The max request body size is {MaxBodyBytes} bytes. Pass large inputs by reference (for example a blob name).",
            response.ErrorMessage);
        var discover = await erin.DiscoverAsync();
        Assert.Equal(HttpStatusCode.OK, discover.StatusCode);
        Assert.NotNull(discover.RequireResult()["supportedVersions"]);
    }

    [Theory]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://allowed.example.evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData(AllowedOrigin, HttpStatusCode.OK)]
    [InlineData(AllowedOrigin + "/", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task Post_WithOrigin_OnlyAllowedOriginsPass(string? origin, HttpStatusCode expected)
    {
        var process = await ServerAsync();
        using var frank = process.CreateClient("franktoken");
        if (origin is not null)
        {
            frank.DefaultHeaders["Origin"] = origin;
        }

        var response = await frank.DiscoverAsync();

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/json", response.ContentType);
            Assert.Equal(-32600, response.RequireErrorCode());
            Assert.Equal($"Origin '{origin}' is not allowed to call this server.", response.ErrorMessage);
            Assert.Null(response.Message!["id"]);
        }
        else
        {
            Assert.NotNull(response.RequireResult()["supportedVersions"]);
        }
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.Forbidden)]
    public async Task Post_WithALoopbackOrigin_OnlyTheServersOwnPasses(bool ownPort, HttpStatusCode expected)
    {
        var process = await ServerAsync();
        using var frank = process.CreateClient("franktoken");
        var port = ownPort ? process.BaseAddress.Port : process.BaseAddress.Port == 65535 ? 65534 : process.BaseAddress.Port + 1;
        frank.DefaultHeaders["Origin"] = $"http://{process.BaseAddress.Host}:{port}";

        Assert.Equal(expected, (await frank.DiscoverAsync()).StatusCode);
    }

    [Fact]
    public async Task Post_ForbiddenOriginWithoutToken_Http403BeforeAuthentication()
    {
        var process = await ServerAsync();
        using var anonymous = process.CreateClient();
        anonymous.DefaultHeaders["Origin"] = "http://evil.example";

        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.DiscoverAsync()).StatusCode);
    }

    [Fact]
    public async Task TasksGet_HammeredForOneTask_SomeThrottled429WhileAnotherTaskIsNot()
    {
        var process = await ServerAsync();
        using var carol = process.CreateClient("caroltoken");
        var hammered = Callers.TaskId(await carol.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true));
        var other = Callers.TaskId(await carol.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true));

        // 60 polls of one task at once (a 2 s poll interval allows a burst of 20, then one every 0.5 s), while the other
        // task is polled at a modest pace by the same caller.
        var hammering = Task.WhenAll(Enumerable.Range(0, 60).Select(_ => carol.GetTaskAsync(hammered)));
        var modest = new List<McpResponse>();
        for (var i = 0; i < 5; i++)
        {
            modest.Add(await carol.GetTaskAsync(other));
        }

        var answers = await hammering;
        var throttled = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var served = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ToList();

        Assert.Equal(60, throttled.Count + served.Count);
        Assert.NotEmpty(throttled);
        Assert.True(served.Count >= 20, $"Only {served.Count} of 60 polls were served; the burst alone allows 20.");
        Assert.All(served, a => Assert.Equal(hammered, a.RequireResult()["taskId"]?.GetValue<string>()));
        Assert.All(throttled, a =>
        {
            Assert.Equal("2", a.Headers.GetValueOrDefault("Retry-After"));
            Assert.Equal(-32000, a.RequireErrorCode());
            Assert.Contains("pollIntervalMs (2000)", a.ErrorMessage, StringComparison.Ordinal);
        });
        Assert.All(modest, a => Assert.Equal(other, a.RequireResult()["taskId"]?.GetValue<string>()));

        // A caller that slows down is served again.
        await Poll.UntilAsync(() => carol.GetTaskAsync(hammered), a => a.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "a served poll after backing off", TimeSpan.FromMilliseconds(600));
    }

    private static JsonObject LongRun() => new() { ["steps"] = 1000, ["stepDelayMs"] = 200 };

    private Task<ServerProcess> ServerAsync() => server.GetAsync(azurite, "limits", settings =>
    {
        settings.WithDevTokens(CallerNames.ToDictionary(caller => caller + "token"));
        settings["Identity__MaxRequestBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Identity__AllowedOrigins__0"] = AllowedOrigin;
        settings["McpTasks__MaxUnfinishedTasksPerCaller"] = MaxUnfinished.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["McpTasks__MaxArgumentBytes"] = MaxArgumentBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["McpTasks__PollInterval"] = "00:00:02";
    });
}
