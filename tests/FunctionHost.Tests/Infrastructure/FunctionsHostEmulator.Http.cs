using System.Net;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>
/// The HTTP front end: a request on an HTTP function's route (route prefix, literal segments, an optional trailing
/// <c>{*catchAll}</c>) with an allowed method is proxied to the handler as the host's YARP forwarder does it: same
/// method, path, query, headers and body; the original Host moved to <c>X-Forwarded-Host</c>, the scheme to
/// <c>X-Forwarded-Proto</c>, the client to <c>X-Forwarded-For</c>. Any other request gets 404 from the host.
/// </summary>
internal sealed partial class FunctionsHostEmulator
{
    /// <summary>Use as the handler of an <see cref="HttpClient"/>: it plays the Function app's public endpoint.</summary>
    public HttpMessageHandler FrontEnd { get; }

    private sealed class FrontEndHandler(FunctionsHostEmulator host) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _toHandler = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var function = host.Files.FunctionsTriggeredBy("httpTrigger").FirstOrDefault(f => Matches(RouteOf(f), uri.AbsolutePath) && AllowsMethod(f, request.Method));
            if (function is null)
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
            }

            using var forwarded = new HttpRequestMessage(request.Method, host.HandlerUri(uri.PathAndQuery)) { Content = request.Content };
            foreach (var header in request.Headers.Where(h => !string.Equals(h.Key, "Host", StringComparison.OrdinalIgnoreCase)))
            {
                forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            forwarded.Headers.TryAddWithoutValidation("X-Forwarded-Host", uri.Authority);
            forwarded.Headers.TryAddWithoutValidation("X-Forwarded-Proto", uri.Scheme);
            forwarded.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
            AddInvocationHeaders(forwarded);
            return await _toHandler.SendAsync(forwarded, cancellationToken);
        }

        private string RouteOf(string function) =>
            string.Join('/', new[] { host.Files.RoutePrefix, host.Files.Trigger(function)["route"]?.GetValue<string>() ?? function }.Where(p => p.Length > 0));

        private static bool Matches(string route, string path)
        {
            var template = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < template.Length; i++)
            {
                if (template[i].StartsWith("{*", StringComparison.Ordinal))
                {
                    return i == template.Length - 1; // A catch-all takes whatever is left, nothing included.
                }

                if (i >= segments.Length || !string.Equals(template[i], Uri.UnescapeDataString(segments[i]), StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return segments.Length == template.Length;
        }

        private bool AllowsMethod(string function, HttpMethod method) =>
            host.Files.Trigger(function)["methods"]?.AsArray().Any(m => string.Equals(m!.GetValue<string>(), method.Method, StringComparison.OrdinalIgnoreCase)) ?? true;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _toHandler.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
