namespace Pathfinder.Functions.Intake.Forms;

/// <summary>The blank forms applicants download, fill in and email; open to anyone, as the letter invites any group.</summary>
public static class FormEndpoints
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEndpointRouteBuilder MapForms(this IEndpointRouteBuilder app)
    {
        var forms = app.MapGroup("/api/forms").AllowAnonymous();
        forms.MapGet("/expression-of-interest.docx", () =>
            TypedResults.File(FormTemplates.WordDocument(), WordContentType, "expression-of-interest.docx"));
        forms.MapGet("/expression-of-interest.txt", () =>
            TypedResults.Text(FormTemplates.Text, "text/plain; charset=utf-8"));
        return app;
    }
}
