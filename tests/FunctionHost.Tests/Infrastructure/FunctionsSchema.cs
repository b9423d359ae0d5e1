using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>
/// The documented rules for host.json (version 2) and function.json that matter to this app: required fields, value
/// types and ranges, binding types, directions and names. Each check returns the problems it finds, so a test reports
/// them all at once.
/// </summary>
internal static partial class FunctionsSchema
{
    private static readonly string[] HostProperties =
    [
        "version", "aggregator", "concurrency", "configurationProfile", "console", "customHandler", "extensions", "extensionBundle", "functions",
        "functionTimeout", "healthMonitor", "logging", "managedDependency", "retry", "singleton", "telemetryMode", "watchDirectories", "watchFiles",
    ];

    private static readonly string[] LogLevels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical", "None"];
    private static readonly string[] HttpMethods = ["get", "post", "put", "delete", "head", "patch", "options", "trace"];

    public static List<string> CheckHost(JsonObject host)
    {
        var problems = new List<string>();
        Require(problems, host["version"]?.GetValue<string>() == "2.0", "version must be \"2.0\"");
        problems.AddRange(host.Select(p => p.Key).Where(k => !HostProperties.Contains(k)).Select(k => $"unknown top-level property '{k}'"));
        if (host["functionTimeout"] is JsonNode timeout)
        {
            Require(problems, timeout.GetValue<string>() == "-1" || IsPositiveTimeSpan(timeout), "functionTimeout must be a positive hh:mm:ss timespan or -1");
        }

        foreach (var (category, level) in host["logging"]?["logLevel"]?.AsObject() ?? [])
        {
            Require(problems, LogLevels.Contains(level?.GetValue<string>()), $"logging.logLevel.{category} must be one of {string.Join(", ", LogLevels)}");
        }

        var bundle = host["extensionBundle"];
        Require(problems, bundle?["id"]?.GetValue<string>() == "Microsoft.Azure.Functions.ExtensionBundle", "extensionBundle.id must be Microsoft.Azure.Functions.ExtensionBundle");
        Require(problems, bundle?["version"]?.GetValue<string>() is { } range && BundleRange().IsMatch(range), "extensionBundle.version must be a version range such as [4.*, 5.0.0)");

        if (host["customHandler"] is not JsonObject handler)
        {
            problems.Add("customHandler is required for a custom handler app");
        }
        else
        {
            var description = handler["description"];
            Require(problems, description?["defaultExecutablePath"]?.GetValue<string>() is { Length: > 0 }, "customHandler.description.defaultExecutablePath is required");
            Require(problems, description?["workingDirectory"] is null or JsonValue, "customHandler.description.workingDirectory must be a string");
            Require(problems, description?["arguments"] is null || (description["arguments"] is JsonArray a && a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.String)),
                "customHandler.description.arguments must be an array of strings");
            foreach (var flag in new[] { "enableForwardingHttpRequest", "enableProxyingHttpRequest" })
            {
                Require(problems, handler[flag] is null || handler[flag]!.GetValueKind() is JsonValueKind.True or JsonValueKind.False, $"customHandler.{flag} must be a boolean");
            }
        }

        Require(problems, host["extensions"]?["http"]?["routePrefix"] is null or JsonValue, "extensions.http.routePrefix must be a string");
        if (host["extensions"]?["queues"] is JsonObject queues)
        {
            CheckRange(problems, queues, "batchSize", 1, 32);
            CheckRange(problems, queues, "maxDequeueCount", 1, int.MaxValue);
            CheckRange(problems, queues, "newBatchThreshold", 0, int.MaxValue);
            Require(problems, queues["visibilityTimeout"] is null || IsTimeSpan(queues["visibilityTimeout"]!, TimeSpan.Zero), "extensions.queues.visibilityTimeout must be a timespan");
            Require(problems, queues["maxPollingInterval"] is null || IsTimeSpan(queues["maxPollingInterval"]!, TimeSpan.FromMilliseconds(100)), "extensions.queues.maxPollingInterval must be a timespan of at least 100 ms");
            Require(problems, queues["messageEncoding"]?.GetValue<string>() is null or "base64" or "none", "extensions.queues.messageEncoding must be base64 or none");
        }

