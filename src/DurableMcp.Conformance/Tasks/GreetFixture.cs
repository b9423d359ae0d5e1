using System.ComponentModel;
using ModelContextProtocol.Server;

namespace DurableMcp.Conformance;

/// <summary>The synchronous tool of the <c>tasks-*</c> scenarios: never a task, whatever the client declares or sends.</summary>
internal static class GreetFixture
{
    [McpServerTool(Name = "greet", Title = "Greet")]
    [Description("Returns 'Hello, {name}!' at once (conformance fixture; never runs as a task).")]
    public static string Greet([Description("Who to greet.")] string name) => $"Hello, {name}!";
}
