using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Pathfinder.Functions.Composition;
using Pathfinder.Functions.Hosting;

// The Functions host starts this worker; the local host (src/LocalHost) runs the same functions without it.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// After the ASP.NET Core integration, which gives each HTTP invocation the HttpContext the headers are set on.
builder.UseMiddleware<SecurityHeadersMiddleware>();

// Logs reach Application Insights through the Functions host (APPLICATIONINSIGHTS_CONNECTION_STRING), with the
// Durable extension's own tracking; the worker needs no telemetry SDK of its own.
builder.Services.AddProgramme(builder.Configuration);
await builder.Build().RunAsync();
