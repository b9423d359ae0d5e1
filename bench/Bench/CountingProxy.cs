using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace DurableMcp.Bench;

/// <summary>
/// A loopback TCP relay in front of one Azurite port. Bytes pass both ways unchanged (Nagle off on both legs, so no
/// delay is added beyond the extra hop); the client-to-Azurite stream is scanned for HTTP/1.1 request heads and each
/// request is counted by kind. The Azure SDK clients inside DurableTask.AzureStorage cannot be hooked from outside the
/// process; this sees every request they send, retries included.
/// </summary>
internal sealed class CountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly string _service;
    private readonly string? _hubName;
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _relays = new();
    private readonly Task _acceptLoop;

    public CountingProxy(string service, int upstreamPort, string? hubName, ConcurrentDictionary<string, StrongBox<long>> counts)
    {
        _service = service;
        _upstreamPort = upstreamPort;
        _hubName = hubName;
        _counts = counts;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The loopback port clients connect to instead of Azurite's.</summary>
    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        await Task.WhenAll(_relays.Keys);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var relay = RelayAsync(client);
            _relays.TryAdd(relay, 0);
            _ = relay.ContinueWith(t => _relays.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using (client)
        {
            client.NoDelay = true;
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                var scanner = new HttpRequestScanner((method, target) => Count(StorageRequestKind.Of(_service, method, target, _hubName)));
                await Task.WhenAll(PumpAsync(client, upstream, scanner), PumpAsync(upstream, client, null));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
            {
                // A connection reset or the proxy stopping: the client sees its connection drop, as it would with Azurite.
            }
        }
    }

    /// <summary>Copies one direction until it ends, then half-closes the other side so the peer sees the end too.</summary>
    private async Task PumpAsync(Socket from, Socket to, HttpRequestScanner? scanner)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                scanner?.Feed(buffer.AsSpan(0, read));
                for (var sent = 0; sent < read;)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException or InvalidDataException)
        {
            // Either side failing ends both directions.
            from.Close();
            to.Close();
        }
    }

    private void Count(string kind) => Interlocked.Increment(ref _counts.GetOrAdd(kind, static _ => new StrongBox<long>()).Value);
}
