namespace WLSockets.Cli.Bench;

/// <summary>
/// Builds the cells (scenario × system × framing), samples them in alternating rounds (A B C … then … C B A) so that
/// background load on a shared machine hits every system alike, and reduces each cell to the medians of its samples.
/// </summary>
internal sealed class BenchEngine(BenchSettings settings, IReadOnlyList<IBenchSystem> systems)
{
    /// <summary>Notes about what was left out (a missing tool, a skipped system).</summary>
    public List<string> Notes { get; } = [];

    public int CountSamples() => BuildCells().Sum(c => c.Rounds(settings));

    /// <summary>Runs every cell; <paramref name="progress"/> is called after each sample with a description.</summary>
    public async Task<List<ResultRow>> RunAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        var rows = new List<ResultRow>();
        foreach (IGrouping<string, Cell> scenario in BuildCells().GroupBy(c => c.Scenario))
        {
            List<Cell> cells = [.. scenario];
            try
            {
                foreach (Cell cell in cells)
                {
                    await cell.SetUpAsync(cancellationToken);
                }

                int rounds = cells.Max(c => c.Rounds(settings));
                for (int round = 0; round < rounds; round++)
                {
                    IEnumerable<Cell> order = round % 2 == 0 ? cells : Enumerable.Reverse(cells);
                    foreach (Cell cell in order.Where(c => round < c.Rounds(settings)))
                    {
                        try
                        {
                            cell.Samples.Add(await cell.RunAsync(cancellationToken));
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                        {
                            cell.Failure ??= ex.Message;
                        }

                        progress($"{cell.Scenario} {cell.System} {cell.Framing}");
                    }
                }
            }
            finally
            {
                foreach (Cell cell in cells)
                {
                    await cell.DisposeAsync();
                }
            }

            rows.AddRange(cells.Select(Reduce));
        }

        return rows;
    }

