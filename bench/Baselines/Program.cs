using WLSockets.Bench.Baselines;
using WLSockets.Cli;

// "wlsock bench" with one more baseline: every option of wlsock bench applies (--out DIR, --quick, --plot ...).
string[] benchArgs = args.Length > 0 && args[0] == "bench" ? args : ["bench", .. args];
return await CliApp.RunAsync(benchArgs, [new DotNettySystem()]);
