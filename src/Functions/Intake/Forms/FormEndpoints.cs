namespace Pathfinder.Functions.Intake.Forms;

/// <summary>The blank forms applicants download, fill in and email.</summary>
public static class FormEndpoints
{
    private static readonly Lazy<byte[]> BlankWord = new(WordForm.Blank);

    public static IEndpointRouteBuilder MapForms(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/forms/expression-of-interest.docx", () => TypedResults.File(BlankWord.Value,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "expression-of-interest.docx"));
        app.MapGet("/api/forms/expression-of-interest.txt", () =>
            TypedResults.Text(TextForm.Template, "text/plain; charset=utf-8"));
        return app;
    }
}
