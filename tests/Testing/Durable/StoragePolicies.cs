using Azure.Core;
using Azure.Core.Pipeline;

namespace Pathfinder.Testing.Durable;

/// <summary>The kinds of Table Storage request the runtime makes.</summary>
public enum StorageRequestKind
{
    Read,
    SingleWrite,
    Batch,
}

/// <summary>Counts every storage request by kind, as it goes out.</summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _reads;
    private long _singleWrites;
    private long _batches;

    public long Reads => Interlocked.Read(ref _reads);

    public long SingleWrites => Interlocked.Read(ref _singleWrites);

    public long Batches => Interlocked.Read(ref _batches);

    public long Writes => SingleWrites + Batches;

    public long Total => Reads + SingleWrites + Batches;

    public static StorageRequestKind Classify(Request request) =>
        request.Method == RequestMethod.Get ? StorageRequestKind.Read
        : request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) ? StorageRequestKind.Batch
        : StorageRequestKind.SingleWrite;

    public override void OnSendingRequest(HttpMessage message)
    {
        switch (Classify(message.Request))
        {
            case StorageRequestKind.Read:
                Interlocked.Increment(ref _reads);
                break;
            case StorageRequestKind.Batch:
                Interlocked.Increment(ref _batches);
                break;
            default:
                Interlocked.Increment(ref _singleWrites);
                break;
        }
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _reads, 0);
        Interlocked.Exchange(ref _singleWrites, 0);
        Interlocked.Exchange(ref _batches, 0);
    }
}

/// <summary>The simulated process died at a storage write.</summary>
public sealed class SimulatedCrashException(string message) : Exception(message);

/// <summary>
/// Kills the "process" at its Nth storage write: either before the request reaches storage or after
/// storage applied it but before the answer arrives. Every request after that fails too: a dead
/// process does nothing more.
/// </summary>
public sealed class CrashAtWritePolicy(int crashAtWrite, bool afterWriteApplied) : HttpPipelinePolicy
{
    private int _writes;
    private volatile bool _dead;

    public bool Crashed => _dead;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The runtime only makes asynchronous storage calls.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (_dead)
        {
            throw new SimulatedCrashException("The process is dead.");
        }
        var isWrite = StorageRequestCounter.Classify(message.Request) != StorageRequestKind.Read;
        if (!isWrite || Interlocked.Increment(ref _writes) != crashAtWrite)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }
        _dead = true;
        if (afterWriteApplied)
        {
            await ProcessNextAsync(message, pipeline);
        }
        throw new SimulatedCrashException($"Crashed at write {crashAtWrite} ({(afterWriteApplied ? "after" : "before")} it reached storage).");
    }
}
