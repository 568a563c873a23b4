using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// The <c>Submissions</c> table: which application a submission started, kept before its orchestration is scheduled.
/// In the SHA's partition, one row per consortium (<c>consortium-{hash of the name}</c>) and one per client
/// <c>Idempotency-Key</c> (<c>key-{hash}</c>), written together in one transaction; each holds the orchestration's
/// input, so a retry after a crash finds the first attempt and can start its orchestration if the crash came first.
/// </summary>
public sealed class Submissions(ProgrammeTables tables, JsonSerializerOptions json)
{
    private const string KeyRow = "key-";
    private const string ConsortiumRow = "consortium-";
    private const string Input = "Submission";
    private readonly TableClient _table = tables.Client("Submissions");
    private readonly Once _created = new(() => tables.Client("Submissions").CreateIfNotExistsAsync());

    /// <summary>A row found: the submission it holds, and its ETag for replacing it.</summary>
    public sealed record Found(ApplicationSubmission Submission, ETag ETag);

    public Task<Found?> ByIdempotencyKeyAsync(ShaCode sha, string key, CancellationToken ct) =>
        GetAsync(sha.Code, KeyRow + Hash(key), ct);

    public Task<Found?> ByConsortiumAsync(ShaCode sha, string consortiumName, CancellationToken ct) =>
        GetAsync(sha.Code, ConsortiumRow + ConsortiumKey(consortiumName), ct);

    /// <summary>
    /// Claims the consortium (replacing a finished application's claim under its ETag) and the idempotency key for
    /// <paramref name="submission"/>; false when another submission claimed either first.
    /// </summary>
    public async Task<bool> ClaimAsync(
        ApplicationSubmission submission,
        ShaCode sha,
        Found? previous,
        string? idempotencyKey,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(sha);
        await _created.EnsureAsync(ct);
        var consortium = Row(sha.Code, ConsortiumRow + ConsortiumKey(submission.Form.ConsortiumName ?? ""), submission);
        List<TableTransactionAction> claim =
        [
            previous is null
                ? new TableTransactionAction(TableTransactionActionType.Add, consortium)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, consortium, previous.ETag),
        ];
        if (idempotencyKey is not null)
        {
            claim.Add(
                new TableTransactionAction(
                    TableTransactionActionType.Add,
                    Row(sha.Code, KeyRow + Hash(idempotencyKey), submission)
                )
            );
        }
        try
        {
            await _table.SubmitTransactionAsync(claim, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task<Found?> GetAsync(string partition, string row, CancellationToken ct)
    {
        await _created.EnsureAsync(ct);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct);
        return found.HasValue && found.Value is { } entity
            ? new Found(
                JsonSerializer.Deserialize<ApplicationSubmission>(LargeText.Read(entity, Input)!, json)!,
                entity.ETag
            )
            : null;
    }

    private TableEntity Row(string partition, string row, ApplicationSubmission submission)
    {
        var entity = new TableEntity(partition, row) { ["Reference"] = submission.Reference };
        LargeText.Write(entity, Input, JsonSerializer.Serialize(submission, json));
        return entity;
    }

    /// <summary>Keys may hold any characters; a hash is always a valid row key.</summary>
    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>One consortium however its name is spaced or cased.</summary>
    private static string ConsortiumKey(string name) =>
        Hash(string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant());
}
