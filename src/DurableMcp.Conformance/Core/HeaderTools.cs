using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Conformance;

/// <summary>
/// The <c>http-custom-header-server-validation</c> fixture (SEP-2243): its <c>region</c> parameter is mirrored in the
/// <c>Mcp-Param-Region</c> header (<c>x-mcp-header</c>), which the transport checks against the body before the tool runs.
/// </summary>
[McpServerToolType]
internal static class HeaderTools
{
    [McpServerTool(Name = "test_header_routing", ReadOnly = true), Description("Echoes a query routed by region; the region also travels in the Mcp-Param-Region header.")]
    public static CallToolResult Route(
        [McpHeader("Region"), Description("The region to route to (mirrored in Mcp-Param-Region).")] string region,
        [Description("The query to run there.")] string query) =>
        new() { Content = [ContentTools.Text($"Routed to {region}: {query}")] };
}
