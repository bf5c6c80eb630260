using WLSockets.Cli;

return await CliApp.RunAsync(args);
