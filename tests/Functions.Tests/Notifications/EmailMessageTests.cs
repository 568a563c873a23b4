using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Notifications;

public sealed class EmailMessageTests
{
    private static readonly EmailAddress Lead = new("lead.gp@d81001.nhs.uk");

    [Fact]
    public void Message_WithoutRecipients_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new EmailMessage([], "Subject", "Text", "<p>Html</p>"));

    [Theory]
    [InlineData("", "Text", "<p>Html</p>")]
    [InlineData("Subject", " ", "<p>Html</p>")]
    [InlineData("Subject", "Text", "")]
    public void Message_WithoutSubjectOrEitherBody_IsRefused(string subject, string text, string html) =>
        Assert.Throws<ArgumentException>(() => new EmailMessage([Lead], subject, text, html));

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("Dr Lead <lead.gp@d81001.nhs.uk>")]
    public void Address_ThatIsNotABareMailbox_IsRefused(string email) =>
        Assert.Throws<ArgumentException>(() => new EmailAddress(email));

    [Fact]
    public void Address_BlankName_IsNoName() => Assert.Null(new EmailAddress("lead.gp@d81001.nhs.uk", " ").Name);
}
