using Pathfinder.LocalHost;

await LocalProgramme.Build(args).RunAsync();
