using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.National;

/// <summary>
/// The national team's page of workflows out of step: a workflow terminated behind the app's back is shown with what
/// is wrong and since when, and the page's button restarts it; a terminate without a reason is refused on the page.
/// </summary>
public sealed class WorkflowPageTests
{
    [Fact]
    public async Task TerminatedWorkflow_IsShownWithItsReason_AndRestartedFromThePage()
    {
        using var app = new PathfinderApp();
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37", "Bristol Mended Consortium"));
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        await Eventually.UntilAsync(
            $"{id} to wait for its review",
            TimeSpan.FromSeconds(30),
            () => durable.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.SerializedCustomStatus is not null,
            i => i?.RuntimeStatus.ToString() ?? "no instance"
        );
        await durable.TerminateInstanceAsync(id, "Stopped by an engineer");
        await durable.WaitForInstanceCompletionAsync(id);
        var national = PageClients.ForNational(app, "Nat Team");

        var html = await national.PageAsync("/national/workflows");
        Assert.Contains($"{id}</a>: Bristol Mended Consortium", html, StringComparison.Ordinal);
        Assert.Contains(
            "Its workflow was terminated, but the record says under review.",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("Stopped by an engineer", html, StringComparison.Ordinal);
        // Only a running workflow can be terminated: this one offers the restart alone.
        Assert.Contains($"action=\"/national/workflows/{id}/restart\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/national/workflows/{id}/terminate\"", html, StringComparison.Ordinal);

        using (
            var terminate = await national.PostFormAsync(
                "/national/workflows",
                $"/national/workflows/{id}/terminate",
                ("reason", "")
            )
        )
        {
            var shown = await terminate.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, terminate.StatusCode);
            Assert.Contains("There is a problem", shown, StringComparison.Ordinal);
            Assert.Contains($"href=\"#reason-{id}\"", shown, StringComparison.Ordinal);
        }
        using (var restart = await national.PostFormAsync("/national/workflows", $"/national/workflows/{id}/restart"))
        {
            Assert.Equal(HttpStatusCode.Redirect, restart.StatusCode);
            Assert.Equal("/national/workflows?done=restarted", restart.Headers.Location?.OriginalString);
        }
        var after = await national.PageAsync("/national/workflows?done=restarted");
        Assert.Contains("The workflow was restarted from the record", after, StringComparison.Ordinal);
        Assert.DoesNotContain(id + "</a>", after, StringComparison.Ordinal);
        // Pressed again (from a page still open elsewhere), the workflow is in step: the page says so instead of
        // starting another.
        using (var again = await national.PostFormAsync("/national/partners/new", $"/national/workflows/{id}/restart"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains(
                "Its workflow is in step",
                await again.Content.ReadAsStringAsync(),
                StringComparison.Ordinal
            );
        }
        var timeline = (await app.National().GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))![
            "timeline"
        ]!.AsArray();
        var line = Assert.Single(timeline, t =>
            t!["what"]!.GetValue<string>().StartsWith("Workflow restarted", StringComparison.Ordinal)
        );
        Assert.Equal("Nat Team", line!["by"]!.GetValue<string>());
    }
}