    private List<Cell> BuildCells()
    {
        var cells = new List<Cell>();
        IBenchSystem[] active = [.. systems.Where(s => !settings.Skip.Contains(s.Name))];
        IEnumerable<IBenchSystem> Core() => active.Where(s => s.Name != "wlsock-facade");
        int small = settings.SmallSize;
        foreach (string scenario in settings.Scenarios)
        {
            switch (scenario)
            {
                case BenchSettings.PingPong:
                    foreach (IBenchSystem system in active)
                    {
                        foreach (string framing in system.Framings)
                        {
                            cells.Add(Cell.ForSystem(scenario, system, framing, 1, small, ServerRole.Echo,
                                async (server, ct) =>
                                {
                                    await using IBenchClient client = await system.ConnectAsync(server.EndPoint, framing, ct);
                                    return await Task.Factory.StartNew(() => Load.PingPongAsync(client, small, settings.WarmUp, settings.Duration, settings.MaxMessages, ct),
                                        ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
                                }));
                        }
                    }

                    AddExternal(cells, "sockperf", scenario, small, (tool, ct) => tool.PingPongAsync(small, settings.Duration, ct));
                    break;
                case BenchSettings.Pipelined:
                    foreach (int connections in settings.PipelinedConnections)
                    {
                        foreach (IBenchSystem system in Core())
                        {
                            foreach (string framing in system.Framings)
                            {
                                cells.Add(Cell.ForSystem($"{scenario}-{connections}", system, framing, connections, small, ServerRole.Echo,
                                    async (server, ct) =>
                                    {
                                        var clients = new List<IBenchClient>();
                                        for (int i = 0; i < connections; i++)
                                        {
                                            clients.Add(await system.ConnectAsync(server.EndPoint, framing, ct));
                                        }

                                        return await Load.PipelinedAsync(clients, small, settings.InFlight, settings.WarmUp, settings.Duration, settings.MaxMessages, ct);
                                    }));
                            }
                        }
                    }

                    break;
                case BenchSettings.Bulk:
                    int big = settings.BulkSize;
                    foreach (IBenchSystem system in Core())
                    {
                        foreach (string framing in system.Framings)
                        {
                            cells.Add(Cell.ForSystem(scenario, system, framing, 1, big, ServerRole.Sink,
                                async (server, ct) =>
                                {
                                    IBenchClient client = await system.ConnectAsync(server.EndPoint, framing, ct);
                                    return await Load.BulkAsync(client, server, big, settings.WarmUp, settings.Duration, settings.MaxMessages, ct);
                                }));
                        }
                    }

                    AddExternal(cells, "iperf3", scenario, big, (tool, ct) => tool.BulkAsync(settings.Duration, ct));
                    break;
                case BenchSettings.Connections:
                    foreach (IBenchSystem system in Core().Where(s => s.Name is "wlsock" or "raw-sockets"))
                    {
                        string framing = system.Framings.Contains("length") ? "length" : system.Framings[0];
                        cells.Add(Cell.ForSystem(scenario, system, framing, settings.ConnectionCount, 32, ServerRole.Echo,
                            (server, ct) => ConnectionsLoad.RunAsync(server, framing, settings.ConnectionCount, ct), rounds: 1));
                    }

                    break;
                default:
                    throw new ArgumentException($"Unknown scenario '{scenario}'.", nameof(settings));
            }
        }

        return cells;
    }

    private void AddExternal(List<Cell> cells, string program, string scenario, int size, Func<ExternalTool, CancellationToken, Task<Sample>> run)
    {
        if (!settings.External || settings.Skip.Contains(program))
        {
            return;
        }

        if (ExternalTool.Find(program, out string? missing) is { } tool)
        {
            cells.Add(Cell.ForTool(scenario, tool, size, run));
        }
        else
        {
            Notes.Add(missing!);
        }
    }

    private static ResultRow Reduce(Cell cell)
    {
        List<Sample> samples = cell.Samples;
        double? Median(Func<Sample, double?> pick)
        {
            double[] values = [.. samples.Select(pick).Where(v => v is not null && !double.IsNaN(v.Value)).Select(v => v!.Value).Order()];
            return values.Length == 0 ? null : values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
        }

        double? Micros(Sample s, double percentile) => s.Latency is { Count: > 0 } h ? h.Percentile(percentile) / 1000 : null;
        bool external = cell.System is "sockperf" or "iperf3";
        return new ResultRow
        {
            Scenario = cell.Scenario,
            System = cell.System,
            Framing = cell.Framing,
            Connections = cell.Connections,
            MessageSize = cell.Size,
            Samples = samples.Count,
            MessagesPerSecond = Median(s => s.MessagesPerSecond) ?? 0,
            MegabytesPerSecond = Median(s => s.MegabytesPerSecond) ?? 0,
            P50Microseconds = Median(s => s.ReportedP50Microseconds ?? Micros(s, 50)),
            P99Microseconds = Median(s => Micros(s, 99)),
            P999Microseconds = Median(s => Micros(s, 99.9)),
            CpuMicrosecondsPerMessage = external ? null : Median(s => s.Messages > 0 ? s.CpuSeconds / s.Messages * 1e6 : null),
            CpuCores = external ? null : Median(s => s.Seconds > 0 ? s.CpuSeconds / s.Seconds : null),
            AllocatedBytesPerMessage = Median(s => s.AllocatedBytes is { } a && s.Messages > 0 ? (double)a / s.Messages : null),
            BytesPerConnection = Median(s => s.BytesPerConnection),
            ManagedBytesPerConnection = Median(s => s.ManagedBytesPerConnection),
            Answered = samples.Select(s => s.Answered).LastOrDefault(a => a is not null),
            Note = cell.Failure is { } failure ? "failed: " + failure : samples.Select(s => s.Note).LastOrDefault(n => n is not null),
        };
    }

    /// <summary>One scenario × system × framing, with its server (or external tool) kept up across the rounds.</summary>
    private sealed class Cell : IAsyncDisposable
    {
        private Func<CancellationToken, Task> _setUp = _ => Task.CompletedTask;
        private Func<CancellationToken, Task<Sample>> _run = _ => throw new InvalidOperationException("no run");
        private Func<ValueTask> _dispose = () => ValueTask.CompletedTask;
        private int? _rounds;

        public required string Scenario { get; init; }

        public required string System { get; init; }

        public required string Framing { get; init; }

        public int Connections { get; init; }

        public int Size { get; init; }

        public List<Sample> Samples { get; } = [];

        public string? Failure { get; set; }

        public int Rounds(BenchSettings settings) => _rounds ?? settings.Rounds;

        public static Cell ForSystem(string scenario, IBenchSystem system, string framing, int connections, int size, ServerRole role,
            Func<IBenchServer, CancellationToken, Task<Sample>> run, int? rounds = null)
        {
            IBenchServer? server = null;
            var cell = new Cell { Scenario = scenario, System = system.Name, Framing = framing, Connections = connections, Size = size, _rounds = rounds };
            cell._setUp = async ct => server = await system.StartServerAsync(framing, role, ct);
            cell._run = ct => run(server ?? throw new InvalidOperationException("The server did not start."), ct);
            cell._dispose = () => server?.DisposeAsync() ?? ValueTask.CompletedTask;
            return cell;
        }

        public static Cell ForTool(string scenario, ExternalTool tool, int size, Func<ExternalTool, CancellationToken, Task<Sample>> run) => new()
        {
            Scenario = scenario,
            System = tool.Name,
            Framing = "-",
            Connections = 1,
            Size = size,
            _setUp = tool.StartServerAsync,
            _run = ct => run(tool, ct),
            _dispose = tool.DisposeAsync,
        };

        public async Task SetUpAsync(CancellationToken cancellationToken)
        {
            try
            {
                await _setUp(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Failure = ex.Message;
                _run = _ => throw new InvalidOperationException(Failure);
            }
        }

        public Task<Sample> RunAsync(CancellationToken cancellationToken) => _run(cancellationToken);

        public ValueTask DisposeAsync() => _dispose();
    }
}
