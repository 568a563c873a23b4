using System.Reflection;
using System.Text.RegularExpressions;
using Pathfinder.Functions.Composition;
using Pathfinder.Functions.Hosting;
using Pathfinder.LocalHost;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Deployment;

/// <summary>
/// Every setting the code reads is set by infra/ or listed as optional in docs/DEPLOY.md, and infra/ sets
/// nothing that nobody reads. Fails when the options classes and the Bicep drift apart.
/// </summary>
public sealed partial class SettingsDriftTests
{
    private static readonly string Root = RepositoryRoot.Find();

    /// <summary>Read by the Functions host or ASP.NET Core itself, not by an options class of ours.</summary>
    private static readonly string[] PlatformSettings =
    [
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "AzureWebJobsDisableHomepage",
        "Authentication__Schemes__Bearer__Authority",
        "Authentication__Schemes__Bearer__ValidAudiences__0",
        "Authentication__Schemes__Bearer__ValidIssuer",
    ];

    [Fact]
    public void EverySettingTheCodeReads_IsSetByInfraOrDocumentedAsOptional()
    {
        var infra = InfraSettings();
        var optional = OptionalSettings();
        var unaccounted = CodeSettings()
            .Where(s => !infra.Any(i => Covers(i, s)) && !optional.Any(o => Covers(o, s)))
            .ToList();

        Assert.Empty(unaccounted);
    }

    [Fact]
    public void EverySettingInfraSets_IsReadByTheCodeOrThePlatform()
    {
        var code = CodeSettings();
        var unread = InfraSettings()
            .Where(i => !PlatformSettings.Contains(i) && !code.Any(c => Covers(i, c) || Covers(c, i)))
            .ToList();

        Assert.Empty(unread);
    }

    [Fact]
    public void TheDriftCheckSeesTheSettingsItShould()
    {
        Assert.Contains("SendGrid__ApiKey", CodeSettings());
        Assert.Contains("Intake__ShaAddresses", CodeSettings());
        Assert.Contains("SendGrid__ApiKey", InfraSettings());
        Assert.Contains("Intake__ShaAddresses__*", InfraSettings());
        Assert.Contains("Storage__TablePrefix", OptionalSettings());
    }

    /// <summary>Section__Property for every settable property of every options class with a SectionName.</summary>
    private static List<string> CodeSettings() =>
        [
            .. new[] { typeof(ProgrammeServices).Assembly, typeof(FunctionKeyOptions).Assembly }
                .SelectMany(a => a.GetTypes())
                .Where(t =>
                    t.Name.EndsWith("Options", StringComparison.Ordinal)
                    && t.GetField("SectionName") is { IsLiteral: true }
                )
                // host.json's own settings (the Durable extension's) are the host's file, not app settings.
                .Where(t =>
                    !((string)t.GetField("SectionName")!.GetRawConstantValue()!).StartsWith(
                        "AzureFunctionsJobHost",
                        StringComparison.Ordinal
                    )
                )
                // The local host's own settings (its test-only stand-in for App Service) never reach Azure.
                .Where(t =>
                    !((string)t.GetField("SectionName")!.GetRawConstantValue()!).StartsWith(
                        "LocalHost:",
                        StringComparison.Ordinal
                    )
                )
                .SelectMany(t =>
                    t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                        .Where(p => p.CanWrite)
                        .Select(p =>
                            ((string)t.GetField("SectionName")!.GetRawConstantValue()!).Replace(
                                ":",
                                "__",
                                StringComparison.Ordinal
                            )
                            + "__"
                            + p.Name
                        )
                )
                .Distinct(),
        ];

    /// <summary>App setting names in infra/; a name built from a loop variable ends in *.</summary>
    private static List<string> InfraSettings() =>
        [
            .. Directory
                .GetFiles(Path.Combine(Root, "infra"), "*.bicep", SearchOption.AllDirectories)
                .SelectMany(f => SettingName().Matches(File.ReadAllText(f)))
                .Select(m => Regex.Replace(m.Groups["name"].Value, @"\$\{[^}]+\}", "*")),
        ];

    /// <summary>The backticked names in the first column of DEPLOY.md's optional settings table.</summary>
    private static List<string> OptionalSettings()
    {
        var doc = File.ReadAllText(Path.Combine(Root, "docs", "DEPLOY.md"));
        var table = doc[doc.IndexOf("### Optional settings", StringComparison.Ordinal)..];
        return
        [
            .. table
                .Split('\n')
                .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
                .SelectMany(l => Backticked().Matches(l.Split('|')[1]).Select(m => m.Groups[1].Value)),
        ];
    }

    /// <summary>True when a setting name (possibly ending in * or __N) stands for the property setting.</summary>
    private static bool Covers(string name, string setting) =>
        name == setting
        || (name.EndsWith('*') && setting.StartsWith(name.TrimEnd('*').TrimEnd('_'), StringComparison.Ordinal))
        || name.StartsWith(setting + "__", StringComparison.Ordinal);

    [GeneratedRegex(@"name:\s*'(?<name>[A-Za-z][A-Za-z0-9_]*(?:\$\{[^}]+\})?)'\s*,?\s*value:")]
    private static partial Regex SettingName();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
