using System.Globalization;
using System.Text;

namespace DurableMcp.Bench;

/// <summary>
/// Finds the HTTP/1.1 requests in the bytes a client sends on one connection (keep-alive: many requests one after the
/// other), without changing or holding back any byte: the head is read up to its blank line, then the body is skipped by
/// <c>Content-Length</c> or by its chunks. Reports each request's method and target as soon as its head is complete.
/// </summary>
internal sealed class HttpRequestScanner(Action<string, string> onRequest)
{
    private const int MaxHeadBytes = 64 * 1024;
    private readonly List<byte> _line = [];
    private readonly List<byte> _head = [];
    private State _state = State.Head;
    private long _remaining;

    private enum State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkEnd,
        Trailer,
    }

    /// <summary>Takes the next bytes of the client-to-server stream, in order.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            switch (_state)
            {
                case State.Head:
                    bytes = ReadHead(bytes);
                    break;
                case State.Body:
                case State.ChunkData:
                    var skipped = (int)Math.Min(_remaining, bytes.Length);
                    bytes = bytes[skipped..];
                    _remaining -= skipped;
                    if (_remaining == 0)
                    {
                        _state = _state == State.Body ? State.Head : State.ChunkEnd;
                    }

                    break;
                case State.ChunkEnd:
                    // The CRLF after a chunk's data.
                    bytes = ReadLine(bytes, out var ended);
                    if (ended)
                    {
                        _line.Clear();
                        _state = State.ChunkSize;
                    }

                    break;
                case State.ChunkSize:
                    bytes = ReadLine(bytes, out var sizeRead);
                    if (sizeRead)
                    {
                        var text = Encoding.ASCII.GetString([.. _line]).Split(';')[0].Trim();
                        _line.Clear();
                        _remaining = long.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        _state = _remaining == 0 ? State.Trailer : State.ChunkData;
                    }

                    break;
                case State.Trailer:
                    bytes = ReadLine(bytes, out var trailerLine);
                    if (trailerLine)
                    {
                        // Trailer fields until an empty line ends the message.
                        _state = _line.Count == 0 ? State.Head : State.Trailer;
                        _line.Clear();
                    }

                    break;
            }
        }
    }

    private ReadOnlySpan<byte> ReadHead(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            _head.Add(bytes[i]);
            var n = _head.Count;
            if (n >= 4 && _head[n - 1] == '\n' && _head[n - 2] == '\r' && _head[n - 3] == '\n' && _head[n - 4] == '\r')
            {
                StartBody(Encoding.ASCII.GetString([.. _head]));
                _head.Clear();
                return bytes[(i + 1)..];
            }

            // Blank lines before a request line are allowed (RFC 9112 2.2).
            if (n == 2 && _head[0] == '\r' && _head[1] == '\n')
            {
                _head.Clear();
            }
        }

        if (_head.Count > MaxHeadBytes)
        {
            throw new InvalidDataException($"An HTTP request head longer than {MaxHeadBytes} bytes: not HTTP/1.1 as expected.");
        }

        return [];
    }

    private void StartBody(string head)
    {
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length < 3)
        {
            throw new InvalidDataException($"Not an HTTP request line: '{lines[0]}'.");
        }

        onRequest(requestLine[0], requestLine[1]);
        _remaining = 0;
        _state = State.Head;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                _state = State.ChunkSize;
                return;
            }

            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                _remaining = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        _state = _remaining > 0 ? State.Body : State.Head;
    }

    /// <summary>Collects bytes of the current line (without its CRLF) into <see cref="_line"/>; true once the line ended.</summary>
    private ReadOnlySpan<byte> ReadLine(ReadOnlySpan<byte> bytes, out bool ended)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                if (_line.Count > 0 && _line[^1] == '\r')
                {
                    _line.RemoveAt(_line.Count - 1);
                }

                ended = true;
                return bytes[(i + 1)..];
            }

            _line.Add(bytes[i]);
        }

        ended = false;
        return [];
    }
}
