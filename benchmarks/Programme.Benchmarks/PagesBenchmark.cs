using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MimeKit;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// Lighthouse (tools/lighthouse, 12.2.3) with its default mobile settings (a mid-range phone on slow 4G, simulated)
/// against the local host as its own process on its own Azurite, in Debian's chromium: the home page, the pathfinder
/// directory, an applicant's status page (from the acknowledgement email's link) and a reviewer's application page
/// (signed in through the development sign-in, whose cookie Lighthouse sends). Each page is measured
/// <c>runs</c> times; the run with the median performance score is printed, as Lighthouse's docs advise.
/// </summary>
internal static partial class PagesBenchmark
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string[] Categories = ["performance", "accessibility", "best-practices", "seo"];

    public static async Task RunAsync(int runs)
    {
        var root = RepositoryRoot.Find();
        var cli = Path.Combine(root, "tools", "lighthouse", "node_modules", "lighthouse", "cli", "index.js");
        if (!File.Exists(cli) || !File.Exists(Chromium))
        {
            throw new InvalidOperationException(
                $"Lighthouse ({cli}) or {Chromium} is missing: run ./bench.sh pages, which installs the first."
            );
        }
        var mail = Directory.CreateTempSubdirectory("pathfinder-bench-mail-").FullName;
        using var host = await LocalHostProcess.StartAsync(
            Azurite.UniqueName("P"),
            mail,
            new Dictionary<string, string> { ["Pages__SignIn"] = "Development" },
            environmentName: "Development"
        );
        try
        {
            var id = await SubmitAsync(host);
            var status = await StatusLinkAsync(mail, id);
            var cookie = await SignInAsync(host, id[..3]);
            // Each page's printed report, whole, for a closer look (Lighthouse's viewer opens them).
            var saved = Directory.CreateDirectory(Path.Combine(root, "artifacts", "lighthouse"));
            Console.WriteLine(
                $"Pages: Lighthouse {Version(root)}, mobile defaults (simulated slow 4G, 4x CPU slowdown), {runs} "
                    + $"run(s) "
                    + $"per page, median by performance; the local host on Azurite ({Environment.ProcessorCount} "
                    + $"cores, shared); "
                    + "reports in artifacts/lighthouse/. CPU is Lighthouse's benchmark index of this machine at the "
                    + "time "
                    + "(its 4x slowdown is meant for about 1,000 and up; a busy machine scores lower)"
            );
            Console.WriteLine(
                $"  {"page", -22} {"perf", 5} {"a11y", 5} {"b-p", 5} {"seo", 5} {"FCP s", 6} {"LCP s", 6} "
                    + $"{"TBT ms", 7} {"KiB", 6} {"requests", 8} {"CPU", 6}"
            );
            foreach (
                var (name, path, signedIn) in new[]
                {
                    ("/", "/", false),
                    ("/pathfinders", "/pathfinders", false),
                    ("status page", status, false),
                    ("reviewer application", $"/review/{id}", true),
                }
            )
            {
                await WarmAsync(host, path, signedIn ? cookie : null);
                var reports = new List<JsonNode>();
                for (var run = 0; run < runs; run++)
                {
                    reports.Add(await LighthouseAsync(cli, new Uri(host.Address, path), signedIn ? cookie : null));
                }
                var median = reports.OrderBy(r => Score(r, "performance")).ElementAt(reports.Count / 2);
                await File.WriteAllTextAsync(
                    Path.Combine(
                        saved.FullName,
                        (FileName().Replace(name, "-").Trim('-') is { Length: > 0 } file ? file : "home") + ".json"
                    ),
                    median.ToJsonString()
                );
                Console.WriteLine(
                    $"  {name, -22} "
                        + string.Join(" ", Categories.Select(c => $"{Score(median, c), 5}"))
                        + $" {Audit(median, "first-contentful-paint") / 1000, 6:F2} "
                        + $"{Audit(median, "largest-contentful-paint") / 1000, 6:F2}"
                        + $" {Audit(median, "total-blocking-time"), 7:F0} "
                        + $"{Audit(median, "total-byte-weight") / 1024, 6:F1} "
                        + $"{median["audits"]!["network-requests"]!["details"]!["items"]!.AsArray().Count, 8} "
                        + $"{CpuIndex(median), 6:F0}"
                );
                if (runs > 1 && reports.MaxBy(CpuIndex) is { } quietest && quietest != median)
                {
                    Console.WriteLine(
                        $"      the run on the least busy CPU ({CpuIndex(quietest):F0}): performance "
                            + $"{Score(quietest, "performance")}, "
                            + $"FCP {Audit(quietest, "first-contentful-paint") / 1000:F2} s, TBT "
                            + $"{Audit(quietest, "total-blocking-time"):F0} ms"
                    );
                }
                foreach (var failed in Categories.Skip(1).SelectMany(c => Failed(median, c)).Distinct())
                {
                    Console.WriteLine($"      not passed: {failed}");
                }
            }
        }
        finally
        {
            host.Kill();
            Directory.Delete(mail, recursive: true);
        }
    }

    /// <summary>One application, registered, under review: the status page and the reviewer's page show it.</summary>
    private static async Task<string> SubmitAsync(LocalHostProcess host)
    {
        using var intake = host.Intake();
        using var response = await intake.PostAsJsonAsync("/api/applications", BenchHost.Form("pages", 1));
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var reviewer = host.Reviewer(id[..3]);
        await UntilAsync(
            async () =>
                (await reviewer.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative))).IsSuccessStatusCode,
            $"{id} to be registered"
        );
        return id;
    }

    /// <summary>The status link in the applicant's acknowledgement email, as a path and query on the local
    /// host.</summary>
    private static async Task<string> StatusLinkAsync(string mail, string id)
    {
        string? link = null;
        await UntilAsync(
            () =>
            {
                link = Directory
                    .GetFiles(mail, "*.eml")
                    .Select(f => MimeMessage.Load(f))
                    .Where(m => (m.Subject ?? "").Contains(id, StringComparison.Ordinal))
                    .Select(m => StatusLink().Match((m.TextBody ?? "") + (m.HtmlBody ?? "")))
                    .FirstOrDefault(m => m.Success)
                    ?.Value;
                return Task.FromResult(link is not null);
            },
            $"the acknowledgement email of {id}"
        );
        return new Uri(WebUtility.HtmlDecode(link!)).PathAndQuery;
    }

    /// <summary>Signs in as a reviewer of <paramref name="sha"/> on the development sign-in page; returns the
    /// cookies.</summary>
    private static async Task<string> SignInAsync(LocalHostProcess host, string sha)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(
            new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }
        )
        {
            BaseAddress = host.Address,
        };
        var form = await browser.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var token = WebUtility.HtmlDecode(FormToken().Match(form).Groups["token"].Value);
        using var fields = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["name"] = "Dr Ann Reviewer",
                ["role"] = sha,
                ["returnUrl"] = "/review",
            }
        );
        using var signedIn = await browser.PostAsync(new Uri("/sign-in", UriKind.Relative), fields);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The development sign-in answered {signedIn.StatusCode}.");
        }
        return cookies.GetCookieHeader(host.Address);
    }

    /// <summary>
    /// Ten requests for the page first, as a server in use has had: the first render of a page in a new process
    /// compiles its code, and Lighthouse would count that as the server's response time.
    /// </summary>
    private static async Task WarmAsync(LocalHostProcess host, string path, string? cookie)
    {
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = host.Address };
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
            if (cookie is not null)
            {
                request.Headers.TryAddWithoutValidation("Cookie", cookie);
            }
            using var response = await browser.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task<JsonNode> LighthouseAsync(string cli, Uri url, string? cookie)
    {
        var report = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo(
                "node",
                [
                    cli,
                    url.ToString(),
                    "--quiet",
                    "--output=json",
                    $"--output-path={report}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage",
                ]
            )
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            info.Environment["CHROME_PATH"] = Chromium;
            if (cookie is not null)
            {
                info.ArgumentList.Add(
                    "--extra-headers="
                        + JsonSerializer.Serialize(new Dictionary<string, string> { ["Cookie"] = cookie })
                );
            }
            using var lighthouse = Process.Start(info)!;
            var errors = lighthouse.StandardError.ReadToEndAsync();
            await lighthouse.StandardOutput.ReadToEndAsync();
            await lighthouse.WaitForExitAsync();
            if (lighthouse.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Lighthouse on {url} exited {lighthouse.ExitCode}: {await errors}"
                );
            }
            var json = JsonNode.Parse(await File.ReadAllTextAsync(report))!;
            if (json["runtimeError"] is { } error)
            {
                throw new InvalidOperationException($"Lighthouse on {url}: {error.ToJsonString()}");
            }
            return json;
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static double CpuIndex(JsonNode report) => report["environment"]!["benchmarkIndex"]!.GetValue<double>();

    private static int Score(JsonNode report, string category) =>
        (int)Math.Round((report["categories"]![category]!["score"]?.GetValue<double>() ?? 0) * 100);

    private static double Audit(JsonNode report, string audit) =>
        report["audits"]![audit]!["numericValue"]!.GetValue<double>();

    /// <summary>The scored audits of <paramref name="category"/> that did not pass, by title.</summary>
    private static IEnumerable<string> Failed(JsonNode report, string category) =>
        report["categories"]![category]!["auditRefs"]!
            .AsArray()
            .Where(r => r!["weight"]!.GetValue<double>() > 0)
            .Select(r => report["audits"]![r!["id"]!.GetValue<string>()]!)
            .Where(a => a["score"] is { } score && score.GetValue<double>() < 1)
            .Select(a => $"{category}: {a["title"]!.GetValue<string>()}");

    private static string Version(string root) =>
        JsonNode.Parse(
            File.ReadAllText(Path.Combine(root, "tools", "lighthouse", "node_modules", "lighthouse", "package.json"))
        )!["version"]!.GetValue<string>();

    private static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (!await done())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 120 s for {what}.");
            }
            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+/status/[^\s""'<>]+")]
    private static partial Regex StatusLink();

    [GeneratedRegex("[^a-z]+")]
    private static partial Regex FileName();

    [GeneratedRegex("""name="__RequestVerificationToken" value="(?<token>[^"]+)""")]
    private static partial Regex FormToken();
}
