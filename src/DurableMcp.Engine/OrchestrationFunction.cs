using System.Text.Json;

namespace DurableMcp.Engine;

/// <summary>
/// The body of an orchestration. It receives the JSON input it was started with, and a scoped service
/// provider for this run; its JSON result becomes the instance output.
/// </summary>
public delegate Task<JsonElement?> OrchestrationFunction(IOrchestrationContext context, JsonElement? input, IServiceProvider services);

/// <summary>A named orchestration, registered in DI; the worker looks orchestrations up by name.</summary>
public sealed record OrchestrationRegistration(string Name, OrchestrationFunction Function);
