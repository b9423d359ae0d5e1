using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DurableMcp.Tasks.Durable;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Identity:Mode=Jwt in Production, against a token issuer on loopback: the OAuth protected-resource metadata MCP
/// clients discover, the 401 challenge that points to it, and tasks bound to the token's issuer and subject.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class JwtModeTests(AzuriteFixture azurite, JwtModeTests.Fixture fixture) : IClassFixture<JwtModeTests.Fixture>
{
    private const string Audience = "api://test";
    private const int InvalidParams = -32602;

    [Theory]
    [InlineData("/.well-known/oauth-protected-resource", "")]
    [InlineData("/.well-known/oauth-protected-resource/mcp", "/mcp")]
    public async Task ResourceMetadata_Get_NamesTheAuthorityAsAuthorizationServer(string path, string resourcePath)
    {
        var (server, idp) = await fixture.GetAsync(azurite);
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(server.BaseAddress, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var metadata = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(new[] { idp.Authority }, metadata["authorization_servers"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(new Uri(server.BaseAddress, resourcePath).ToString().TrimEnd('/'), metadata["resource"]!.GetValue<string>().TrimEnd('/'));
        Assert.Contains("header", metadata["bearer_methods_supported"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task Post_WithoutToken_Http401WithResourceMetadataThatNamesTheAuthority()
    {
        var (server, idp) = await fixture.GetAsync(azurite);
        using var client = server.CreateClient();

        var response = await client.DiscoverAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.GetValueOrDefault("WWW-Authenticate") ?? "";
        Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
        var match = ResourceMetadataParameter().Match(challenge);
        Assert.True(match.Success, $"No resource_metadata in WWW-Authenticate: '{challenge}'");
        var metadataUri = new Uri(match.Groups[1].Value);
        Assert.Equal(server.BaseAddress.Authority, metadataUri.Authority);

        using var http = new HttpClient();
        var metadata = JsonNode.Parse(await http.GetStringAsync(metadataUri))!;
        Assert.Contains(idp.Authority, metadata["authorization_servers"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Theory]
    [InlineData("wrong-audience")]
    [InlineData("unpublished-key")]
    [InlineData("expired")]
    [InlineData("not-a-jwt")]
    [InlineData("no-subject")]
    public async Task Post_WithUnacceptableToken_Http401(string kind)
    {
        var (server, idp) = await fixture.GetAsync(azurite);
        var token = kind switch
        {
            "wrong-audience" => idp.CreateToken("alice", "api://someone-else"),
            "unpublished-key" => idp.CreateToken("alice", Audience, signedWithUnpublishedKey: true),
            "expired" => idp.CreateToken("alice", Audience, lifetime: TimeSpan.FromMinutes(-10)),
            "no-subject" => idp.CreateToken(subject: null, Audience),
            _ => "not-a-jwt",
        };
        using var client = server.CreateClient(token);

        var response = await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("resource_metadata=", response.Headers.GetValueOrDefault("WWW-Authenticate") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_CreatedWithAToken_SeenByItsSubjectOnlyAndCompletes()
    {
        var (server, idp) = await fixture.GetAsync(azurite);
        using var alice = server.CreateClient(idp.CreateToken("alice", Audience));
        using var bob = server.CreateClient(idp.CreateToken("bob", Audience));
        using var aliceAgain = server.CreateClient(idp.CreateToken("alice", Audience));

        var taskId = Callers.TaskId(await alice.CallToolAsync("run_steps", new JsonObject { ["steps"] = 2 }, withTasks: true));
        var unknownId = TaskIds.New();

        Assert.Equal(Callers.ErrorShape(await bob.GetTaskAsync(unknownId), unknownId), Callers.ErrorShape(await bob.GetTaskAsync(taskId), taskId));
        Assert.Equal(InvalidParams, (await bob.CancelTaskAsync(taskId)).RequireErrorCode());

        // Another token for the same issuer and subject is the same caller.
        var done = await aliceAgain.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("Completed 2 steps.", TaskAssert.Text(done["result"]!));
    }

    [GeneratedRegex("resource_metadata=\"([^\"]+)\"")]
    private static partial Regex ResourceMetadataParameter();

    /// <summary>The token issuer and one Jwt-mode server (Production) trusting it, for the whole class.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private readonly Lock _lock = new();
        private Task<(ServerProcess, FakeIdentityProvider)>? _start;

        internal Task<(ServerProcess Server, FakeIdentityProvider Idp)> GetAsync(AzuriteFixture azurite)
        {
            lock (_lock)
            {
                return _start ??= StartAsync(azurite);
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_start is { IsCompletedSuccessfully: true })
            {
                var (server, idp) = _start.Result;
                await server.DisposeAsync();
                await idp.DisposeAsync();
            }
        }

        private static async Task<(ServerProcess, FakeIdentityProvider)> StartAsync(AzuriteFixture azurite)
        {
            var idp = await FakeIdentityProvider.StartAsync();
            try
            {
                var settings = ServerSettings.Anonymous(azurite, TaskHubs.New("jwt"));
                settings["ASPNETCORE_ENVIRONMENT"] = "Production";
                settings["Identity__Mode"] = "Jwt";
                settings["Identity__Authority"] = idp.Authority;
                settings["Identity__Audience"] = Audience;
                return (await ServerProcess.StartAsync("jwt", settings), idp);
            }
            catch
            {
                await idp.DisposeAsync();
                throw;
            }
        }
    }
}
