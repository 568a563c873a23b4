using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.LocalHost;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>The local host in this process for one benchmark run, with its own task hub, and what a run does to
/// it.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    /// <summary>
    /// The Durable extension's defaults for the Azure Storage provider, as if host.json set nothing: the local host's
    /// options classes hold them, so they are read from there rather than written again.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> DurableDefaults = Defaults();

    private readonly string _mail;

    private BenchHost(WebApplication app, string mail)
    {
        App = app;
        _mail = mail;
        // The benchmark's own reads go straight to Azurite, past any proxy the app's storage goes through, so a count
        // of the app's storage requests never includes the benchmark watching it.
        var tables = app.Services.GetRequiredService<ProgrammeTables>();
        Applications = new ApplicationRepository(
            new ProgrammeTables(new TableServiceClient(Azurite.Shared.ConnectionString), tables.Name("")),
            app.Services.GetRequiredService<JsonSerializerOptions>()
        );
    }

    public WebApplication App { get; }

    public Uri Address => App.Address();

    /// <summary>The applications' read model, read by the benchmark directly from Azurite.</summary>
    public ApplicationRepository Applications { get; }

    public static string Durable(string key) => "AzureFunctionsJobHost:extensions:durableTask:" + key;

    /// <summary>
    /// A host with host.json's settings, or with <paramref name="settings"/> over them (among them, perhaps,
    /// <c>AzureWebJobsStorage</c> through a proxy that counts the app's storage requests).
    /// </summary>
    public static async Task<BenchHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var mail = Path.Combine(Path.GetTempPath(), "pathfinder-bench-mail-" + Guid.NewGuid().ToString("N"));
        // The test host asks for one partition; a benchmark measures the settings it is given, host.json's by default.
        var host = new Dictionary<string, string?>
        {
            [Durable("storageProvider:partitionCount")] = HostJsonPartitionCount(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            host[key] = value;
        }
        return new BenchHost(await InProcessHost.StartAsync(Azurite.UniqueName("B"), mail, host), mail);
    }

    /// <summary>Submits a form for consortium <paramref name="n"/> of this run; returns its reference once
    /// registered.</summary>
    public async Task<string> SubmitAsync(HttpClient intake, string run, int n)
    {
        var form = Form(run, n);
        using var response = await intake.PostAsJsonAsync("/api/applications", form);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException(
                $"Submission {n} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
            );
        }
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await UntilAsync(id, _ => true);
        return id;
    }

    /// <summary>A valid form for consortium <paramref name="n"/> of run <paramref name="run"/>, one practice of its
    /// own.</summary>
    public static JsonObject Form(string run, int n)
    {
        var sha = Pathfinder.Domain.ShaCode.All[n % 10];
        return new JsonObject
        {
            ["consortiumName"] = $"Bench {run} Consortium {n:D4}",
            ["shaCode"] = sha.Code,
            ["pctNames"] = new JsonArray("NHS Bench"),
            ["leadGp"] = new JsonObject
            {
                ["name"] = "Dr Bench Lead",
                ["email"] = "lead@bench.example.nhs.uk",
                ["phone"] = "01632 960000",
            },
            ["practices"] = new JsonArray(
                new JsonObject
                {
                    ["code"] = $"{char.ToUpperInvariant(run[0])}{n:D5}",
                    ["name"] = "Bench Practice",
                    ["listSize"] = "7000",
                }
            ),
            ["localAuthority"] = "Bench Council",
            ["evidence"] = new JsonObject
            {
                ["gpLeadership"] = "Signed.",
                ["localAuthorityEngagement"] = "Joint board.",
                ["qippContribution"] = "Leads QIPP.",
            },
            ["supportNeeds"] = new JsonArray("governance models"),
            ["areasOfWork"] = new JsonArray("urgent care"),
            ["proposedGoLive"] = "2011-04-01",
        };
    }

    /// <summary>The decision body that approves, every criterion demonstrated.</summary>
    public static JsonObject Approval() =>
        new()
        {
            ["outcome"] = "approved",
            ["criteria"] = new JsonObject
            {
                ["gpLeadership"] = new JsonObject { ["demonstrated"] = true, ["note"] = "ok" },
                ["localAuthorityEngagement"] = new JsonObject { ["demonstrated"] = true, ["note"] = "ok" },
                ["qippContribution"] = new JsonObject { ["demonstrated"] = true, ["note"] = "ok" },
            },
        };

    /// <summary>The decision body that rejects, GP leadership not demonstrated and why.</summary>
    public static JsonObject Rejection()
    {
        var body = Approval();
        body["outcome"] = "rejected";
        body["criteria"]!["gpLeadership"] = new JsonObject
        {
            ["demonstrated"] = false,
            ["note"] = "only two of nine practices support it",
        };
        return body;
    }

    /// <summary>Approves, as the SHA's reviewer; returns when the API answered 202.</summary>
    public async Task ApproveAsync(string id)
    {
        using var reviewer = TestTokens.Reviewer(Address, id[..3]);
        using var response = await reviewer.PostAsJsonAsync($"/api/applications/{id}/decision", Approval());
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Decision on {id} answered {response.StatusCode}.");
        }
    }

    /// <summary>Waits until the read model's record satisfies <paramref name="until"/> (polling every 20 ms, at most 5
    /// minutes).</summary>
    public async Task UntilAsync(string id, Func<ApplicationRecord, bool> until)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        while (await Applications.GetAsync(id, CancellationToken.None) is not { } record || !until(record))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{id} did not reach the expected state in 5 minutes.");
            }
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Directory.Exists(_mail))
        {
            Directory.Delete(_mail, recursive: true);
        }
    }

    private static Dictionary<string, string?> Defaults()
    {
        var durable = new DurableHostOptions();
        var storage = durable.StorageProvider;
        return new Dictionary<string, string?>
        {
            [Durable("storageProvider:partitionCount")] = Text(storage.PartitionCount),
            [Durable("storageProvider:controlQueueVisibilityTimeout")] = Text(storage.ControlQueueVisibilityTimeout),
            [Durable("storageProvider:workItemQueueVisibilityTimeout")] = Text(storage.WorkItemQueueVisibilityTimeout),
            [Durable("storageProvider:maxQueuePollingInterval")] = Text(storage.MaxQueuePollingInterval),
            [Durable("maxConcurrentActivityFunctions")] = Text(durable.MaxConcurrentActivityFunctions),
            [Durable("maxConcurrentOrchestratorFunctions")] = Text(durable.MaxConcurrentOrchestratorFunctions),
        };

        static string Text(IFormattable value) =>
            value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string HostJsonPartitionCount() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "host.json")))!["extensions"]![
            "durableTask"
        ]!["storageProvider"]!["partitionCount"]!.ToJsonString();
}
