using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Pathfinder.SampleEmail;

/// <summary>
/// Sends a form file to a running app as SendGrid Inbound Parse posts an email (multipart/form-data, default parsed
/// format), so the whole email intake can be tried without SendGrid:
/// <c>dotnet run --project tools/SampleEmail -- --key "$(cat .local/intake-key)"
/// samples/expression-of-interest.docx</c>.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Usage: dotnet run --project tools/SampleEmail -- [options] FILE [FILE...]
          --url URL          the running app (default http://127.0.0.1:7071)
          --key KEY          the intake key (default: the contents of .local/intake-key)
          --from ADDRESS     the sender (default "Dr Jane Lead <jane.lead@fenland.example.nhs.uk>")
          --to ADDRESS       the SHA's inbound address (default pathfinders.q35@inbound.pathfinders.example.nhs.uk)
          --subject TEXT     the subject (default "Expression of interest")
          --body             put a .txt FILE in the email's text instead of attaching it
          --spf RESULT       SendGrid's SPF verdict (default pass; try fail to see quarantine)
          --dkim RESULT      the DKIM verdict for the sender's domain (default pass)
          --spam-score N     SpamAssassin's score (default 0.1)
        FILE is a form (.docx or .txt), a practices list (.csv), or anything else to see it kept but not opened.
        """;

    public static async Task<int> Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--url"] = "http://127.0.0.1:7071",
            ["--from"] = "Dr Jane Lead <jane.lead@fenland.example.nhs.uk>",
            ["--to"] = "pathfinders.q35@inbound.pathfinders.example.nhs.uk",
            ["--subject"] = "Expression of interest",
            ["--spf"] = "pass",
            ["--dkim"] = "pass",
            ["--spam-score"] = "0.1",
        };
        var files = new List<string>();
        var inBody = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--body")
            {
                inBody = true;
            }
            else if (args[i] is "-h" or "--help")
            {
                Console.WriteLine(Usage);
                return 0;
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                options[args[i]] = args[++i];
            }
            else
            {
                files.Add(args[i]);
            }
        }
        var key = options.GetValueOrDefault("--key")
            ?? (
                File.Exists(Path.Combine(".local", "intake-key"))
                    ? File.ReadAllText(Path.Combine(".local", "intake-key")).Trim()
                    : null
            );
        if (files.Count == 0 || key is null || files.Any(f => !File.Exists(f)))
        {
            Console.Error.WriteLine(
                files
                    .Where(f => !File.Exists(f))
                    .Select(f => $"No such file: {f}")
                    .Append(Usage)
                    .Aggregate((a, b) => a + Environment.NewLine + b)
            );
            return 2;
        }

        using var content = Build(options, files, inBody);
        using var http = new HttpClient { BaseAddress = new Uri(options["--url"]), Timeout = TimeSpan.FromMinutes(5) };
        var response = await http.PostAsync($"/api/inbound/email?code={Uri.EscapeDataString(key)}", content);
        Console.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}");
        Console.WriteLine(await response.Content.ReadAsStringAsync());
        return response.IsSuccessStatusCode ? 0 : 1;
    }

    private static MultipartFormDataContent Build(Dictionary<string, string> o, List<string> files, bool inBody)
    {
        var from = o["--from"];
        var to = o["--to"];
        var sender = Address(from);
        var domain = sender[(sender.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var body = inBody
            ? files.Where(f => Path.GetExtension(f).Equals(".txt", StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        var attached = files.Except(body).ToList();
        var text =
            body.Count > 0
                ? string.Join("\n\n", body.Select(File.ReadAllText))
                : "Please find our expression of interest attached.";

        // Field names, order and shapes as SendGrid Inbound Parse posts them by default.
        var form = new MultipartFormDataContent("xYzZY");
        Field(
            form,
            "headers",
            $"Received: by mx.sendgrid.net with SMTP id sample {DateTimeOffset.UtcNow:R}\n"
                + $"From: {from}\nTo: {to}\nSubject: {o["--subject"]}\nDate: {DateTimeOffset.UtcNow:R}\n"
                + $"Message-ID: <{Guid.NewGuid():N}@{domain}>\nMIME-Version: 1.0\n"
        );
        Field(form, "dkim", $"{{@{domain} : {o["--dkim"]}}}");
        Field(form, "to", to);
        Field(form, "from", from);
        Field(form, "text", text);
        Field(form, "sender_ip", "192.0.2.25");
        Field(form, "envelope", JsonSerializer.Serialize(new { to = new[] { Address(to) }, from = sender }));
        Field(form, "attachments", attached.Count.ToString(CultureInfo.InvariantCulture));
        Field(form, "subject", o["--subject"]);
        Field(form, "spam_score", o["--spam-score"]);
        if (attached.Count > 0)
        {
            Field(
                form,
                "attachment-info",
                JsonSerializer.Serialize(
                    attached
                        .Select((f, i) => (f, i))
                        .ToDictionary(
                            x => $"attachment{x.i + 1}",
                            x => new Dictionary<string, string>
                            {
                                ["filename"] = Path.GetFileName(x.f),
                                ["name"] = Path.GetFileName(x.f),
                                ["type"] = TypeOf(x.f),
                            }
                        )
                )
            );
        }
        Field(form, "charsets", """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"utf-8"}""");
        Field(form, "SPF", o["--spf"]);
        for (var i = 0; i < attached.Count; i++)
        {
            var file = new StreamContent(File.OpenRead(attached[i]));
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(TypeOf(attached[i]));
            form.Add(file, $"attachment{i + 1}", Path.GetFileName(attached[i]));
        }
        return form;
    }

    private static void Field(MultipartFormDataContent form, string name, string value) =>
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(value)), name);

    private static string Address(string header)
    {
        var start = header.IndexOf('<', StringComparison.Ordinal);
        return start >= 0 ? header[(start + 1)..header.IndexOf('>', start)].Trim() : header.Trim();
    }

    private static string TypeOf(string file) =>
        Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".txt" => "text/plain",
            ".csv" => "text/csv",
            ".pdf" => "application/pdf",
            _ => "application/octet-stream",
        };
}
