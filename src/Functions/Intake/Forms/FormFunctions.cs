using Microsoft.Azure.Functions.Worker;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>The blank forms applicants download, fill in and email; open to anyone, as the letter invites any group.</summary>
public static class FormFunctions
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Function(nameof(GetWordForm))]
    public static IResult GetWordForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/forms/expression-of-interest.docx")] HttpRequest request) =>
        TypedResults.File(FormTemplates.WordDocument(), WordContentType, "expression-of-interest.docx");

    [Function(nameof(GetTextForm))]
    public static IResult GetTextForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/forms/expression-of-interest.txt")] HttpRequest request) =>
        TypedResults.Text(FormTemplates.Text, "text/plain; charset=utf-8");
}
