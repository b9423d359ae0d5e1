using System.Text.Json;

namespace DurableMcp.Tasks.Elicitation;

/// <summary>The answer to a question asked with <see cref="OrchestrationElicitationExtensions.ElicitAsync(Microsoft.DurableTask.TaskOrchestrationContext, string, ModelContextProtocol.Protocol.ElicitRequestParams.RequestSchema, TimeSpan?)"/>.</summary>
/// <param name="Action">What happened.</param>
/// <param name="Content">The submitted values, when <see cref="ElicitationAction.Accept"/>.</param>
public sealed record ElicitationOutcome(ElicitationAction Action, IReadOnlyDictionary<string, JsonElement>? Content);

/// <summary>The answer to a typed question.</summary>
/// <param name="Action">What happened.</param>
/// <param name="Content">The submitted form, when <see cref="ElicitationAction.Accept"/>.</param>
public sealed record ElicitationOutcome<T>(ElicitationAction Action, T? Content);
