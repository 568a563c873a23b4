namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// Reads text as it is, except that each line keeps at most <paramref name="lineLength"/> characters: the rest of a
/// longer line is read past and dropped, never held. A 25 MB attachment with no line break must not become a
/// 25-million-character string in a line reader or a .csv parser. The inner reader is left open.
/// </summary>
internal sealed class CappedLines(TextReader inner, int lineLength) : TextReader
{
    private readonly char[] _buffer = new char[4096];
    private int _length;
    private int _position;
    private int _column;

    public override int Peek() => Fill() ? _buffer[_position] : -1;

    public override int Read()
    {
        if (!Fill())
        {
            return -1;
        }
        var c = _buffer[_position++];
        _column = c is '\n' or '\r' ? 0 : _column + 1;
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && Fill())
        {
            buffer[written++] = (char)Read();
        }
        return written;
    }

    /// <summary>True with the next character to keep at <c>_position</c>; false at the end of the text.</summary>
    private bool Fill()
    {
        while (true)
        {
            if (_position == _length)
            {
                (_length, _position) = (inner.Read(_buffer, 0, _buffer.Length), 0);
                if (_length == 0)
                {
                    return false;
                }
            }
            if (_column < lineLength || _buffer[_position] is '\n' or '\r')
            {
                return true;
            }
            _position++;
        }
    }
}
