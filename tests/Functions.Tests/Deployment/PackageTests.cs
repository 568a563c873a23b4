using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Pathfinder.Functions.Applications;
using Pathfinder.LocalHost;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Deployment;

/// <summary>
/// Builds the deployable zip with ./package.sh (once for the class) and checks it as the Functions host reads it:
/// host.json at the root, functions.metadata listing every function with its trigger, extensions.json naming the
/// Durable extension. The same functions.metadata is the Azure host's view of the app, so comparing it with the local
/// host's catalog proves both hosts expose the same routes, orchestrators, activities and timers.
/// </summary>
public sealed class PackageTests(PackageTests.Package package) : IClassFixture<PackageTests.Package>
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void ThePackage_IsAnIsolatedWorkerAppWithTheRepositoriesHostJson()
    {
        Assert.Equal(
            JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "host.json")))!.ToJsonString(),
            package.Read("host.json").ToJsonString()
        );
        var worker = package.Read("worker.config.json");
        Assert.Equal("Pathfinder.Functions.dll", worker["description"]!["defaultWorkerPath"]!.GetValue<string>());
        Assert.Contains(package.Entries, e => e.StartsWith(".azurefunctions/", StringComparison.Ordinal));
        Assert.DoesNotContain(package.Entries, e => e.EndsWith("local.settings.json", StringComparison.Ordinal));
        Assert.DoesNotContain(package.Entries, e =>
            e.EndsWith("appsettings.Development.json", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void ThePackage_CarriesThePagesAssets_WhichTheAssetFunctionServes()
    {
        // The NHS.UK frontend comes from npm at build time; a package without it would serve unstyled pages in Azure.
        Assert.Contains("assets/nhsuk/nhsuk-frontend.min.css", package.Entries);
        Assert.Contains("assets/nhsuk/nhsuk-frontend.min.js", package.Entries);
        Assert.Contains("assets/nhsuk/images/favicon.svg", package.Entries);
        Assert.Contains("assets/pathfinder.js", package.Entries);
        Assert.Contains("assets/pathfinder.css", package.Entries);
    }

    [Theory]
    [InlineData("assets/nhsuk/nhsuk-frontend.min.css")]
    [InlineData("assets/nhsuk/nhsuk-frontend.min.js")]
    [InlineData("assets/pathfinder.css")]
    [InlineData("assets/pathfinder.js")]
    [InlineData("assets/nhsuk/images/favicon.svg")]
    public void ThePackage_CarriesBrotliAndGzipCopiesOfTheTextAssets_ThatDecodeToTheFiles(string asset)
    {
        // Made at build time (the CompressPageAssets task), so Azure serves the stylesheet at a tenth of its size.
        var file = package.Bytes(asset);

        var brotli = package.Bytes(asset + ".br");
        var gzip = package.Bytes(asset + ".gz");

        Assert.Equal(file, Decode(new BrotliStream(new MemoryStream(brotli), CompressionMode.Decompress)));
        Assert.Equal(file, Decode(new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress)));
        Assert.True(brotli.Length <= gzip.Length, $"{asset}: Brotli {brotli.Length} bytes, gzip {gzip.Length}");
    }

    [Fact]
    public void ExtensionsJson_NamesTheDurableTaskExtension()
    {
        var extensions = package.Read("extensions.json")["extensions"]!
            .AsArray()
            .Select(e => e!["name"]!.GetValue<string>());

        Assert.Contains("DurableTask", extensions);
    }

    [Fact]
    public void FunctionsMetadata_ListsEveryFunctionTheLocalHostRuns_WithTheSameTriggers()
    {
        var catalog = FunctionCatalog.Of(typeof(ApplicationFunctions).Assembly);
        var local = catalog
            .Http.Select(h =>
                $"{h.Name} http {string.Join(',', h.Methods.Select(m => m.ToLowerInvariant()))} "
                + $"{h.Route} {h.AuthLevel}"
            )
            .Concat(catalog.Orchestrators.Keys.Select(n => $"{n} orchestrationTrigger"))
            .Concat(catalog.Activities.Keys.Select(n => $"{n} activityTrigger"))
            .Concat(catalog.Timers.Select(t => $"{t.Name} timerTrigger {t.Schedule}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var azure = package
            .Read("functions.metadata")
            .AsArray()
            .Select(f =>
            {
                var trigger = f!["bindings"]!
                    .AsArray()
                    .First(b => b!["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal))!;
                var type = trigger["type"]!.GetValue<string>();
                var name = f["name"]!.GetValue<string>();
                return type switch
                {
                    "httpTrigger" => $"{name} http "
                        + $"{string.Join(',', trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()))} "
                        + $"{trigger["route"]!.GetValue<string>()} {trigger["authLevel"]!.GetValue<string>()}",
                    "timerTrigger" => $"{name} timerTrigger {trigger["schedule"]!.GetValue<string>()}",
                    _ => $"{name} {type}",
                };
            })
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(azure, local);
        Assert.Contains($"{nameof(ApplicationOrchestrator)} orchestrationTrigger", azure);
        Assert.Contains($"SubmitApplication http post api/applications {AuthorizationLevel.Function}", azure);
        Assert.Contains($"ReceiveInboundEmail http post api/inbound/email {AuthorizationLevel.Function}", azure);
    }

    [Fact]
    public void EveryHttpFunction_UsesAClientBindingOnlyWhereItTalksToTheDurableBackend()
    {
        // Handlers never take the Functions host's own context, so they run unchanged in both hosts.
        var handlers = FunctionCatalog.Of(typeof(ApplicationFunctions).Assembly).Http;

        Assert.All(handlers, h =>
            Assert.DoesNotContain(h.Method.GetParameters(), p => p.ParameterType == typeof(FunctionContext))
        );
        Assert.All(handlers, h =>
            Assert.True(
                typeof(Microsoft.AspNetCore.Http.IResult).IsAssignableFrom(FunctionInvoker.ResultType(h.Method)),
                $"{h.Name} must return an IResult"
            )
        );
    }

    private static byte[] Decode(Stream decoder)
    {
        using (decoder)
        {
            using var output = new MemoryStream();
            decoder.CopyTo(output);
            return output.ToArray();
        }
    }

    /// <summary>The output of ./package.sh, built once for the class.</summary>
    public sealed class Package
    {
        public Package()
        {
            using var build = Process.Start(
                new ProcessStartInfo("bash", [Path.Combine(Root, "package.sh")])
                {
                    WorkingDirectory = Root,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                }
            )!;
            var output = build.StandardOutput.ReadToEndAsync();
            var errors = build.StandardError.ReadToEndAsync();
            Assert.True(build.WaitForExit(TimeSpan.FromMinutes(5)), "package.sh did not finish in 5 minutes");
            Assert.True(build.ExitCode == 0, $"package.sh failed: {output.Result}{errors.Result}");
            using var zip = ZipFile.OpenRead(Path.Combine(Root, "artifacts", "onboarding.zip"));
            Entries = [.. zip.Entries.Select(e => e.FullName)];
            Files = zip
                .Entries.Where(e =>
                    e.FullName is "host.json" or "worker.config.json" or "extensions.json" or "functions.metadata"
                )
                .ToDictionary(
                    e => e.FullName,
                    e =>
                    {
                        using var reader = new StreamReader(e.Open());
                        return reader.ReadToEnd();
                    }
                );
        }

        public IReadOnlyList<string> Entries { get; }

        private string ZipPath { get; } = Path.Combine(Root, "artifacts", "onboarding.zip");

        /// <summary>The bytes of one entry of the zip.</summary>
        public byte[] Bytes(string name)
        {
            using var zip = ZipFile.OpenRead(ZipPath);
            var entry = zip.GetEntry(name) ?? throw new FileNotFoundException($"{name} is not in the package");
            using var content = entry.Open();
            using var output = new MemoryStream();
            content.CopyTo(output);
            return output.ToArray();
        }

        private Dictionary<string, string> Files { get; }

        public JsonNode Read(string name) =>
            JsonNode.Parse(
                Files.TryGetValue(name, out var text)
                    ? text
                    : throw new FileNotFoundException($"{name} is not in the package")
            )!;
    }
}
