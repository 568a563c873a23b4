using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// The blank forms applicants download, fill in and email; open to anyone, as the letter invites any group. They state
/// the review period the app applies.
/// </summary>
public sealed class FormFunctions(IOptions<ProgrammeOptions> programme)
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Function(nameof(GetWordForm))]
    public FileContentHttpResult GetWordForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/forms/expression-of-interest.docx")]
            HttpRequest request
    ) =>
        TypedResults.File(
            FormTemplates.WordDocument(programme.Value.ReviewPeriod),
            WordContentType,
            "expression-of-interest.docx"
        );

    [Function(nameof(GetTextForm))]
    public ContentHttpResult GetTextForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/forms/expression-of-interest.txt")]
            HttpRequest request
    ) => TypedResults.Text(FormTemplates.TextFor(programme.Value.ReviewPeriod), "text/plain; charset=utf-8");
}
