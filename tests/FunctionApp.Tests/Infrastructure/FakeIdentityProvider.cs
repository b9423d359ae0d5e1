using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// A token issuer on loopback for Jwt-mode tests: serves OpenID Connect discovery and a JWKS with one RSA key under
/// <see cref="Authority"/>, and mints RS256 tokens signed with it (or with a key it does not publish).
/// </summary>
internal sealed class FakeIdentityProvider : IAsyncDisposable
{
    private const string KeyId = "test-key";
    private readonly WebApplication _app;
    private readonly RSA _key;

    private FakeIdentityProvider(WebApplication app, RSA key, string authority)
    {
        _app = app;
        _key = key;
        Authority = authority;
    }

    /// <summary>The issuer: <c>http://127.0.0.1:{port}/issuer</c>.</summary>
    public string Authority { get; }

    public static async Task<FakeIdentityProvider> StartAsync(CancellationToken cancellationToken = default)
    {
        var key = RSA.Create(2048);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        string Issuer(HttpContext context) => $"http://{context.Request.Host}/issuer";
        app.MapGet("/issuer/.well-known/openid-configuration", (HttpContext context) => Results.Text(
            new JsonObject
            {
                ["issuer"] = Issuer(context),
                ["jwks_uri"] = Issuer(context) + "/jwks",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["response_types_supported"] = new JsonArray("code"),
                ["subject_types_supported"] = new JsonArray("public"),
            }.ToJsonString(),
            "application/json"));
        var parameters = key.ExportParameters(includePrivateParameters: false);
        app.MapGet("/issuer/jwks", () => Results.Text(
            new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = "RS256",
                    ["kid"] = KeyId,
                    ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                    ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                }),
            }.ToJsonString(),
            "application/json"));
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new FakeIdentityProvider(app, key, address.TrimEnd('/') + "/issuer");
        }
        catch
        {
            await app.DisposeAsync();
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A signed access token for <paramref name="subject"/> (none: a token without a <c>sub</c> claim);
    /// <paramref name="signedWithUnpublishedKey"/> forges one.
    /// </summary>
    public string CreateToken(string? subject, string audience, TimeSpan? lifetime = null, bool signedWithUnpublishedKey = false)
    {
        var now = DateTimeOffset.UtcNow;
        var expires = now.Add(lifetime ?? TimeSpan.FromMinutes(10));
        var notBefore = (expires < now ? expires : now).AddMinutes(-1);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = KeyId };
        var payload = new JsonObject
        {
            ["iss"] = Authority,
            ["aud"] = audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = notBefore.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        if (subject is not null)
        {
            payload["sub"] = subject;
        }

        var signingInput = Encode(header) + "." + Encode(payload);
        using var forged = signedWithUnpublishedKey ? RSA.Create(2048) : null;
        var signature = (forged ?? _key).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