        return problems;
    }

    public static List<string> CheckFunction(string name, JsonObject function)
    {
        var problems = new List<string>();
        Require(problems, FunctionName().IsMatch(name), $"'{name}' is not a valid function name");
        if (function["bindings"] is not JsonArray { Count: > 0 } bindings)
        {
            problems.Add("bindings must be a non-empty array");
            return problems;
        }

        var objects = bindings.OfType<JsonObject>().ToList();
        Require(problems, objects.Count == bindings.Count, "every binding must be an object");
        foreach (var binding in objects)
        {
            var type = binding["type"]?.GetValue<string>();
            var bindingName = binding["name"]?.GetValue<string>();
            Require(problems, type is { Length: > 0 }, "every binding needs a type");
            Require(problems, binding["direction"]?.GetValue<string>() is "in" or "out" or "inout", $"binding '{bindingName}': direction must be in, out or inout");
            Require(problems, bindingName is not null && BindingName().IsMatch(bindingName), $"binding of type '{type}': name '{bindingName}' is not a valid binding name");
            problems.AddRange(CheckBinding(type, binding));
        }

        var triggers = objects.Where(b => b["type"]?.GetValue<string>()?.EndsWith("Trigger", StringComparison.Ordinal) == true).ToList();
        Require(problems, triggers.Count == 1, "a function has exactly one trigger");
        Require(problems, triggers.All(t => t["direction"]?.GetValue<string>() == "in"), "a trigger's direction is in");
        Require(problems, objects.Select(b => b["name"]?.GetValue<string>()).Distinct().Count() == objects.Count, "binding names are unique");
        return problems;
    }

    private static IEnumerable<string> CheckBinding(string? type, JsonObject binding)
    {
        var problems = new List<string>();
        switch (type)
        {
            case "httpTrigger":
                Require(problems, binding["authLevel"]?.GetValue<string>() is "anonymous" or "function" or "admin", "httpTrigger: authLevel must be anonymous, function or admin");
                Require(problems, binding["methods"] is null || binding["methods"]!.AsArray().All(m => HttpMethods.Contains(m!.GetValue<string>())), "httpTrigger: methods must be HTTP methods in lower case");
                Require(problems, binding["route"]?.GetValue<string>() is null or { Length: > 0 } and not ['/', ..], "httpTrigger: route must not be empty or start with '/'");
                break;
            case "http":
                Require(problems, binding["direction"]?.GetValue<string>() == "out", "http: the HTTP output binding's direction is out");
                break;
            case "queueTrigger":
                Require(problems, binding["queueName"]?.GetValue<string>() is { } queue && (QueueName().IsMatch(queue) || AppSettingExpression().IsMatch(queue)),
                    "queueTrigger: queueName must be a valid queue name (3-63 lower-case letters, digits, single hyphens) or %setting%");
                Require(problems, binding["connection"] is null || binding["connection"]!.GetValue<string>().Length > 0, "queueTrigger: connection must name a setting");
                break;
            case "timerTrigger":
                Require(problems, binding["schedule"]?.GetValue<string>() is { } schedule && (IsNcrontab(schedule) || AppSettingExpression().IsMatch(schedule)),
                    "timerTrigger: schedule must be a six-field NCRONTAB expression or %setting%");
                foreach (var flag in new[] { "runOnStartup", "useMonitor" })
                {
                    Require(problems, binding[flag] is null || binding[flag]!.GetValueKind() is JsonValueKind.True or JsonValueKind.False, $"timerTrigger: {flag} must be a boolean");
                }

                break;
            default:
                problems.Add($"binding type '{type}' is not one this app uses (httpTrigger, http, queueTrigger, timerTrigger)");
                break;
        }

        return problems;
    }

    /// <summary>A six-field NCRONTAB expression (second minute hour day month day-of-week).</summary>
    public static bool IsNcrontab(string schedule)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 6 && fields.All(f => CronField().IsMatch(f));
    }

    /// <summary>The period of a schedule of the form <c>S */N * * * *</c> (every N minutes), else null.</summary>
    public static TimeSpan? EveryNMinutes(string schedule)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 6 && int.TryParse(fields[0], CultureInfo.InvariantCulture, out _) && fields[1].StartsWith("*/", StringComparison.Ordinal)
            && fields.Skip(2).All(f => f == "*") && int.TryParse(fields[1][2..], CultureInfo.InvariantCulture, out var minutes)
                ? TimeSpan.FromMinutes(minutes)
                : null;
    }

    private static void Require(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    private static void CheckRange(List<string> problems, JsonObject section, string property, int min, int max) =>
        Require(problems, section[property] is null || (section[property]!.GetValueKind() == JsonValueKind.Number && section[property]!.GetValue<int>() is var v && v >= min && v <= max),
            $"extensions.queues.{property} must be an integer from {min} to {max}");

    private static bool IsTimeSpan(JsonNode node, TimeSpan atLeast) =>
        node.GetValueKind() == JsonValueKind.String && TimeSpan.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, out var value) && value >= atLeast;

    private static bool IsPositiveTimeSpan(JsonNode node) => IsTimeSpan(node, TimeSpan.FromTicks(1));

    [GeneratedRegex(@"^\[\d+\.\*, *\d+\.\d+\.\d+\)$")]
    private static partial Regex BundleRange();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_-]{0,127}$")]
    private static partial Regex FunctionName();

    [GeneratedRegex(@"^([a-zA-Z_][a-zA-Z0-9_]*|\$return)$")]
    private static partial Regex BindingName();

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex QueueName();

    [GeneratedRegex("^%[^%]+%$")]
    private static partial Regex AppSettingExpression();

    [GeneratedRegex(@"^(\*|\d+(-\d+)?(,\d+(-\d+)?)*)(/\d+)?$")]
    private static partial Regex CronField();
}
