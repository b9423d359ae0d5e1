using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ModelContextProtocol;

namespace DurableMcp.Conformance;

/// <summary>
/// Seals the <c>requestState</c> of the MRTR fixtures: authenticated encryption (ASP.NET Core Data Protection), bound to
/// the tool that issued it, valid for ten minutes. A state that was altered, issued by another tool or expired is refused
/// with -32602, never trusted. The key lives in this process only (an ephemeral provider): these fixtures run against one
/// instance, and a state from an earlier process is refused like any other unreadable one.
/// </summary>
internal sealed class RequestStateProtector(TimeProvider timeProvider)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ITimeLimitedDataProtector _protector = new EphemeralDataProtectionProvider()
        .CreateProtector("DurableMcp.Conformance.RequestState.v1")
        .ToTimeLimitedDataProtector();

    public string Seal(string tool, RequestStateData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var json = JsonSerializer.Serialize(data, ConformanceJsonContext.Default.RequestStateData);
        return _protector.CreateProtector(tool).Protect(json, timeProvider.GetUtcNow() + Lifetime);
    }

    /// <summary>The state the tool issued, or -32602 when <paramref name="requestState"/> is missing, altered, foreign or expired.</summary>
    public RequestStateData Open(string tool, string? requestState)
    {
        if (string.IsNullOrEmpty(requestState))
        {
            throw new McpProtocolException($"'{tool}' expects the requestState of its previous answer on this retry; call it again without inputResponses to start over.", McpErrorCode.InvalidParams);
        }

        try
        {
            var json = _protector.CreateProtector(tool).Unprotect(requestState, out var expiration);
            if (expiration < timeProvider.GetUtcNow())
            {
                throw new CryptographicException("The request state has expired.");
            }

            return JsonSerializer.Deserialize(json, ConformanceJsonContext.Default.RequestStateData)
                ?? throw new CryptographicException("The request state is empty.");
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            throw new McpProtocolException(
                $"requestState failed its integrity check (altered, expired, or issued by another tool or server process); call '{tool}' again without it.",
                McpErrorCode.InvalidParams);
        }
    }
}
