using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// The InboundEmails table: one row per email (partition = email id, row "email"), and one claim row per Message-ID
/// (partition = "message-" + SHA-256 of the Message-ID, row "claim") naming the first email that carried it. The
/// claim is an insert, which Table Storage lets only one caller win, so concurrent redeliveries cannot both start.
/// </summary>
public sealed class InboundEmails
{
    public const string TableName = "InboundEmails";
    private const string EmailRow = "email";
    private const string ClaimRow = "claim";

    private readonly TableClient _table;
    private readonly DocumentTable<InboundEmailRecord> _emails;

    public InboundEmails(ProgrammeTables tables, JsonSerializerOptions json)
    {
        _table = tables.Client(TableName);
        _emails = new DocumentTable<InboundEmailRecord>(_table, json, r => new TableEntity(r.Id, EmailRow)
        {
            ["Status"] = r.Status.ToString(),
            ["ReceivedAt"] = r.ReceivedAt,
            ["Sender"] = r.Sender,
            ["MessageId"] = r.MessageId,
        });
    }

    public Task<bool> AddAsync(InboundEmailRecord record, CancellationToken ct) => _emails.AddAsync(record, ct);

    public Task<InboundEmailRecord?> GetAsync(string id, CancellationToken ct) =>
        IsId(id) ? _emails.GetAsync(id, EmailRow, ct) : Task.FromResult<InboundEmailRecord?>(null);

    public Task<Result<InboundEmailRecord>> UpdateAsync(
        string id,
        Func<InboundEmailRecord, Result<InboundEmailRecord>> change,
        CancellationToken ct
    ) => _emails.UpdateAsync(id, EmailRow, change, $"No inbound email {id}.", ct);

    public async Task<IReadOnlyList<InboundEmailRecord>> ListAsync(InboundEmailStatus? status, CancellationToken ct)
    {
        var filter = status is { } s
            ? TableClient.CreateQueryFilter($"RowKey eq {EmailRow} and Status eq {s.ToString()}")
            : TableClient.CreateQueryFilter($"RowKey eq {EmailRow}");
        return [.. (await _emails.QueryAsync(filter, ct)).OrderBy(r => r.ReceivedAt)];
    }

    /// <summary>
    /// Claims <paramref name="messageId"/> for <paramref name="emailId"/>; returns the id of the email that holds
    /// the claim: <paramref name="emailId"/> when this call won it, an earlier email's id when it is a redelivery.
    /// </summary>
    public async Task<string> ClaimAsync(string messageId, string emailId, CancellationToken ct)
    {
        await _emails.EnsureAsync(ct);
        var key = "message-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));
        try
        {
            await _table.AddEntityAsync(
                new TableEntity(key, ClaimRow) { ["EmailId"] = emailId, ["MessageId"] = messageId },
                ct
            );
            return emailId;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var claim = await _table.GetEntityAsync<TableEntity>(key, ClaimRow, cancellationToken: ct);
            return claim.Value.GetString("EmailId");
        }
    }

    /// <summary>Ids are made by <see cref="InboundEmailReceiver"/>: anything else is not ours to look up.</summary>
    public static bool IsId(string id) =>
        id.Length is > 10 and < 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
