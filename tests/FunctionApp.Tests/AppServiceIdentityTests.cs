using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Identity:Mode=AppService in Production: the caller is the principal the platform forwards in
/// <c>X-MS-CLIENT-PRINCIPAL</c>, and a task belongs to that principal's issuer and subject.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AppServiceIdentityTests(AzuriteFixture azurite, ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    private const string Issuer = "https://login.example.com/tenant-1/v2.0";
    private const int InvalidParams = -32602;

    [Fact]
    public async Task Task_OfOnePrincipal_ReadableByItOnly()
    {
        var process = await ServerAsync();
        using var owner = Client(process, Callers.AppServicePrincipal(Issuer, "user-1"));
        using var ownerAgain = Client(process, Callers.AppServicePrincipal(Issuer, "user-1", provider: "other-provider-name"));
        using var otherSubject = Client(process, Callers.AppServicePrincipal(Issuer, "user-2"));
        using var otherIssuer = Client(process, Callers.AppServicePrincipal("https://login.example.com/tenant-2/v2.0", "user-1"));

        var taskId = Callers.TaskId(await owner.CallToolAsync("run_steps", new JsonObject { ["steps"] = 2 }, withTasks: true));
        var done = await owner.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("Completed 2 steps.", TaskAssert.Text(done["result"]!));
        Assert.Equal(taskId, (await ownerAgain.GetTaskAsync(taskId)).RequireResult()["taskId"]?.GetValue<string>());
        var unknownId = TaskIds.New();
        foreach (var stranger in new[] { otherSubject, otherIssuer })
        {
            Assert.Equal(Callers.ErrorShape(await stranger.GetTaskAsync(unknownId), unknownId), Callers.ErrorShape(await stranger.GetTaskAsync(taskId), taskId));
            Assert.Equal(InvalidParams, (await stranger.CancelTaskAsync(taskId)).RequireErrorCode());
        }

        Assert.Equal("completed", TaskAssert.Status((await owner.GetTaskAsync(taskId)).RequireResult()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not base64!")]
    [InlineData("eyJub3QiOiJjbGFpbXMifQ==")] // {"not":"claims"}
    public async Task Request_WithoutAReadablePrincipal_Http401(string? principal)
    {
        var process = await ServerAsync();
        using var client = Client(process, principal);

        var response = await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Result);
    }

    [Fact]
    public async Task Request_PrincipalWithoutSubject_Http401()
    {
        var process = await ServerAsync();
        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["claims"] = new JsonArray(new JsonObject { ["typ"] = "iss", ["val"] = Issuer }, new JsonObject { ["typ"] = "name", ["val"] = "No Subject" }),
        };
        using var client = Client(process, Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString())));

        var response = await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true);

        // A caller no task could be bound to is not authenticated at all.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Result);
    }

    private static McpHttpClient Client(ServerProcess process, string? principal)
    {
        var client = process.CreateClient();
        if (principal is not null)
        {
            client.DefaultHeaders[PrincipalHeader] = principal;
        }

        return client;
    }

    private Task<ServerProcess> ServerAsync() => server.GetAsync(azurite, "appservice", settings =>
    {
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["Identity__Mode"] = "AppService";
    });
}
