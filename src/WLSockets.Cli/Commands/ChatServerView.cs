using System.Globalization;
using Spectre.Console;
using WLSockets.Chat;

namespace WLSockets.Cli.Commands;

/// <summary>The live view of <c>wlsock chat server</c>: the WinDev server window's table (client address, channel, last activity) plus message counts.</summary>
internal static class ChatServerView
{
    private static readonly TimeSpan s_refresh = TimeSpan.FromMilliseconds(500);

    public static async Task RunAsync(ChatServer server, ChatServerLog log, string? redis, CancellationToken cancellationToken)
    {
        await AnsiConsole.Live(Render(server, log, redis))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Crop)
            .StartAsync(async context =>
            {
                using var timer = new PeriodicTimer(s_refresh);
                try
                {
                    while (await timer.WaitForNextTickAsync(cancellationToken))
                    {
                        context.UpdateTarget(Render(server, log, redis));
                    }
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: the server stops.
                }
            });
    }

    private static Rows Render(ChatServer server, ChatServerLog log, string? redis)
    {
        IReadOnlyList<ChatClientInfo> clients = server.GetClients();
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.AddColumn("Client address");
        table.AddColumn("Channel");
        table.AddColumn("Last activity");
        table.AddColumn(new TableColumn("Received").RightAligned());
        table.AddColumn(new TableColumn("Sent").RightAligned());
        table.AddColumn(new TableColumn("Queued").RightAligned());
        int shown = Math.Max(1, Console.WindowHeight - 14);
        foreach (ChatClientInfo client in clients.Take(shown))
        {
            table.AddRow(
                Markup.Escape(client.Address.ToString()),
                client.ChannelName,
                client.LastActivity.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                client.MessagesReceived.ToString("N0", CultureInfo.InvariantCulture),
                client.MessagesSent.ToString("N0", CultureInfo.InvariantCulture),
                client.Queued.ToString("N0", CultureInfo.InvariantCulture));
        }

        if (clients.Count > shown)
        {
            table.Caption($"... and {clients.Count - shown} more");
        }

        string backplane = server.BackplaneState switch
        {
            ChatBackplaneState.None => "single server",
            ChatBackplaneState.Joined => $"[green]Redis {Markup.Escape(redis ?? "")}: joined[/]",
            ChatBackplaneState.Down => $"[red]Redis {Markup.Escape(redis ?? "")}: unreachable, local clients only[/]",
            _ => $"[yellow]Redis {Markup.Escape(redis ?? "")}: connecting[/]",
        };
        var header = new Markup(
            $"[bold]Chat server[/] on {Markup.Escape(server.LocalEndPoint.ToString())}   {clients.Count} client(s)   " +
            $"{server.MessagesReceived:N0} message(s) received   {server.MessagesFromOtherServers:N0} from other servers   " +
            $"{server.ClientsDropped:N0} dropped   {backplane}   [grey](Ctrl+C stops)[/]");
        IEnumerable<Markup> lines = log.Last(5).Select(l => new Markup("[grey]" + Markup.Escape(l) + "[/]"));
        return new Rows([header, table, .. lines]);
    }
}
