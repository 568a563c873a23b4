namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>A forward-only, read-only stream: subclasses say how to read; everything else is refused.</summary>
internal abstract class ReadOnlyStream : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public abstract override ValueTask<int> ReadAsync(
        Memory<byte> buffer,
        CancellationToken cancellationToken = default
    );

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A read-only pass-through that counts bytes and keeps the first <c>capture</c> of them.</summary>
internal sealed class CountingStream(Stream inner, int capture = 0) : ReadOnlyStream
{
    private readonly MemoryStream _captured = new();

    public long BytesRead { get; private set; }

    /// <summary>The first bytes read, up to the capture size.</summary>
    public byte[] Captured => _captured.ToArray();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        Seen(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Seen(buffer.Span[..read]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _captured.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Seen(ReadOnlySpan<byte> read)
    {
        var room = capture - (int)Math.Min(capture, _captured.Length);
        if (room > 0)
        {
            _captured.Write(read[..Math.Min(room, read.Length)]);
        }
        BytesRead += read.Length;
        return read.Length;
    }
}

/// <summary>A read-only stream of bytes already read (<c>head</c>) followed by the rest of their source.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> head, Stream rest) : ReadOnlyStream
{
    private int _headRead;

    public override int Read(byte[] buffer, int offset, int count) =>
        _headRead < head.Length ? FromHead(buffer.AsSpan(offset, count)) : rest.Read(buffer, offset, count);

    public override async ValueTask<int> ReadAsync(
        Memory<byte> buffer,
        CancellationToken cancellationToken = default
    ) => _headRead < head.Length ? FromHead(buffer.Span) : await rest.ReadAsync(buffer, cancellationToken);

    private int FromHead(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, head.Length - _headRead);
        head.Span.Slice(_headRead, count).CopyTo(buffer);
        _headRead += count;
        return count;
    }
}

/// <summary>The request body, refusing to read past the email size limit.</summary>
internal sealed class LimitedStream(Stream inner, long limit) : ReadOnlyStream
{
    public long BytesRead { get; private set; }

    /// <summary>True once the body went past the limit: the read that crossed it threw.</summary>
    public bool Exceeded => BytesRead > limit;

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(
        Memory<byte> buffer,
        CancellationToken cancellationToken = default
    ) => Counted(await inner.ReadAsync(buffer, cancellationToken));

    private int Counted(int read)
    {
        BytesRead += read;
        return Exceeded ? throw new IOException($"The email is larger than the limit of {limit} bytes.") : read;
    }
}
