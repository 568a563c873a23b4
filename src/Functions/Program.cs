using Microsoft.Azure.Functions.Worker.Builder;
using Pathfinder.Functions.Hosting;

// The Functions host starts this worker; the local host (src/LocalHost) runs the same functions without it.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Logs reach Application Insights through the Functions host (APPLICATIONINSIGHTS_CONNECTION_STRING), with the
// Durable extension's own tracking; the worker needs no telemetry SDK of its own.
builder.Services.AddProgramme(builder.Configuration);
await builder.Build().RunAsync();
