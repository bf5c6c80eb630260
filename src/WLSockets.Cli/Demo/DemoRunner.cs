using System.Diagnostics;
using WLSockets.Cli.Infrastructure;

namespace WLSockets.Cli.Demo;

/// <summary>Runs demo cases one after the other, each with its own <see cref="DemoContext"/> and a hard time limit.</summary>
internal sealed class DemoRunner(CliConsole console)
{
    /// <summary>The longest any single wait inside a case may take.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The longest a whole case may take, whatever it does.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    public async Task<DemoSummary> RunAsync(IReadOnlyList<IDemoCase> cases, CancellationToken cancellationToken)
    {
        int passed = 0;
        int failed = 0;
        console.WriteLine($"wlsock demo: {cases.Count} {(cases.Count == 1 ? "case" : "cases")}, each on its own loopback server (127.0.0.1, a free port).");
        for (int i = 0; i < cases.Count; i++)
        {
            IDemoCase demoCase = cases[i];
            console.WriteLine("");
            console.WriteLine(console.Colorize($"=== [{i + 1}/{cases.Count}] {demoCase.Name}: {demoCase.Title}", ConsoleColor.Cyan));
            string? failure = await RunOneAsync(demoCase, cancellationToken);
            if (failure is null)
            {
                passed++;
                console.WriteLine($"{console.Colorize("PASS", ConsoleColor.Green)} {demoCase.Name}");
            }
            else
            {
                failed++;
                console.WriteLine($"{console.Colorize("FAIL", ConsoleColor.Red)} {demoCase.Name}: {CliConsole.OneLine(failure)}");
            }

            if (cancellationToken.IsCancellationRequested)
            {
                console.ReportNote("demo interrupted.");
                failed += cases.Count - i - 1;
                break;
            }
        }

        console.WriteLine("");
        console.WriteLine($"demo: {passed} cases passed, {failed} failed");
        return new DemoSummary(passed, failed);
    }

    /// <summary>Runs one case; returns null on success, else the reason it failed.</summary>
    private async Task<string?> RunOneAsync(IDemoCase demoCase, CancellationToken cancellationToken)
    {
        using var caseBudget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        caseBudget.CancelAfter(CaseTimeout);
        var context = new DemoContext(console, WaitTimeout, caseBudget.Token);
        var clock = Stopwatch.StartNew();
        try
        {
            await demoCase.RunAsync(context).WaitAsync(CaseTimeout + TimeSpan.FromSeconds(1), cancellationToken);
            return null;
        }
        catch (DemoFailedException ex)
        {
            return ex.Message;
        }
        catch (WLSocketException ex)
        {
            return $"{ex.Error}: {ex.Message}";
        }
        catch (TimeoutException)
        {
            return $"the case did not finish within {CaseTimeout.TotalSeconds:0} s";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return "interrupted";
        }
        catch (OperationCanceledException)
        {
            return $"the case did not finish within {CaseTimeout.TotalSeconds:0} s (after {clock.Elapsed.TotalSeconds:0.0} s)";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in the case or the library: report it as a failure rather than stopping the demo.
            return $"unexpected {ex.GetType().Name}: {ex.Message}";
        }
        finally
        {
            try
            {
                await context.DisposeAsync().AsTask().WaitAsync(WaitTimeout, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                console.ReportWarning($"demo case {demoCase.Name}: cleanup took longer than {WaitTimeout.TotalSeconds:0} s.");
            }
        }
    }
}
