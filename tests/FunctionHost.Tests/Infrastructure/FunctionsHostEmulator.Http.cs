using System.Net;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>The HTTP front end: requests on an HTTP function's route go to the handler unchanged; others get 404.</summary>
internal sealed partial class FunctionsHostEmulator
{
    /// <summary>Use as the handler of an <see cref="HttpClient"/>: it plays the Function app's public endpoint.</summary>
    public HttpMessageHandler FrontEnd { get; }

    private sealed class FrontEndHandler(FunctionsHostEmulator host) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _toHandler = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath.Trim('/');
            var function = host.Files.FunctionsTriggeredBy("httpTrigger").FirstOrDefault(f => RouteOf(f) == path && AllowsMethod(f, request.Method));
            if (function is null)
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
            }

            // enableProxyingHttpRequest: the original request (method, path and query, headers, body) goes to the handler.
            using var forwarded = new HttpRequestMessage(request.Method, host.HandlerUri(request.RequestUri.PathAndQuery)) { Content = request.Content };
            foreach (var header in request.Headers)
            {
                forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            AddInvocationHeaders(forwarded);
            return await _toHandler.SendAsync(forwarded, cancellationToken);
        }

        private string RouteOf(string function)
        {
            var route = host.Files.Trigger(function)["route"]?.GetValue<string>() ?? function;
            return string.Join('/', new[] { host.Files.RoutePrefix, route }.Where(p => p.Length > 0)).Trim('/');
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
