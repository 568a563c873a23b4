using System.Text;

namespace Pathfinder.Functions.Pages;

/// <summary>
/// A rendered page as the answer, compressed when the browser accepts it (<see cref="ContentCoding"/>). Done here,
/// in the result every page returns, because both hosts execute it alike: the Functions worker has no ASP.NET Core
/// response compression middleware to add, and middleware only the local host ran would measure a different app.
/// </summary>
/// <remarks>
/// Compressing a page that holds a secret next to text an attacker chose can leak the secret (BREACH), to an attacker
/// who makes the victim's browser send many requests with its cookies and watches their sizes. The one secret in a
/// page, the antiforgery token, is encrypted afresh (a new random IV) for every answer, so no two answers share it;
/// and the app's own cookies are SameSite=Strict, so another site cannot send such requests with them.
/// </remarks>
public sealed class HtmlPage(string html, int statusCode) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => statusCode;

    public string ContentType => "text/html; charset=utf-8";

    public string Html => html;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.Headers.Vary = "Accept-Encoding";
        var body = Encoding.UTF8.GetBytes(html);
        if (ContentCoding.Accepted(httpContext.Request) is [var coding, ..])
        {
            body = coding.Compress(body);
            response.Headers.ContentEncoding = coding.Name;
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
