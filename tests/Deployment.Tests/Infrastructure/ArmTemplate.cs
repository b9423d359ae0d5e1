using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DurableMcp.Deployment.Tests.Infrastructure;

/// <summary>
/// Reads the ARM JSON that <c>bicep build</c> compiles main.bicep to: its resources (each module is a nested
/// deployment with its own template) and the way a module's parameters are bound in the parent.
/// </summary>
internal sealed partial class ArmTemplate(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["parameters"]!.AsObject();

    public JsonObject Variables => Root["variables"]!.AsObject();

    public JsonObject Outputs => Root["outputs"]!.AsObject();

    /// <summary>Every resource of <paramref name="type"/> the template and the templates of its modules deploy (not those they only reference as existing).</summary>
    public List<JsonObject> Resources(string type) =>
        [.. Enumerate(Root["resources"]).Concat(Modules().SelectMany(m => Enumerate(m.Template["resources"]))).Where(r => Is(r, type))];

    /// <summary>The module (nested deployment) whose template holds a resource of <paramref name="type"/>; one only.</summary>
    public Module ModuleHolding(string type) => Modules().Single(m => Enumerate(m.Template["resources"]).Any(r => Is(r, type)));

    /// <summary>The modules the root template deploys.</summary>
    public IEnumerable<Module> Modules() =>
        Enumerate(Root["resources"]).Where(r => Is(r, "Microsoft.Resources/deployments")).Select(r => new Module(r));

    /// <summary>The name of a root-template parameter an expression is exactly, as in <c>[parameters('x')]</c>; else null.</summary>
    public static string? ParameterName(JsonNode? expression) =>
        expression is JsonValue value && value.TryGetValue<string>(out var text) && ParameterExpression().Match(text) is { Success: true } match
            ? match.Groups[1].Value
            : null;

    private static bool Is(JsonObject resource, string type) =>
        resource["type"]?.GetValue<string>() == type && resource["existing"]?.GetValue<bool>() != true;

    // Resources are an array, or (with symbolic names, language version 2.0) an object by symbolic name.
    private static IEnumerable<JsonObject> Enumerate(JsonNode? resources) => resources switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(r => r.Value).OfType<JsonObject>(),
        _ => [],
    };

    [GeneratedRegex(@"^\[parameters\('([^']+)'\)\]$")]
    private static partial Regex ParameterExpression();

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();

    /// <summary>A module: the deployment resource in the parent, and its own template.</summary>
    public sealed class Module(JsonObject deployment)
    {
        public JsonObject Deployment { get; } = deployment;

        public string Name => Deployment["name"]!.GetValue<string>();

        public JsonObject Template => Deployment["properties"]!["template"]!.AsObject();

        public List<JsonObject> Resources(string type) => [.. Enumerate(Template["resources"]).Where(r => Is(r, type))];

        /// <summary>What the parent passes for the module's parameter <paramref name="name"/> (a value or an expression).</summary>
        public JsonNode? Argument(string name) => Deployment["properties"]!["parameters"]?[name]?["value"];

        /// <summary>
        /// What the parent passes for the module parameter that <paramref name="expression"/> (inside the module) is
        /// exactly, as in <c>[parameters('x')]</c>; null when the expression is anything else.
        /// </summary>
        public JsonNode? ArgumentBehind(JsonNode? expression) => ParameterName(expression) is { } parameter ? Argument(parameter) : null;

        /// <summary>The text of an expression with each of the module's <c>variables('x')</c> replaced by its value.</summary>
        public string WithVariablesInlined(string expression) =>
            VariableReference().Replace(expression, m => Template["variables"]?[m.Groups[1].Value]?.ToJsonString() ?? m.Value);
    }
}
