namespace Pathfinder.Functions.Notifications.Templates;

/// <summary>What the programme says to a partner outside a wave: the national team's test message.</summary>
public static class PartnerTemplates
{
    /// <summary>
    /// To a partner's addresses, sent from its page so the national team can check them before a wave: what the
    /// partner will receive from the programme, and who sent the test.
    /// </summary>
    public static RenderedEmail TestMessage(
        string partnerName,
        string kindAndArea,
        string receives,
        string sentBy,
        DateTimeOffset sentAt
    )
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(partnerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(kindAndArea);
        return new EmailWriter("Test message from the GP consortia pathfinder programme")
            .Paragraph($"Dear {partnerName},")
            .Paragraph(
                "This is a test message. The national team of the GP consortia pathfinder programme is checking that "
                    + "email sent to this address arrives. You need do nothing."
            )
            .Facts(
                ("Listed as", kindAndArea),
                ("You will receive", receives),
                ("Sent by", sentBy),
                ("Sent", UkFormat.DayAndTime(sentAt))
            )
            .Paragraph("If this address should not receive the programme's email, please reply and tell us.")
            .SignOff("GP consortia pathfinder programme", "Department of Health")
            .Render();
    }
}
