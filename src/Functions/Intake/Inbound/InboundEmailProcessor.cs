using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Intake.Forms;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// Turns an archived email into an answer: quarantine when the sender checks fail, otherwise read the form from the
/// archive and start the application, or reply with the existing reference, or reply with every problem. Replies go
/// through the outbox under ("inbound-{email id}", "reply"), so processing an email again never sends twice.
/// </summary>
public sealed partial class InboundEmailProcessor(
    InboundEmails emails,
    InboundArchive archive,
    ApplicationIntake intake,
    Outbox outbox,
    IOptions<EmailIntakeOptions> options,
    ILogger<InboundEmailProcessor> logger
)
{
    public const string ReplyStep = "reply";

    /// <summary>Attachments the intake opens; anything else is archived and mentioned in the reply.</summary>
    public static readonly IReadOnlySet<string> ReadableExtensions = new HashSet<string>(
        StringComparer.OrdinalIgnoreCase
    )
    {
        ".docx",
        ".txt",
        ".csv",
    };

    public static string OutboxInstance(string emailId) => "inbound-" + emailId;

    /// <summary>What a newly received email gets: quarantine, or processing.</summary>
    public async Task<InboundEmailRecord> HandleAsync(
        InboundEmailRecord email,
        DurableTaskClient client,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(email);
        var failures = email.Checks.Failures(options.Value.SpamScoreThreshold);
        if (failures.Count > 0)
        {
            LogQuarantined(logger, email.Id, string.Join("; ", failures));
            return await SaveAsync(email with { Status = InboundEmailStatus.Quarantined, Problems = failures }, ct);
        }
        var (outcome, done) = await ProcessAsync(email, client, ct);
        return await SaveAsync(done with { Status = outcome }, ct);
    }

    /// <summary>A person released a quarantined email: process it as if it had passed the checks.</summary>
    public async Task<InboundEmailRecord> ReleaseAsync(
        InboundEmailRecord released,
        DurableTaskClient client,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(released);
        var (outcome, done) = await ProcessAsync(released, client, ct);
        return await SaveAsync(done with { Status = InboundEmailStatus.Released, Outcome = outcome }, ct);
    }

    private async Task<(InboundEmailStatus Outcome, InboundEmailRecord Email)> ProcessAsync(
        InboundEmailRecord email,
        DurableTaskClient client,
        CancellationToken ct
    )
    {
        var notes = new List<string>();
        var attachments = new List<IntakeAttachment>();
        foreach (var part in email.Parts.Where(p => p.IsAttachment))
        {
            var name = part.FileName ?? part.Field;
            if (!ReadableExtensions.Contains(Path.GetExtension(name)))
            {
                notes.Add(
                    $"The attachment \"{name}\" was kept but not opened: we read only Word (.docx), text (.txt) "
                        + "and .csv files."
                );
            }
            else if (attachments.Count == EmailIntakeOptions.Limits.AttachmentsRead)
            {
                notes.Add(
                    $"The attachment \"{name}\" was kept but not opened: we read at most "
                        + $"{EmailIntakeOptions.Limits.AttachmentsRead} attachments per email."
                );
            }
            else
            {
                var blob = part.Blob;
                attachments.Add(
                    new IntakeAttachment(name, part.ContentType ?? "application/octet-stream", () => archive.Open(blob))
                );
            }
        }

        var text = string.IsNullOrWhiteSpace(email.Text) ? null : email.Text;
        if (text is null && attachments.Count == 0)
        {
            var problem = email.HasHtml
                ? "Your email had only a formatted (HTML) body, which we do not read. Please attach the form, or paste "
                    + "the text form into a plain-text email."
                : "Your email had no form in it: neither the text form in the body nor a form attached.";
            return await RejectAsync(email, [problem], [.. email.Notes, .. notes], ct);
        }

        var reading = IntakeForms.Read(text, attachments);
        notes.AddRange(reading.Notes);
        var form = reading.Form;
        if (
            string.IsNullOrWhiteSpace(form.ShaCode)
            && options.Value.ShaFor([.. email.EnvelopeTo, .. InboundParse.Mailboxes(email.To)]) is { } shaFromAddress
        )
        {
            form = form with { ShaCode = shaFromAddress };
            var sha = ShaCode.From(shaFromAddress).Value!;
            notes.Add(
                $"The form named no SHA, so it went to {sha.Name} ({sha.Code}), the SHA whose address you wrote to."
            );
        }

        // The Message-ID claim makes a redelivery a duplicate already; the consortium check catches a resend.
        var submitted = await intake.SubmitAsync(
            form,
            "email",
            client,
            idempotencyKey: null,
            ct,
            acknowledgeTo: email.Sender
        );
        if (!submitted.IsValid)
        {
            return await RejectAsync(
                email,
                [.. submitted.Problems.Select(p => p.Message)],
                [.. email.Notes, .. notes],
                ct
            );
        }
        var (application, outcome) = submitted.Value;
        if (outcome == SubmissionOutcome.AlreadyUnderReview)
        {
            await ReplyAsync(
                email,
                InboundReplies.AlreadyUnderReview(
                    email,
                    application.ConsortiumName,
                    application.Id,
                    application.ReviewDeadline,
                    application.Sha.Name
                ),
                ct
            );
            return (
                InboundEmailStatus.Duplicate,
                email with
                {
                    ApplicationReference = application.Id,
                    ReadingNotes = notes,
                }
            );
        }
        LogStarted(logger, email.Id, application.Id);
        return (InboundEmailStatus.Started, email with { ApplicationReference = application.Id, ReadingNotes = notes });
    }

    private async Task<(InboundEmailStatus, InboundEmailRecord)> RejectAsync(
        InboundEmailRecord email,
        IReadOnlyList<string> problems,
        IReadOnlyList<string> notes,
        CancellationToken ct
    )
    {
        var resendTo =
            options.Value.ShaFor([.. email.EnvelopeTo, .. InboundParse.Mailboxes(email.To)]) is { } code
                ? options
                    .Value.ShaAddresses.First(p => string.Equals(p.Key, code, StringComparison.OrdinalIgnoreCase))
                    .Value
            : email.EnvelopeTo.Count > 0 ? email.EnvelopeTo[0]
            : null;
        await ReplyAsync(
            email,
            InboundReplies.Problems(email, problems, notes, options.Value.PublicBaseUrl, resendTo),
            ct
        );
        return (InboundEmailStatus.Rejected, email with { Problems = problems, ReadingNotes = notes });
    }

    private async Task ReplyAsync(InboundEmailRecord email, RenderedEmail reply, CancellationToken ct)
    {
        // Never answer our own inbound addresses: that would be a mail loop.
        if (
            email.Sender is not { } sender
            || options.Value.ShaAddresses.Values.Contains(sender, StringComparer.OrdinalIgnoreCase)
        )
        {
            LogNoReply(logger, email.Id);
            return;
        }
        var instance = OutboxInstance(email.Id);
        await outbox.EnqueueAsync(
            instance,
            ReplyStep,
            reply.ToMessage([new EmailAddress(sender)], "InboundReply", $"{instance}/{ReplyStep}"),
            ct
        );
        await outbox.TrySendNowAsync(instance, ReplyStep, ct);
    }

    private async Task<InboundEmailRecord> SaveAsync(InboundEmailRecord email, CancellationToken ct)
    {
        var saved = await emails.UpdateAsync(email.Id, _ => Result.Success(email), ct);
        return saved.IsSuccess ? saved.Value! : throw new InvalidOperationException(saved.Error);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quarantined inbound email {EmailId}: {Reasons}")]
    private static partial void LogQuarantined(ILogger logger, string emailId, string reasons);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound email {EmailId} started application {Reference}")]
    private static partial void LogStarted(ILogger logger, string emailId, string reference);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Inbound email {EmailId} has no address to answer; no reply sent"
    )]
    private static partial void LogNoReply(ILogger logger, string emailId);
}
