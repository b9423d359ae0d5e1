using System.Buffers;
using System.Text;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// Reads records from a UTF-8 stream without holding more than one record and a 64 KiB buffer: CSV records (RFC 4180:
/// comma-separated, fields optionally in double quotes with <c>""</c> for a quote, line breaks inside quotes, CRLF or
/// LF) or lines (JSON Lines). Works on bytes, so it knows the exact byte offset where each record ends: the planner
/// records those offsets, and a chunk is read from one of them with a ranged download. Blank lines are not records.
/// </summary>
internal sealed class DelimitedRecordReader(Stream stream, bool skipBom = false)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> _field = new();
    private int _position;
    private int _length;
    private bool _end;
    private bool _bomChecked = !skipBom;

    /// <summary>Bytes of the stream consumed so far: the offset just after the last record read.</summary>
    public long Offset { get; private set; }

    /// <summary>
    /// The next CSV record's fields (null at the end), or, with <paramref name="decode"/> false, an empty list (only the
    /// boundary is wanted); and why the record is damaged (an unterminated quote), or null.
    /// </summary>
    public async ValueTask<(List<string>? Fields, string? Malformed)> ReadCsvAsync(bool decode = true, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var fields = new List<string>();
            var inQuotes = false;
            var quoted = false;      // the current field started with a quote
            var quoteInQuotes = false; // just saw a quote inside a quoted field: a doubled quote or the closing one
            var any = false;          // anything but a line break seen in this record
            _field.ResetWrittenCount();
            while (true)
            {
                if (_position == _length && !await FillAsync(cancellationToken))
                {
                    if (!any)
                    {
                        return (null, null);
                    }

                    EndField(fields, decode, quoted);
                    return (fields, inQuotes && !quoteInQuotes ? "a quoted field is not closed before the end of the data" : null);
                }

                var b = _buffer[_position++];
                Offset++;
                if (inQuotes)
                {
                    if (quoteInQuotes)
                    {
                        quoteInQuotes = false;
                        if (b == (byte)'"')
                        {
                            Append(b, decode);
                            continue;
                        }

                        inQuotes = false; // the quote closed the field; this byte is handled below
                    }
                    else if (b == (byte)'"')
                    {
                        quoteInQuotes = true;
                        continue;
                    }
                    else
                    {
                        Append(b, decode);
                        continue;
                    }
                }

                switch (b)
                {
                    case (byte)',':
                        any = true;
                        EndField(fields, decode, quoted);
                        quoted = false;
                        break;
                    case (byte)'\n':
                        if (!any && (_field.WrittenCount == 0 || _field.WrittenSpan[0] == (byte)'\r'))
                        {
                            goto nextRecord; // a blank line
                        }

                        EndField(fields, decode, quoted);
                        return (fields, null);
                    case (byte)'"' when _field.WrittenCount == 0 && !quoted:
                        any = true;
                        inQuotes = quoted = true;
                        break;
                    case (byte)'\r' when quoted:
                        break; // CRLF after a closing quote
                    default:
                        if (b != (byte)'\r' || _field.WrittenCount > 0)
                        {
                            any = true;
                        }

                        Append(b, decode);
                        break;
                }
            }

        nextRecord:;
        }
    }

    /// <summary>The next non-blank line (without its LF or CRLF), null at the end.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        _field.ResetWrittenCount();
        while (true)
        {
            if (_position == _length && !await FillAsync(cancellationToken))
            {
                return IsBlank(_field.WrittenSpan) ? null : Line(_field.WrittenSpan);
            }

            var available = _buffer.AsSpan(_position, _length - _position);
            var newline = available.IndexOf((byte)'\n');
            var take = newline < 0 ? available.Length : newline + 1;
            _position += take;
            Offset += take;
            if (newline < 0)
            {
                _field.Write(available);
                continue;
            }

            _field.Write(available[..newline]);
            if (!IsBlank(_field.WrittenSpan))
            {
                return Line(_field.WrittenSpan);
            }

            _field.ResetWrittenCount();
        }
    }

    private static string Line(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line[^1] == (byte)'\r' ? line[..^1] : line);

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0;

    private void Append(byte b, bool decode)
    {
        // Not decoding, only the fact that a field has content matters (a blank line is told apart by it).
        if (decode || _field.WrittenCount == 0)
        {
            _field.GetSpan(1)[0] = b;
            _field.Advance(1);
        }
    }

    private void EndField(List<string> fields, bool decode, bool quoted)
    {
        if (decode)
        {
            var span = _field.WrittenSpan;
            if (!quoted && span.Length > 0 && span[^1] == (byte)'\r')
            {
                span = span[..^1]; // CRLF
            }

            fields.Add(Encoding.UTF8.GetString(span));
        }

        _field.ResetWrittenCount();
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_end)
        {
            return false;
        }

        _length = await stream.ReadAsync(_buffer, cancellationToken);
        _position = 0;
        _end = _length == 0;
        if (!_bomChecked && _length > 0)
        {
            _bomChecked = true;
            if (_length >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _position = 3;
                Offset += 3;
            }
        }

        return !_end;
    }
}
